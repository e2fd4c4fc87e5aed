import { withoutRemoved } from '../assessment/export.ts';
import type { Assessment } from '../assessment/schema.ts';
import { carryMergedAnswers, withFollowUp } from './migrate.ts';
import { maxLevel, type Catalogue } from './schema.ts';

/**
 * What replacing a team catalogue with a new version of the same id does to each assessment made
 * with it, said before anything is replaced, and the change itself once the user agrees.
 *
 * An answer above the new top of the scale is never rescored: it is removed, so the report counts
 * the control as unanswered (a gap, never a pass), and the control is flagged to revisit with the
 * old level and its notes kept in the follow-up. Clamping it to the new top, or keeping a level the
 * scale has no meaning for, would both report a level nobody gave; a flag the team has to clear is
 * the only version an auditor can trace.
 */

export interface AboveScale {
  readonly controlId: string;
  readonly level: number;
}

export interface BaselineChange {
  readonly controlId: string;
  readonly from: number;
  readonly to: number;
}

export interface AssessmentImpact {
  readonly id: string;
  readonly name: string;
  /** Controls the new version no longer has that this assessment answered or described, sorted. */
  readonly removed: readonly string[];
  /** Answers above the new top of the scale: flagged for review, not rescored. */
  readonly aboveScale: readonly AboveScale[];
  /** Per-control targets above the new top: removed, so the new baseline applies. */
  readonly targetsAboveScale: readonly AboveScale[];
  /** Controls in both versions whose baseline changed, so their gap does too. */
  readonly baselines: readonly BaselineChange[];
}

export function hasImpact(impact: AssessmentImpact): boolean {
  return (
    impact.removed.length > 0 ||
    impact.aboveScale.length > 0 ||
    impact.targetsAboveScale.length > 0 ||
    impact.baselines.length > 0
  );
}

/** The impact on one assessment made with `next`'s catalogue id, as it was under `previous`. */
export function assessmentImpact(
  assessment: Assessment,
  previous: Catalogue | undefined,
  next: Catalogue,
): AssessmentImpact {
  const known = new Set(next.controls.map((c) => c.id));
  const top = maxLevel(next);
  const touched = new Set([...Object.keys(assessment.answers), ...Object.keys(assessment.meta)]);
  const before = new Map((previous?.controls ?? []).map((c) => [c.id, c.baseline]));
  return {
    id: assessment.id,
    name: assessment.name,
    removed: [...touched].filter((id) => !known.has(id)).sort(),
    aboveScale: Object.entries(assessment.answers).flatMap(([controlId, a]) =>
      known.has(controlId) && a.status === 'level' && a.level > top
        ? [{ controlId, level: a.level }]
        : [],
    ),
    targetsAboveScale: Object.entries(assessment.meta).flatMap(([controlId, m]) =>
      known.has(controlId) && m.target !== undefined && m.target > top
        ? [{ controlId, level: m.target }]
        : [],
    ),
    baselines: next.controls.flatMap((c) => {
      const from = before.get(c.id);
      return from !== undefined && from !== c.baseline
        ? [{ controlId: c.id, from, to: c.baseline }]
        : [];
    }),
  };
}

/** The impact on every assessment made with the catalogue `next` replaces; unaffected ones left out. */
export function catalogueUpdateImpact(
  assessments: readonly Assessment[],
  previous: Catalogue | undefined,
  next: Catalogue,
): AssessmentImpact[] {
  return assessments
    .filter((a) => a.catalogue.id === next.meta.id)
    .map((a) => assessmentImpact(a, previous, next))
    .filter(hasImpact);
}

function reviewNote(
  assessment: Assessment,
  next: Catalogue,
  level: number,
  notes: string | undefined,
): string {
  const { id, version } = assessment.catalogue;
  const said = notes === undefined ? '' : ` Notes then: ${notes}`;
  return `Review: answered level ${String(level)} under ${id} ${version}; ${next.meta.version} tops at ${String(maxLevel(next))}, so the answer was removed, not rescored.${said}`;
}

/**
 * The assessment brought to `next`: nothing kept for controls it no longer has, answers above its
 * scale removed and flagged for review with the old level noted, targets above it removed, and
 * participants' levels and agreements above it left out (they are no answer on the new scale).
 * Answers of controls `next` merged or split are carried first (`carryMergedAnswers`).
 * The result passes the checks an import of its own export makes. `at` stamps the change.
 */
export function applyCatalogueUpdate(
  assessment: Assessment,
  next: Catalogue,
  at: string,
): Assessment {
  const top = maxLevel(next);
  const { assessment: kept } = carryMergedAnswers(
    withoutRemoved(assessment, next).assessment,
    next,
  );
  const meta = { ...kept.meta };
  const answers = Object.fromEntries(
    Object.entries(kept.answers).filter(([controlId, answer]) => {
      if (answer.status !== 'level' || answer.level <= top) return true;
      meta[controlId] = withFollowUp(
        meta[controlId],
        reviewNote(assessment, next, answer.level, answer.notes),
      );
      return false;
    }),
  );
  for (const [controlId, m] of Object.entries(meta)) {
    if (m.target === undefined || m.target <= top) continue;
    const { target: _dropped, ...rest } = m;
    meta[controlId] = rest;
  }
  const fits = (a: { status: string; level?: number }) =>
    a.status !== 'level' || (a.level ?? 0) <= top;
  const workshop = kept.workshop && {
    ...kept.workshop,
    participants: kept.workshop.participants.map((p) => ({
      ...p,
      answers: Object.fromEntries(Object.entries(p.answers).filter(([, a]) => fits(a))),
    })),
    agreements: Object.fromEntries(
      Object.entries(kept.workshop.agreements).filter(([, g]) => fits(g.answer)),
    ),
  };
  return {
    ...kept,
    catalogue: { id: next.meta.id, version: next.meta.version },
    answers,
    meta,
    ...(workshop === undefined ? {} : { workshop }),
    updatedAt: at,
  };
}
