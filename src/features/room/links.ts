import type { Answer } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';

/**
 * A room's link: the app's own address with `#/room/<secret>.<facilitator id>`. Everything after
 * `#` stays in the browser (it is never part of a request), which is why the secret lives there;
 * the facilitator's id tells participants whose document is the room.
 */
export function roomLink(href: string, secret: string, facilitatorId: string): string {
  const url = new URL(href);
  url.hash = `/room/${secret}.${facilitatorId}`;
  url.search = '';
  return url.toString();
}

export interface RoomLinkParts {
  readonly secret: string;
  readonly facilitatorId: string;
}

export function parseRoomHash(hash: string): RoomLinkParts | undefined {
  const match = /^#\/room\/([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/.exec(hash);
  return match?.[1] !== undefined && match[2] !== undefined
    ? { secret: match[1], facilitatorId: match[2] }
    : undefined;
}

/** The relay on the page's own origin: ws: beside http:, wss: beside https:. */
export function relayUrl(href: string, roomId: string): string {
  const url = new URL(href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `/relay/${roomId}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

export function answerText(catalogue: Catalogue, answer: Answer): string {
  return answer.status === 'na'
    ? `N/A: ${answer.justification}`
    : `${String(answer.level)} ${catalogue.scale[answer.level]?.name ?? ''}`.trim();
}
