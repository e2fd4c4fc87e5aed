import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { formatScore, points } from '../format.ts';
import {
  compareAssessments,
  type AnswerState,
  type ControlChange,
  type ScoreDelta,
} from '../workshop/compare.ts';
import type { ThreatProfile } from '../threat/profile.ts';

/** What moved since the assessment the report is compared with; `baseline` null when there is none. */
export interface ChangeSection {
  readonly changes: {
    readonly baseline: {
      readonly name: string;
      /** `yyyy-mm-dd` of its last change. */
      readonly date: string;
      /** "2026-06-05 by Ana (auditor)" when it was signed off; null otherwise. */
      readonly signedOff: string | null;
    } | null;
    /** What the board page prints: the two scores' moves and the controls behind them. */
    readonly sentence: string;
    /** Every control whose answer differs from the baseline, largest risk reduction first. */
    readonly rows: readonly ChangeRow[];
  };
}

export interface ChangeRow {
  readonly controlId: string;
  readonly title: string;
  readonly before: string;
  readonly after: string;
  readonly change: ControlChange;
  readonly changeDisplay: string;
  /** Residual-risk points this change alone accounts for, signed: "−2.1", "+0.4". */
  readonly riskDeltaDisplay: string;
}

const CHANGE_LABEL: Readonly<Record<ControlChange, string>> = {
  improved: 'improved',
  regressed: 'regressed',
  unchanged: 'unchanged',
  answered: 'newly answered',
  unanswered: 'no longer answered',
  applicability: 'applicability changed',
};

const stateText = (s: AnswerState): string =>
  s.kind === 'unanswered' ? 'unanswered' : s.kind === 'na' ? 'N/A' : String(s.level);

/** Signed to one decimal with a real minus sign; "0.0" unsigned. */
export function signedPoints(n: number): string {
  const text = points(Math.abs(n));
  if (text === '0.0') return '0.0';
  return n < 0 ? `−${text}` : `+${text}`;
}

/**
 * The move between the two printed figures, not the exact one: a reader checks "38.7 → 41.3" by
 * subtracting, and the exact +2.53 would print as +2.5 beside figures that differ by 2.6.
 */
function move(label: string, d: ScoreDelta): string {
  const before = formatScore(d.before);
  const after = formatScore(d.after);
  return d.delta === null
    ? `${label} ${before} → ${after}`
    : `${label} ${before} → ${after} (${signedPoints(Number(after) - Number(before))})`;
}

/**
 * The report's assessment against a baseline: a previous assessment of the organisation, or the
 * one its team signed off. Both sides are scored with this report's catalogue and profile, so a
 * move is the answers' (and targets'), never the weights'.
 */
export function changeSection(
  catalogue: Catalogue,
  baseline: Assessment | undefined,
  current: Assessment,
  profile: ThreatProfile,
): ChangeSection {
  if (baseline === undefined) {
    return {
      changes: {
        baseline: null,
        sentence:
          'No previous assessment or signed baseline of this organisation was available, so ' +
          'nothing is compared: this report is the first baseline.',
        rows: [],
      },
    };
  }
  const c = compareAssessments(catalogue, baseline, current, profile);
  const changed = c.controls.filter((d) => d.change !== 'unchanged');
  const rows = [...changed]
    .sort((a, b) => a.riskDelta - b.riskDelta)
    .map((d): ChangeRow => ({
      controlId: d.controlId,
      title: d.title,
      before: stateText(d.before),
      after: stateText(d.after),
      change: d.change,
      changeDisplay: CHANGE_LABEL[d.change],
      riskDeltaDisplay: signedPoints(d.riskDelta),
    }));
  const signOff = baseline.workshop?.signOff;
  const signedOff =
    signOff === undefined
      ? null
      : `${signOff.date} by ${signOff.signatories.map((s) => `${s.name} (${s.role})`).join('; ')}`;
  const date = baseline.updatedAt.slice(0, 10);
  const counted = (['improved', 'regressed', 'answered', 'unanswered', 'applicability'] as const)
    .filter((k) => c.counts[k] > 0)
    .map((k) => `${String(c.counts[k])} ${CHANGE_LABEL[k]}`);
  const sentence =
    `Against “${baseline.name}” (${signedOff === null ? `last changed ${date}, not signed off` : `signed off ${signedOff}`}): ` +
    `${move('readiness', c.readiness)}, ${move('residual risk', c.residualRisk)}. ` +
    (changed.length === 0
      ? 'No answer changed.'
      : `${String(changed.length)} ${changed.length === 1 ? 'control' : 'controls'} changed ` +
        `(${counted.join(', ')}).`);
  return { changes: { baseline: { name: baseline.name, date, signedOff }, sentence, rows } };
}

/**
 * The baseline a report is compared with, from the assessments at hand: another assessment of the
 * same organisation against the same catalogue, last changed before this one. A signed-off one is
 * preferred, being what a team and its auditor agreed; otherwise the latest.
 */
export function baselineFor(
  current: Assessment,
  candidates: readonly Assessment[],
): Assessment | undefined {
  const org = current.organisation.trim().toLowerCase();
  if (org === '') return undefined;
  const earlier = candidates
    .filter(
      (a) =>
        a.id !== current.id &&
        a.organisation.trim().toLowerCase() === org &&
        a.catalogue.id === current.catalogue.id &&
        a.updatedAt < current.updatedAt,
    )
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  return earlier.find((a) => a.workshop?.signOff !== undefined) ?? earlier[0];
}
