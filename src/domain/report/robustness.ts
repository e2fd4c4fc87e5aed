import { listInWords } from '../format.ts';
import type { GapRobustness, RobustnessResult } from '../scoring/robustness.ts';

/** How far the head of the plan depends on the assumptions, in the words the report prints. */
export interface RobustnessSection {
  readonly robustness: {
    /** Exactly what was varied, and what "robust" means. */
    readonly method: string;
    readonly rows: readonly RobustnessRow[];
    /** The scoring module's result, for the command line's JSON. */
    readonly result: RobustnessResult;
  };
}

export interface RobustnessRow {
  readonly controlId: string;
  readonly rank: number;
  readonly robust: boolean;
  /** "yes", or "8 of 18". */
  readonly display: string;
  /** Where it drops out of the first ten, per profile; empty when robust. */
  readonly dropsOut: string;
}

const num = (x: number): string => String(Number(x.toFixed(4)));

function dropsOutText(g: GapRobustness, result: RobustnessResult): string {
  const perProfile = result.profiles.flatMap((p) => {
    const here = g.dropsOut.filter((d) => d.profileId === p.id);
    if (here.length === 0) return [];
    const all = result.prevention.length * result.mitigation.length;
    return [
      here.length === all
        ? `under ${p.name} in all ${String(all)} combinations`
        : `under ${p.name} with ${listInWords(here.map((d) => `α ${num(d.prevention)}, β ${num(d.mitigation)} (#${String(d.rank)})`))}`,
    ];
  });
  return perProfile.length === 0
    ? ''
    : `Drops out of the first ${String(result.top)} ${perProfile.join('; ')}.`;
}

export function robustnessSection(result: RobustnessResult): RobustnessSection {
  const n = result.variants.length;
  const method =
    `Robust: whether a gap of the first ${String(result.top)} stays in the first ${String(result.top)} ` +
    `in every one of ${String(n)} variants: each threat profile the catalogue bundles ` +
    `(${listInWords(result.profiles.map((p) => p.name))}), with α, the share of likelihood full ` +
    `prevention removes, at ${listInWords(result.prevention.map(num))} (−50%, as stated, +50%, ` +
    `capped at 1) and β, the share of cost containment saves, at ${listInWords(result.mitigation.map(num))}, ` +
    'in every combination, each scored from the same answers by the same engine. “Yes” means it ' +
    'stays in all of them; otherwise the count says how many keep it. The attribution of each ' +
    'incident’s loss is the profile’s own and is not varied beyond what the two profiles differ by.';
  return {
    robustness: {
      method,
      result,
      rows: result.gaps.map((g) => ({
        controlId: g.controlId,
        rank: g.rank,
        robust: g.robust,
        display: g.robust ? 'yes' : `${String(g.kept)} of ${String(g.variants)}`,
        dropsOut: dropsOutText(g, result),
      })),
    },
  };
}
