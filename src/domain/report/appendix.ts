import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { CONFIDENCE_LABEL, levelLabel } from '../format.ts';
import type { RiskResult } from '../scoring/risk.ts';

/** Every answer as given, and the controls set aside as not applicable with the reason. */
export interface AppendixSection {
  readonly notApplicable: readonly NotApplicableRow[];
  /** Every control with its answer and details, grouped by domain in catalogue order. */
  readonly appendix: readonly AppendixDomain[];
}

export interface NotApplicableRow {
  readonly controlId: string;
  readonly title: string;
  readonly justification: string;
}

export interface AppendixDomain {
  readonly id: string;
  readonly name: string;
  readonly rows: readonly AppendixRow[];
}

export interface AppendixRow {
  readonly controlId: string;
  readonly title: string;
  readonly state: 'level' | 'na' | 'unanswered';
  /** `2 Established`, `N/A` or `Unanswered`. */
  readonly answerDisplay: string;
  readonly target: number;
  /** True when the assessment set its own target instead of the catalogue baseline. */
  readonly ownTarget: boolean;
  readonly gap: boolean;
  readonly owner: string;
  readonly confidence: string;
  readonly flagged: boolean;
  readonly evidence: readonly string[];
  /** The N/A justification, empty otherwise. */
  readonly justification: string;
  readonly notes: string;
}

export function appendixSection(
  catalogue: Catalogue,
  assessment: Assessment,
  risk: RiskResult,
): AppendixSection {
  const scoreByControl = new Map(risk.readiness.controls.map((sc) => [sc.control.id, sc]));
  const notApplicable = catalogue.controls.flatMap((c) => {
    const answer = assessment.answers[c.id];
    return answer?.status === 'na'
      ? [{ controlId: c.id, title: c.title, justification: answer.justification }]
      : [];
  });
  const appendix = catalogue.domains.map((d) => ({
    id: d.id,
    name: d.name,
    rows: catalogue.controls
      .filter((c) => c.domain === d.id)
      .map((c): AppendixRow => {
        const answer = assessment.answers[c.id];
        const meta = assessment.meta[c.id] ?? {};
        const sc = scoreByControl.get(c.id);
        return {
          controlId: c.id,
          title: c.title,
          state: answer === undefined ? 'unanswered' : answer.status,
          answerDisplay:
            answer === undefined
              ? 'Unanswered'
              : answer.status === 'na'
                ? 'N/A'
                : levelLabel(catalogue.scale, answer.level),
          target: sc?.target ?? c.baseline,
          ownTarget: meta.target !== undefined,
          gap: sc?.gap ?? false,
          owner: meta.owner ?? '',
          confidence: meta.confidence === undefined ? '' : CONFIDENCE_LABEL[meta.confidence],
          flagged: meta.revisit === true,
          evidence: meta.evidence ?? [],
          justification: answer?.status === 'na' ? answer.justification : '',
          notes: answer?.notes ?? '',
        };
      }),
  }));
  return { notApplicable, appendix };
}
