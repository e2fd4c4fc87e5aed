import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { csvRows } from '../csv.ts';
import { points } from '../format.ts';
import { applyArchitecture, effectiveAnswers, effectiveProfile } from '../scoring/architecture.ts';
import { targetsOf } from '../scoring/readiness.ts';
import { computeRisk } from '../scoring/risk.ts';
import type { ThreatProfile } from '../threat/profile.ts';
import type { Action, ActionPriority, ActionStatus } from './schema.ts';

/**
 * The column names most issue trackers' CSV importers offer to map without renaming (Jira,
 * Linear, GitLab, GitHub Projects): one action a row, one issue each.
 */
export const ACTIONS_CSV_HEADER = [
  'Title',
  'Description',
  'Assignee',
  'Due date',
  'Status',
  'Priority',
  'Labels',
  'Control',
  'Evidence link',
  'Action id',
  'Created',
] as const;

export const ACTION_STATUS_LABEL: Readonly<Record<ActionStatus, string>> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
};

/** The status as recorded; actions from before statuses existed are open. */
export const statusOf = (action: Action): ActionStatus => action.status ?? 'open';

const PRIORITY_ORDER: Readonly<Record<ActionPriority, number>> = { high: 0, medium: 1, low: 2 };
const PRIORITY_LABEL: Readonly<Record<ActionPriority, string>> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/**
 * Work still to do first (done last), then high priority, then the earliest due date (undated
 * last), then the order recorded.
 */
export function sortedActions(actions: readonly Action[]): Action[] {
  return actions
    .map((action, i) => ({ action, i }))
    .sort(
      (a, b) =>
        Number(statusOf(a.action) === 'done') - Number(statusOf(b.action) === 'done') ||
        PRIORITY_ORDER[a.action.priority] - PRIORITY_ORDER[b.action.priority] ||
        (a.action.due ?? '9999').localeCompare(b.action.due ?? '9999') ||
        a.i - b.i,
    )
    .map((x) => x.action);
}

/** The first line of the action with any text, short enough for an issue title. */
function titleOf(controlId: string, text: string): string {
  const line =
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  const short = line.length > 120 ? `${line.slice(0, 119)}…` : line;
  return `${controlId}: ${short}`;
}

/** A label a tracker accepts: no spaces, lower case. */
const label = (text: string): string => text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');

/**
 * The action items as CSV for an issue tracker's import, one row per action. Cells get the same
 * formula-injection guard as the assessment CSV: an action typed in a workshop is untrusted text.
 * Labels are separated by spaces, as a tracker splits them; none contains one.
 */
export function actionsToCsv(catalogue: Catalogue, assessment: Assessment): string {
  const controls = new Map(catalogue.controls.map((c) => [c.id, c]));
  const domains = new Map(catalogue.domains.map((d) => [d.id, d.name]));
  const rows: string[][] = [[...ACTIONS_CSV_HEADER]];
  for (const action of sortedActions(assessment.workshop?.actions ?? [])) {
    const control = controls.get(action.controlId);
    const answer = assessment.answers[action.controlId];
    const current =
      answer === undefined ? 'unanswered' : answer.status === 'na' ? 'N/A' : String(answer.level);
    const target = String(assessment.meta[action.controlId]?.target ?? control?.baseline ?? '');
    const description = [
      action.text,
      '',
      `Control: ${action.controlId} ${control?.title ?? ''}`.trim() +
        (control ? ` (${domains.get(control.domain) ?? control.domain})` : ''),
      `Current level: ${current}; target: ${target}`,
      ...(action.evidenceLink === undefined ? [] : [`Evidence: ${action.evidenceLink}`]),
      `From the OpsReady assessment "${assessment.name}"`,
    ].join('\n');
    rows.push([
      titleOf(action.controlId, action.text),
      description,
      action.owner,
      action.due ?? '',
      ACTION_STATUS_LABEL[statusOf(action)],
      PRIORITY_LABEL[action.priority],
      ['opsready', label(action.controlId), ...(control ? [label(control.domain)] : [])].join(' '),
      action.controlId,
      action.evidenceLink ?? '',
      action.id,
      action.createdAt,
    ]);
  }
  return csvRows(rows);
}

export interface UnplannedGap {
  readonly controlId: string;
  readonly title: string;
  /** Current level, or null when unanswered. */
  readonly level: number | null;
  readonly target: number;
  /** Residual-risk points removed if this control alone reached its target. */
  readonly riskRemoved: number;
  readonly riskRemovedDisplay: string;
}

/**
 * The gaps no open or in-progress action covers, the most risk removed first: the same ranking and
 * figures as the report's remediation plan (the architecture applied, so a control the team does
 * not operate is no gap). An action marked done does not cover a control still below its target.
 */
export function gapsWithoutAction(
  catalogue: Catalogue,
  assessment: Assessment,
  profile: ThreatProfile,
): UnplannedGap[] {
  const effect = applyArchitecture(catalogue, new Set(assessment.architecture?.notOperated ?? []));
  const risk = computeRisk(
    catalogue,
    effectiveAnswers(effect, assessment.answers),
    effectiveProfile(effect, profile),
    targetsOf(assessment),
  );
  const planned = new Set(
    (assessment.workshop?.actions ?? [])
      .filter((a) => statusOf(a) !== 'done')
      .map((a) => a.controlId),
  );
  return risk.rankedGaps
    .filter((g) => !planned.has(g.score.control.id))
    .map((g) => ({
      controlId: g.score.control.id,
      title: g.score.control.title,
      level: g.score.level,
      target: g.score.target,
      riskRemoved: g.riskRemoved,
      riskRemovedDisplay: points(g.riskRemoved),
    }));
}

export interface ParkingLotRow {
  readonly controlId: string;
  readonly title: string;
  readonly revisit: boolean;
  readonly evidenceRequested: boolean;
  /** Who owes what, as recorded; empty when nobody was named. */
  readonly followUp: string;
  readonly owner: string;
}

/** Controls flagged to revisit or waiting for evidence, in catalogue order. */
export function parkingLot(catalogue: Catalogue, assessment: Assessment): ParkingLotRow[] {
  const parked = (m: Assessment['meta'][string] | undefined): boolean =>
    m?.revisit === true || m?.evidenceRequested === true;
  // Nothing parked, nothing to list: a 10,000-control catalogue is not scanned for it.
  if (!Object.values(assessment.meta).some(parked)) return [];
  return catalogue.controls.flatMap((c) => {
    const meta = Object.hasOwn(assessment.meta, c.id) ? assessment.meta[c.id] : undefined;
    if (!meta || !parked(meta)) return [];
    return [
      {
        controlId: c.id,
        title: c.title,
        revisit: meta.revisit === true,
        evidenceRequested: meta.evidenceRequested === true,
        followUp: meta.followUp ?? '',
        owner: meta.owner ?? '',
      },
    ];
  });
}
