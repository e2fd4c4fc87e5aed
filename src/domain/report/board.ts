import type { Answer, Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { points } from '../format.ts';
import { targetsOf } from '../scoring/readiness.ts';
import { residualRiskWith, type RiskResult } from '../scoring/risk.ts';
import type { ThreatProfile } from '../threat/profile.ts';
import type { GapRow } from './gaps.ts';

/** How many of the ranked gaps the board page names. */
export const BOARD_ACTIONS = 5;

/**
 * Characters of action text a board row shows before it points to the full text: the page must
 * stay one page whatever was typed in a workshop.
 */
export const BOARD_ACTION_CHARS = 70;

/** The first action, cut at a word if long, and a pointer to the rest; all are under Action items. */
function actionSummary(texts: readonly string[]): string {
  const [first = '', ...rest] = texts;
  const cut =
    first.length <= BOARD_ACTION_CHARS
      ? first
      : `${first.slice(0, BOARD_ACTION_CHARS).replace(/\s+\S*$/, '')}…`;
  const more =
    rest.length === 0
      ? ''
      : ` (+${String(rest.length)} more ${rest.length === 1 ? 'action' : 'actions'})`;
  return cut === first && rest.length === 0 ? cut : `${cut}${more}; in full under Action items`;
}

/** The one page a board reads: what to do first, and who does it by when. */
export interface BoardSection {
  readonly board: {
    readonly actions: readonly BoardAction[];
    /**
     * What the named gaps remove together, computed with all of them at target at once: they share
     * attack vectors, so this is less than the sum of their rows. Null when there are no gaps.
     */
    readonly together: string | null;
  };
}

export interface BoardAction {
  readonly rank: number;
  readonly controlId: string;
  /** The recorded actions, or what closing the gap means when none was recorded. */
  readonly what: string;
  /** The owner, or "no owner" in those words. */
  readonly owner: string;
  /** The earliest due date, or "no date" in those words. */
  readonly due: string;
  readonly riskRemovedDisplay: string;
}

export function boardSection(
  catalogue: Catalogue,
  assessment: Assessment,
  profile: ThreatProfile,
  risk: RiskResult,
  gaps: readonly GapRow[],
): BoardSection {
  const top = gaps.slice(0, BOARD_ACTIONS);
  const actions = top.map((g): BoardAction => ({
    rank: g.rank,
    controlId: g.controlId,
    what:
      g.actionTexts.length > 0
        ? `${g.controlId} ${g.title}: ${actionSummary(g.actionTexts)}`
        : `${g.controlId} ${g.title}: raise from ${g.levelDisplay} to ${String(g.target)}; no action yet`,
    owner:
      g.owner === ''
        ? 'no owner'
        : g.ownerSource === 'action'
          ? `${g.owner} (action owner)`
          : g.owner,
    due: g.due === '' ? 'no date' : g.due,
    riskRemovedDisplay: g.riskRemovedDisplay,
  }));
  let together: string | null = null;
  if (top.length > 0) {
    const raised: Record<string, Answer> = {};
    for (const g of top) raised[g.controlId] = { status: 'level', level: g.target };
    // `risk` scored the assessment's answers: only the raised controls are scored again.
    const after = residualRiskWith(
      catalogue,
      risk.readiness,
      profile,
      raised,
      targetsOf(assessment),
    );
    const n = top.length === 1 ? 'this gap' : `these ${String(top.length)} gaps`;
    together =
      `With ${n} closed, residual risk would fall from ${points(risk.residualRisk)} to ${points(after)}` +
      (top.length === 1
        ? '.'
        : ': less than the sum of the column, because they act on the same attack vectors.');
  }
  return { board: { actions, together } };
}
