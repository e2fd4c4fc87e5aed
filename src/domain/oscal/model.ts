import { URL_NAMESPACE, uuidV5 } from './uuid.ts';

/**
 * The OSCAL version every document OpsReady writes declares and is checked against: 1.1.3, the
 * last release of the 1.1 line (NIST, 26 November 2024). Its JSON schema is kept in
 * tests/fixtures/oscal/ and every written document is validated against it in the unit tests.
 */
export const OSCAL_VERSION = '1.1.3';

/**
 * The namespace of OpsReady's own props and parts (`ns`). OSCAL requires a URI whose owner defines
 * the names in it; `opsready.example` is reserved for examples by RFC 2606, so this one can never
 * be claimed by someone else, and the names in it are listed in the README's OSCAL section.
 */
export const OPSREADY_NS = 'https://opsready.example/ns/oscal';

/** NIST's namespace for the 800-53A assessment method names (EXAMINE, INTERVIEW, TEST). */
export const RMF_NS = 'http://csrc.nist.gov/ns/rmf';

/**
 * The UUIDv5 namespace every OpsReady UUID is derived in: itself the UUIDv5 of OPSREADY_NS in the
 * URL namespace (dcdb7a47-77c1-5de5-aa6e-5ab8f1e18c2d), so anyone can recompute it.
 */
export const OPSREADY_UUID_NAMESPACE = uuidV5(URL_NAMESPACE, OPSREADY_NS);

/** The stable UUID of one named thing; names are written `kind:…` so kinds never collide. */
export function derivedUuid(name: string): string {
  return uuidV5(OPSREADY_UUID_NAMESPACE, name);
}

export interface OscalProp {
  readonly name: string;
  readonly value: string;
  readonly ns?: string;
  readonly class?: string;
  readonly remarks?: string;
}

export interface OscalLink {
  readonly href: string;
  readonly rel?: string;
  readonly text?: string;
}

export interface OscalPart {
  readonly id?: string;
  readonly name: string;
  readonly ns?: string;
  readonly class?: string;
  readonly title?: string;
  readonly props?: readonly OscalProp[];
  readonly prose?: string;
  readonly parts?: readonly OscalPart[];
  readonly links?: readonly OscalLink[];
}

export interface OscalMetadata {
  readonly title: string;
  readonly 'last-modified': string;
  readonly version: string;
  readonly 'oscal-version': string;
  readonly published?: string;
  readonly props?: readonly OscalProp[];
  readonly roles?: readonly { readonly id: string; readonly title: string }[];
  readonly parties?: readonly {
    readonly uuid: string;
    readonly type: 'person' | 'organization';
    readonly name: string;
    readonly props?: readonly OscalProp[];
  }[];
  readonly 'responsible-parties'?: readonly {
    readonly 'role-id': string;
    readonly 'party-uuids': readonly string[];
  }[];
  readonly remarks?: string;
}

export interface OscalResource {
  readonly uuid: string;
  readonly title?: string;
  readonly description?: string;
  readonly props?: readonly OscalProp[];
  readonly citation?: { readonly text: string };
  readonly rlinks?: readonly { readonly href: string }[];
  readonly remarks?: string;
}

/** One of OpsReady's props. */
export function ours(name: string, value: string, extra: Partial<OscalProp> = {}): OscalProp {
  return { name, value, ns: OPSREADY_NS, ...extra };
}

/**
 * A prop's value must match `^\S(.*\S)?$` (one line, no surrounding space); OpsReady's ids and
 * numbers always do, free text is folded onto one line first.
 */
export function propValue(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one === '' ? '-' : one;
}

/** An OSCAL date-time must carry a time zone; OpsReady keeps every time in UTC. */
export function utcDateTime(iso: string): string {
  return new Date(iso).toISOString();
}
