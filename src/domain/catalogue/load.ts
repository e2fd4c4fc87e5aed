import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import {
  catalogueFileSchema,
  type ArchitectureFeature,
  type AttackVector,
  type Catalogue,
  type CatalogueFile,
  type CatalogueMeta,
  type CatalogueMigration,
  type Control,
  type Domain,
  type FundsPool,
  type Incident,
  type ScaleLevel,
} from './schema.ts';
import { compareVersions } from './version.ts';
import { parseJson } from '../json.ts';
import { threatProfileSchema, type ThreatProfile } from '../threat/profile.ts';
import { checkLedgerReferences, ledgerProfile, type IncidentLedger } from '../threat/ledger.ts';
import {
  fail,
  findUnsafeKeys,
  ok,
  problemsFromZod,
  type Problem,
  type Result,
} from '../validation.ts';

export interface SourceFile {
  /** Shown in every problem, so use the path a person would open, e.g. `controls/keys.yaml`. */
  readonly name: string;
  readonly text: string;
}

/** Alias expansion is capped so a small hostile file cannot expand into gigabytes (a "billion laughs"). */
const MAX_ALIAS_COUNT = 50;

/**
 * Parses YAML with the core schema only: no custom tags, no language-specific types, duplicate keys
 * rejected. A `.json` file is read as JSON, with the same refusals (duplicate and prototype keys):
 * the YAML parser would accept it too, JSON being a subset, but takes 7.5 s for a 3 MB catalogue
 * (an imported OSCAL catalog, converted) where the JSON reader takes 0.2 s.
 */
export function parseDataFile(file: SourceFile): Result<unknown> {
  if (/\.json$/i.test(file.name)) return parseJson(file.text, file.name);
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, {
    schema: 'core',
    customTags: [],
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
  });
  const errors = [...doc.errors, ...doc.warnings];
  if (errors.length > 0) {
    return fail(
      errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          source: file.name,
          path: `line ${pos.line}, column ${pos.col}`,
          message: `not valid YAML: ${e.message.split('\n')[0] ?? e.message}`,
        };
      }),
    );
  }
  try {
    return ok(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  } catch (e) {
    return fail([
      {
        source: file.name,
        path: '(root)',
        message: `not valid YAML: ${e instanceof Error ? e.message : String(e)}`,
      },
    ]);
  }
}

/** Reads `controls[2].levels[3]` back into keys, the inverse of formatPath. */
function parsePath(path: string): PropertyKey[] | undefined {
  const keys: PropertyKey[] = [];
  const token = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let match: RegExpExecArray | null;
  while (token.lastIndex < path.length && (match = token.exec(path)) !== null) {
    if (match[1] !== undefined) keys.push(match[1]);
    else if (match[2] !== undefined) keys.push(Number(match[2]));
    else if (match[3] !== undefined) keys.push(JSON.parse(match[3]) as string);
  }
  return token.lastIndex === path.length ? keys : undefined;
}

/** Adds the line a data path points at, so an editor can jump straight to it. */
export function withLines(problems: readonly Problem[], files: readonly SourceFile[]): Problem[] {
  const locators = new Map<string, ReturnType<typeof makeLocator>>();
  return problems.map((problem) => {
    const file = files.find((f) => f.name === problem.source);
    const keys = parsePath(problem.path);
    if (!file || !keys || keys.length === 0) return problem;
    let locate = locators.get(file.name);
    if (!locate) {
      locate = makeLocator(file);
      locators.set(file.name, locate);
    }
    const line = locate(keys);
    return line === undefined
      ? problem
      : { ...problem, message: `${problem.message} (line ${line})` };
  });
}

function makeLocator(file: SourceFile): (path: readonly PropertyKey[]) => number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { schema: 'core', lineCounter });
  return (path) => {
    let node: Node | null | undefined = doc.contents;
    let last = node;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
        node = pair?.value as Node | null | undefined;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key] as Node | null | undefined;
      } else {
        node = undefined;
      }
      if (node == null) break;
      last = node;
    }
    const offset = last?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
}

interface Located<T> {
  readonly item: T;
  readonly source: string;
  readonly path: string;
}

/**
 * Loads a catalogue from one or more files: parse, validate each file against the file schema,
 * merge, then check everything that spans files (unique ids, references, a complete scale).
 * Files are merged in name order so the result never depends on the order they were read in.
 */
export function loadCatalogue(files: readonly SourceFile[]): Result<Catalogue> {
  const problems: Problem[] = [];
  const parsed: { file: SourceFile; data: CatalogueFile }[] = [];

  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const file of sorted) {
    const raw = parseDataFile(file);
    if (!raw.ok) {
      problems.push(...raw.problems);
      continue;
    }
    const unsafe = findUnsafeKeys(file.name, raw.value);
    if (unsafe.length > 0) {
      problems.push(...unsafe);
      continue;
    }
    const checked = catalogueFileSchema.safeParse(raw.value);
    if (!checked.success) {
      problems.push(...problemsFromZod(file.name, checked.error));
      continue;
    }
    parsed.push({ file, data: checked.data });
  }
  if (problems.length > 0) return fail(withLines(problems, sorted));
  if (files.length === 0) {
    return fail([{ source: '(catalogue)', path: '(root)', message: 'no catalogue files found' }]);
  }

  const metas: Located<CatalogueMeta>[] = [];
  const scales: Located<readonly ScaleLevel[]>[] = [];
  const domains: Located<Domain>[] = [];
  const features: Located<ArchitectureFeature>[] = [];
  const vectors: Located<AttackVector>[] = [];
  const pools: Located<FundsPool>[] = [];
  const controls: Located<Control>[] = [];
  const incidents: Located<Incident>[] = [];
  const profiles: Located<ThreatProfile>[] = [];
  const ledgers: Located<IncidentLedger>[] = [];
  const vendorAssurance: Located<string>[] = [];
  const migrations: Located<CatalogueMigration>[] = [];
  for (const { file, data } of parsed) {
    if (data.catalogue) metas.push({ item: data.catalogue, source: file.name, path: 'catalogue' });
    if (data.scale) scales.push({ item: data.scale, source: file.name, path: 'scale' });
    data.domains?.forEach((d, i) =>
      domains.push({ item: d, source: file.name, path: `domains[${i}]` }),
    );
    data.architecture?.forEach((f, i) =>
      features.push({ item: f, source: file.name, path: `architecture[${i}]` }),
    );
    data.pools?.forEach((p, i) => pools.push({ item: p, source: file.name, path: `pools[${i}]` }));
    data.vectors?.forEach((v, i) =>
      vectors.push({ item: v, source: file.name, path: `vectors[${i}]` }),
    );
    data.controls?.forEach((c, i) =>
      controls.push({ item: c, source: file.name, path: `controls[${i}]` }),
    );
    data.incidents?.forEach((x, i) =>
      incidents.push({ item: x, source: file.name, path: `incidents[${i}]` }),
    );
    data.profiles?.forEach((p, i) =>
      profiles.push({ item: p, source: file.name, path: `profiles[${i}]` }),
    );
    data.ledgers?.forEach((l, i) =>
      ledgers.push({ item: l, source: file.name, path: `ledgers[${i}]` }),
    );
    data.vendorAssurance?.forEach((id, i) =>
      vendorAssurance.push({ item: id, source: file.name, path: `vendorAssurance[${i}]` }),
    );
    data.migrations?.forEach((m, i) =>
      migrations.push({ item: m, source: file.name, path: `migrations[${i}]` }),
    );
  }

  const meta = exactlyOne(metas, 'catalogue', 'the catalogue id, name and version', problems);
  const scale = exactlyOne(scales, 'scale', 'the maturity scale', problems);
  if (scale) checkScale(scale, problems);
  if (meta) checkChangelog(meta, problems);
  if (domains.length === 0) {
    problems.push({
      source: '(catalogue)',
      path: 'domains',
      message: 'expected at least one domain',
    });
  }

  const domainById = uniqueById(domains, 'domain', problems);
  const featureById = uniqueById(features, 'architecture feature', problems);
  const vectorById = uniqueById(vectors, 'attack vector', problems);
  for (const { item, source, path } of [...vectors, ...controls, ...pools]) {
    checkAppliesTo(item.appliesTo, featureById, source, path, problems);
  }
  checkReaches(vectors, uniqueById(pools, 'funds pool', problems), problems);
  const controlById = uniqueById(controls, 'control', problems);
  const incidentById = uniqueById(incidents, 'incident', problems);
  // After the written profiles, so the default and the file order stay as they were.
  profiles.push(...ledgerProfiles(ledgers, vectorById, incidentById, problems));
  uniqueById(profiles, 'threat profile', problems);
  domains.forEach(({ item, source, path }, i) => {
    const first = domains.findIndex((d) => d.item.prefix === item.prefix);
    if (first < i) {
      problems.push({
        source,
        path: `${path}.prefix`,
        message: `prefix "${item.prefix}" is already used by domain "${domains[first]?.item.id ?? '?'}"`,
      });
    }
  });

  for (const { item: c, source, path } of controls) {
    const domain = domainById.get(c.domain);
    if (!domain) {
      problems.push({
        source,
        path: `${path}.domain`,
        message: `unknown domain "${c.domain}"; expected one of ${listIds(domainById)}`,
      });
    } else if (!c.id.startsWith(`${domain.prefix}-`)) {
      problems.push({
        source,
        path: `${path}.id`,
        message: `control "${c.id}" is in domain "${domain.id}", so its id must start with "${domain.prefix}-"`,
      });
    }
    if (c.vectors.every((v) => vectorById.get(v.vector)?.amplifier === true)) {
      problems.push({
        source,
        path: `${path}.vectors`,
        message: `control "${c.id}" only addresses amplifier vectors (${c.vectors.map((v) => v.vector).join(', ')}); add the attack vector whose losses it reduces, or it carries no weight`,
      });
    }
    c.vectors.forEach((v, i) => {
      if (c.vectors.findIndex((other) => other.vector === v.vector) < i) {
        problems.push({
          source,
          path: `${path}.vectors[${i}].vector`,
          message: `attack vector "${v.vector}" is listed twice; list its effects once`,
        });
      } else if (!vectorById.has(v.vector)) {
        problems.push({
          source,
          path: `${path}.vectors[${i}].vector`,
          message: `unknown attack vector "${v.vector}"; expected one of ${listIds(vectorById)}`,
        });
      }
    });
    if (scale) {
      const levels = scale.item.length;
      if (c.levels.length !== levels) {
        problems.push({
          source,
          path: `${path}.levels`,
          message: `control "${c.id}" has ${c.levels.length} level descriptors; expected ${levels}, one for each level 0–${levels - 1} of the scale`,
        });
      }
      if (c.baseline > levels - 1) {
        problems.push({
          source,
          path: `${path}.baseline`,
          message: `baseline ${c.baseline} is above the top of the scale (${levels - 1})`,
        });
      }
    }
  }

  for (const { item: d, source, path } of domains) {
    if (!controls.some((c) => c.item.domain === d.id)) {
      problems.push({ source, path, message: `domain "${d.id}" has no controls` });
    }
  }

  checkProfiles(profiles, vectorById, problems);
  for (const { item: profile, source, path } of profiles) {
    profile.shares.forEach((share, i) => {
      const addressed = controls.some((c) => c.item.vectors.some((v) => v.vector === share.vector));
      if (share.loss > 0 && vectorById.has(share.vector) && !addressed) {
        problems.push({
          source,
          path: `${path}.shares[${i}].vector`,
          message: `profile "${profile.id}" weights "${share.vector}", but no control addresses it; add a control or drop the share`,
        });
      }
    });
  }

  vendorAssurance.forEach(({ item: id, source, path }, i) => {
    if (!controlById.has(id)) {
      problems.push({
        source,
        path,
        message: `unknown control "${id}"; expected the id of a control in the catalogue`,
      });
    } else if (vendorAssurance.findIndex((o) => o.item === id) < i) {
      problems.push({ source, path, message: `control "${id}" is listed twice; list it once` });
    }
  });
  const assurance = new Set(vendorAssurance.map((v) => v.item));

  checkMigrations(migrations, controlById, meta?.item.version, problems);

  const topLevel = scale ? scale.item.length - 1 : undefined;
  for (const { item: incident, source, path } of incidents) {
    incident.vectors.forEach((v, i) => {
      if (!vectorById.has(v)) {
        problems.push({
          source,
          path: `${path}.vectors[${i}]`,
          message: `unknown attack vector "${v}"; expected one of ${listIds(vectorById)}`,
        });
      }
    });
    incident.steps.forEach((step, s) => {
      const stepPath = `${path}.steps[${s}]`;
      if (step.vector !== undefined && !vectorById.has(step.vector)) {
        problems.push({
          source,
          path: `${stepPath}.vector`,
          message: `unknown attack vector "${step.vector}"; expected one of ${listIds(vectorById)}`,
        });
      }
      step.breaks.forEach((b, i) => {
        if (!controlById.has(b.control)) {
          problems.push({
            source,
            path: `${stepPath}.breaks[${i}].control`,
            message: `unknown control "${b.control}"; expected the id of a control in the catalogue`,
          });
        }
        if (topLevel !== undefined && b.level > topLevel) {
          problems.push({
            source,
            path: `${stepPath}.breaks[${i}].level`,
            message: `level ${b.level} is above the top of the scale (${topLevel})`,
          });
        }
        if (step.breaks.findIndex((o) => o.control === b.control) < i) {
          problems.push({
            source,
            path: `${stepPath}.breaks[${i}].control`,
            message: `control "${b.control}" is listed twice for this step; list it once`,
          });
        }
        if (b.uncertain === true && b.because === undefined) {
          problems.push({
            source,
            path: `${stepPath}.breaks[${i}].because`,
            message: 'an uncertain break must say why: add `because`',
          });
        }
        if (b.because !== undefined && b.uncertain !== true) {
          problems.push({
            source,
            path: `${stepPath}.breaks[${i}].uncertain`,
            message:
              '`because` explains an uncertain break; add `uncertain: true` or drop `because`',
          });
        }
        // The team's answer to a vendor-assurance control already stands in for every
        // vendor-held break, so naming one as held by a vendor would count it twice.
        if (b.holder === 'vendor' && assurance.has(b.control)) {
          problems.push({
            source,
            path: `${stepPath}.breaks[${i}].holder`,
            message: `control "${b.control}" is a vendor-assurance answer; a vendor-held break cannot name it`,
          });
        }
      });
    });
  }

  if (problems.length > 0 || !meta || !scale) return fail(withLines(problems, sorted));

  const orderedDomains = domains.map((d) => d.item);
  const orderedControls = orderedDomains.flatMap((d) =>
    controls.filter((c) => c.item.domain === d.id).map((c) => c.item),
  );
  return ok({
    meta: meta.item,
    scale: [...scale.item],
    domains: orderedDomains,
    architecture: features.map((f) => f.item),
    ...(pools.length > 0 ? { pools: pools.map((p) => p.item) } : {}),
    vectors: vectors.map((v) => v.item),
    controls: orderedControls,
    // Newest first; ties by id so the order never depends on file order.
    incidents: incidents
      .map((x) => x.item)
      .sort((a, b) => (a.date === b.date ? compare(a.id, b.id) : compare(b.date, a.date))),
    profiles: profiles
      .map((p) => p.item)
      .sort((a, b) => Number(b.default === true) - Number(a.default === true)),
    ...(assurance.size > 0 ? { vendorAssurance: [...assurance] } : {}),
    ...(migrations.length > 0
      ? {
          migrations: migrations
            .map((m) => m.item)
            .sort((a, b) => compareVersions(a.version, b.version) ?? 0),
        }
      : {}),
  });
}

function checkMigrations(
  migrations: readonly Located<CatalogueMigration>[],
  controlById: ReadonlyMap<string, Control>,
  version: string | undefined,
  problems: Problem[],
): void {
  migrations.forEach(({ item: m, source, path }, n) => {
    if (version !== undefined && (compareVersions(m.version, version) ?? 1) > 0) {
      problems.push({
        source,
        path: `${path}.version`,
        message: `migration for ${m.version} is newer than the catalogue (${version}); expected a version up to ${version}`,
      });
    }
    if (!controlById.has(m.into)) {
      problems.push({
        source,
        path: `${path}.into`,
        message: `unknown control "${m.into}"; expected the id of a control in the catalogue`,
      });
    }
    const earlier = migrations.findIndex(
      (o) => o.item.version === m.version && o.item.into === m.into,
    );
    if (earlier < n) {
      problems.push({
        source,
        path: `${path}.into`,
        message: `control "${m.into}" already takes answers in ${m.version} (${migrations[earlier]?.path ?? '?'}); list all its sources in one migration`,
      });
    }
    m.from.forEach((id, i) => {
      const at = `${path}.from[${i}]`;
      if (id === m.into) {
        problems.push({
          source,
          path: at,
          message: `control "${id}" cannot carry answers into itself`,
        });
      } else if (!controlById.has(id)) {
        problems.push({
          source,
          path: at,
          message: `unknown control "${id}"; expected the id of a control in the catalogue (a merged control keeps its id)`,
        });
      } else if (m.from.indexOf(id) < i) {
        problems.push({
          source,
          path: at,
          message: `control "${id}" is listed twice; list it once`,
        });
      }
    });
  });
}

function exactlyOne<T>(
  found: readonly Located<T>[],
  section: string,
  what: string,
  problems: Problem[],
): Located<T> | undefined {
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    problems.push({
      source: '(catalogue)',
      path: section,
      message: `no file defines "${section}" (${what}); expected exactly one`,
    });
  } else {
    for (const extra of found.slice(1)) {
      problems.push({
        source: extra.source,
        path: extra.path,
        message: `"${section}" is already defined in ${found[0]?.source ?? '?'}; expected exactly one`,
      });
    }
  }
  return undefined;
}

function checkProfiles(
  profiles: readonly Located<ThreatProfile>[],
  vectorById: ReadonlyMap<string, AttackVector>,
  problems: Problem[],
): void {
  const defaults = profiles.filter((p) => p.item.default === true);
  for (const extra of defaults.slice(1)) {
    problems.push({
      source: extra.source,
      path: `${extra.path}.default`,
      message: `profile "${defaults[0]?.item.id ?? '?'}" is already the default; expected at most one`,
    });
  }
  for (const { item: profile, source, path } of profiles) {
    profile.shares.forEach((s, i) => {
      const vector = vectorById.get(s.vector);
      if (!vector) {
        problems.push({
          source,
          path: `${path}.shares[${i}].vector`,
          message: `unknown attack vector "${s.vector}"; expected one of ${listIds(vectorById)}`,
        });
      } else if (vector.amplifier === true) {
        problems.push({
          source,
          path: `${path}.shares[${i}].vector`,
          message: `"${s.vector}" is an amplifier, not a cause of incidents, so it takes no share; weight the vectors whose losses it enlarges`,
        });
      }
    });
  }
}

/**
 * Every vector that causes incidents says which pools it can take from, so the dollar view never
 * caps a loss by a guess; amplifiers cause no incident of their own and reach nothing.
 */
function checkReaches(
  vectors: readonly Located<AttackVector>[],
  poolById: ReadonlyMap<string, FundsPool>,
  problems: Problem[],
): void {
  for (const { item: v, source, path } of vectors) {
    if (v.amplifier === true) {
      if (v.reaches !== undefined) {
        problems.push({
          source,
          path: `${path}.reaches`,
          message: `"${v.id}" is an amplifier, which causes no incident of its own; leave reaches out`,
        });
      }
      continue;
    }
    if (v.reaches === undefined) {
      if (poolById.size > 0) {
        problems.push({
          source,
          path: `${path}.reaches`,
          message: `expected the funds pools "${v.id}" can take from (one or more of ${listIds(poolById)})`,
        });
      }
      continue;
    }
    v.reaches.forEach((id, i) => {
      if (v.reaches?.indexOf(id) !== i) {
        problems.push({
          source,
          path: `${path}.reaches[${i}]`,
          message: `pool "${id}" is listed twice; list it once`,
        });
      } else if (!poolById.has(id)) {
        problems.push({
          source,
          path: `${path}.reaches[${i}]`,
          message:
            poolById.size === 0
              ? `unknown funds pool "${id}"; the catalogue declares none (add a "pools" section)`
              : `unknown funds pool "${id}"; expected one of ${listIds(poolById)}`,
        });
      }
    });
  }
}

/**
 * The profile each ledger gives, computed from its incidents once its references hold: a ledger
 * whose vectors or attack paths do not match the catalogue gives no profile, only its problems.
 * The built profile passes the same schema as one written by hand, located at the ledger.
 */
function ledgerProfiles(
  ledgers: readonly Located<IncidentLedger>[],
  vectorById: ReadonlyMap<string, AttackVector>,
  incidentById: ReadonlyMap<string, Incident>,
  problems: Problem[],
): Located<ThreatProfile>[] {
  const out: Located<ThreatProfile>[] = [];
  for (const { item: ledger, source, path } of ledgers) {
    const found = checkLedgerReferences(ledger, { vectors: vectorById, paths: incidentById });
    if (found.length > 0) {
      problems.push(
        ...found.map((p) => ({ source, path: `${path}.${p.path}`, message: p.message })),
      );
      continue;
    }
    const built = threatProfileSchema.safeParse(ledgerProfile(ledger));
    if (!built.success) {
      problems.push(
        ...built.error.issues.map((issue) => ({
          source,
          path: `${path}.profile`,
          message: `the profile computed from this ledger is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
        })),
      );
      continue;
    }
    out.push({ item: built.data, source, path: `${path}.profile` });
  }
  return out;
}

function checkAppliesTo(
  appliesTo: readonly string[] | undefined,
  featureById: ReadonlyMap<string, ArchitectureFeature>,
  source: string,
  path: string,
  problems: Problem[],
): void {
  appliesTo?.forEach((id, i) => {
    if (appliesTo.indexOf(id) < i) {
      problems.push({
        source,
        path: `${path}.appliesTo[${i}]`,
        message: `feature "${id}" is listed twice; list it once`,
      });
    } else if (!featureById.has(id)) {
      problems.push({
        source,
        path: `${path}.appliesTo[${i}]`,
        message:
          featureById.size === 0
            ? `unknown architecture feature "${id}"; the catalogue declares none (add an "architecture" section)`
            : `unknown architecture feature "${id}"; expected one of ${listIds(featureById)}`,
      });
    }
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkChangelog(meta: Located<CatalogueMeta>, problems: Problem[]): void {
  const latest = meta.item.changelog?.[0];
  if (latest && latest.version !== meta.item.version) {
    problems.push({
      source: meta.source,
      path: `${meta.path}.changelog[0].version`,
      message: `the newest changelog entry is for ${latest.version}, but the catalogue version is ${meta.item.version}; add an entry for ${meta.item.version} first`,
    });
  }
}

function checkScale(scale: Located<readonly ScaleLevel[]>, problems: Problem[]): void {
  scale.item.forEach((level, i) => {
    if (level.level !== i) {
      problems.push({
        source: scale.source,
        path: `scale[${i}].level`,
        message: `expected level ${i}: the scale must run 0, 1, 2 … in order without gaps`,
      });
    }
  });
}

function uniqueById<T extends { readonly id: string }>(
  items: readonly Located<T>[],
  kind: string,
  problems: Problem[],
): Map<string, T> {
  const byId = new Map<string, T>();
  const firstSeen = new Map<string, string>();
  for (const { item, source, path } of items) {
    const previous = firstSeen.get(item.id);
    if (previous !== undefined) {
      problems.push({
        source,
        path: `${path}.id`,
        message: `duplicate ${kind} id "${item.id}" (first defined in ${previous})`,
      });
      continue;
    }
    firstSeen.set(item.id, `${source} ${path}`);
    byId.set(item.id, item);
  }
  return byId;
}

function listIds(map: ReadonlyMap<string, unknown>): string {
  return [...map.keys()].map((k) => `"${k}"`).join(', ');
}
