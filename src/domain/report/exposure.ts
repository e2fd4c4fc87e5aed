import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { formatUsd } from '../format.ts';
import { computeExposure, OUTCOME_LABEL, type ExposureOutcome } from '../scoring/exposure.ts';

export interface ExposureRow {
  readonly id: string;
  readonly name: string;
  readonly date: string;
  readonly lossDisplay: string;
  readonly outcome: ExposureOutcome;
  readonly outcomeLabel: string;
  /** Which step broke the path and with what, or what would have been needed. */
  readonly detail: string;
}

/** Each real incident of the catalogue replayed against the answers. */
export function exposureRows(catalogue: Catalogue, assessment: Assessment): ExposureRow[] {
  return computeExposure(catalogue, assessment.answers).map((x) => {
    let detail: string;
    const first = x.firstBrokenStep === null ? undefined : x.steps[x.firstBrokenStep];
    if (first) {
      const met = first.breaks.filter((b) => b.met).map((b) => b.control);
      detail = `Step ${String(first.index + 1)} (${first.title}) is broken by ${met.join(', ')}.`;
    } else {
      detail = 'No step of the attack path is broken by the controls as answered.';
    }
    if (x.outcome !== 'prevented' && x.missingPrevention.length > 0) {
      const needed = [
        ...new Set(x.missingPrevention.map((b) => `${b.control} at ${String(b.level)}`)),
      ];
      const more = needed.length > 4 ? ` and ${String(needed.length - 4)} more` : '';
      detail += ` Prevention needed: ${needed.slice(0, 4).join(', ')}${more}.`;
    }
    return {
      id: x.incident.id,
      name: x.incident.name,
      date: x.incident.date,
      lossDisplay: formatUsd(x.incident.loss.usd),
      outcome: x.outcome,
      outcomeLabel: OUTCOME_LABEL[x.outcome],
      detail,
    };
  });
}
