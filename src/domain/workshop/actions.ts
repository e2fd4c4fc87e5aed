import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { csvRows } from '../csv.ts';
import type { Action, ActionPriority } from './schema.ts';

export const ACTIONS_CSV_HEADER = [
  'action_id',
  'control_id',
  'control_title',
  'domain',
  'priority',
  'owner',
  'due',
  'action',
  'current',
  'target',
  'created_at',
] as const;

const PRIORITY_ORDER: Readonly<Record<ActionPriority, number>> = { high: 0, medium: 1, low: 2 };

/** High priority first, then the earliest due date (undated last), then the order recorded. */
export function sortedActions(actions: readonly Action[]): Action[] {
  return actions
    .map((action, i) => ({ action, i }))
    .sort(
      (a, b) =>
        PRIORITY_ORDER[a.action.priority] - PRIORITY_ORDER[b.action.priority] ||
        (a.action.due ?? '9999').localeCompare(b.action.due ?? '9999') ||
        a.i - b.i,
    )
    .map((x) => x.action);
}

/**
 * The action items as CSV, one row per action, for a tracker or a spreadsheet. Cells get the same
 * formula-injection guard as the assessment CSV: an action typed in a workshop is untrusted text.
 */
export function actionsToCsv(catalogue: Catalogue, assessment: Assessment): string {
  const controls = new Map(catalogue.controls.map((c) => [c.id, c]));
  const domains = new Map(catalogue.domains.map((d) => [d.id, d.name]));
  const rows: string[][] = [[...ACTIONS_CSV_HEADER]];
  for (const action of sortedActions(assessment.workshop?.actions ?? [])) {
    const control = controls.get(action.controlId);
    const answer = assessment.answers[action.controlId];
    rows.push([
      action.id,
      action.controlId,
      control?.title ?? '',
      control ? (domains.get(control.domain) ?? control.domain) : '',
      action.priority,
      action.owner,
      action.due ?? '',
      action.text,
      answer === undefined ? 'unanswered' : answer.status === 'na' ? 'n/a' : String(answer.level),
      String(assessment.meta[action.controlId]?.target ?? control?.baseline ?? ''),
      action.createdAt,
    ]);
  }
  return csvRows(rows);
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
  return catalogue.controls.flatMap((c) => {
    const meta = assessment.meta[c.id];
    if (meta?.revisit !== true && meta?.evidenceRequested !== true) return [];
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
