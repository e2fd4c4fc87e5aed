import type { Frameworks, Requirement } from './schema.ts';

export interface CoverageCount {
  readonly id: string;
  readonly title: string;
  readonly total: number;
  /** Met by catalogue controls alone. */
  readonly full: number;
  /** Catalogue controls plus baseline items the team answers directly. */
  readonly partly: number;
  /** Not covered by this catalogue: answered directly. */
  readonly none: number;
}

function count(id: string, title: string, items: readonly Requirement[]): CoverageCount {
  const covered = items.filter((r) => r.satisfiedBy !== undefined);
  const partly = covered.filter((r) => (r.notAssessed ?? []).length > 0).length;
  return {
    id,
    title,
    total: items.length,
    full: covered.length - partly,
    partly,
    none: items.length - covered.length,
  };
}

/** How much of each SFC module, and of the CCSS requirements, the crosswalk maps. */
export function crosswalkCoverage(frameworks: Frameworks): {
  readonly seal: readonly CoverageCount[];
  readonly ccss: CoverageCount;
} {
  return {
    seal: frameworks.seal.modules.map((m) =>
      count(
        m.prefix,
        `${m.title} ${m.version}`,
        m.sections.flatMap((s) => s.controls),
      ),
    ),
    ccss: count(
      'ccss',
      'CCSS requirements (component × level)',
      frameworks.ccss.aspects.flatMap((a) => a.components.flatMap((c) => c.levels)),
    ),
  };
}

/** The lines `npm run catalogue:check` prints for the crosswalks. */
export function crosswalkCoverageLines(frameworks: Frameworks): string[] {
  const { seal, ccss } = crosswalkCoverage(frameworks);
  const row = (c: CoverageCount): string =>
    `  ${`${c.id} ${c.title}`.padEnd(34)} ${String(c.total).padStart(3)}   covered ${String(c.full).padStart(2)}, partly ${String(c.partly).padStart(2)}, not covered ${String(c.none).padStart(2)}`;
  const total = seal.reduce(
    (t, c) => ({
      total: t.total + c.total,
      full: t.full + c.full,
      partly: t.partly + c.partly,
      none: t.none + c.none,
    }),
    { total: 0, full: 0, partly: 0, none: 0 },
  );
  return [
    `SEAL SFC crosswalk (${frameworks.seal.crosswalk.source.revision.slice(0, 7)}): ${String(total.total)} controls; covered ${String(total.full)}, partly (catalogue + direct answer) ${String(total.partly)}, not covered ${String(total.none)}`,
    ...seal.map(row),
    `CCSS crosswalk (${frameworks.ccss.crosswalk.source.revision}): ${String(frameworks.ccss.aspects.length)} aspects`,
    row(ccss),
  ];
}
