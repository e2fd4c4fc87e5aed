import type { Catalogue } from './catalogue/schema.ts';

/**
 * How numbers, money, shares and names are written wherever the app shows them: the report, its
 * exports, the command line and the pages that quote a score. One place, so a score reads the same
 * on every surface.
 */

/** One decimal: whole numbers would hide a single answer's effect on a large catalogue. */
export function formatScore(score: number | null): string {
  return score === null ? 'n/a' : score.toFixed(1);
}

/** Index points, e.g. of residual risk, to one decimal. */
export const points = (n: number): string => n.toFixed(1);

/** A share in [0, 1] as a percentage to one decimal. */
export const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;

export function formatUsd(usd: number): string {
  if (usd >= 1e9) return `$${(usd / 1e9).toFixed(2)}B`;
  if (usd >= 1e6) return `$${(usd / 1e6).toFixed(usd >= 1e8 ? 0 : 1)}M`;
  if (usd >= 1e3) return `$${(usd / 1e3).toFixed(0)}k`;
  return `$${usd.toFixed(0)}`;
}

/** A level with its name on the catalogue's scale, `2 Established`; the number alone off the scale. */
export function levelLabel(scale: Catalogue['scale'], level: number): string {
  const name = scale[level]?.name;
  return name === undefined ? String(level) : `${String(level)} ${name}`;
}

export const CONFIDENCE_LABEL = {
  verified: 'Verified with evidence',
  'self-reported': 'Self-reported',
} as const;

/** ASCII, lower-case, dash-separated: safe as a file name on every system. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug === '' ? 'assessment' : slug;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
