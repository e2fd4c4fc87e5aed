import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { parkingLot, sortedActions, type ParkingLotRow } from '../workshop/actions.ts';
import { teamVsAuditor, type RoleComparisonRow } from '../workshop/participants.ts';
import type { ActionPriority } from '../workshop/schema.ts';

/** What a workshop added to the assessment: actions, the parking lot, who took part, the sign-off. */
export interface WorkshopSection {
  /** Remediation actions recorded in a workshop: high priority and earliest due first. */
  readonly actions: readonly ActionRow[];
  /** Controls flagged to revisit or waiting for evidence, with who owes what. */
  readonly parkingLot: readonly ParkingLotRow[];
  /** The workshop's participants, whose own answers the assessment keeps beside the agreed ones. */
  readonly participants: readonly {
    readonly name: string;
    readonly role: 'team' | 'auditor';
    readonly answered: number;
  }[];
  /** Team members' self-assessed levels against the auditors' verified ones; null without both. */
  readonly teamVsAuditor: {
    readonly rows: readonly RoleComparisonRow[];
    readonly differing: readonly RoleComparisonRow[];
  } | null;
  readonly signOff: SignOffSummary | null;
}

export interface ActionRow {
  readonly controlId: string;
  readonly title: string;
  readonly text: string;
  readonly owner: string;
  readonly due: string;
  readonly priority: ActionPriority;
}

export interface SignOffSummary {
  readonly signatories: readonly string[];
  readonly organisation: string;
  readonly scope: string;
  readonly date: string;
  readonly statement: string;
  readonly signedAt: string;
  readonly dataSha256: string;
  /**
   * Whether the answers are still those signed: null when the caller did not give the current
   * fingerprint to compare with.
   */
  readonly unchanged: boolean | null;
}

/**
 * @param unsignedSha256 the SHA-256 of the assessment without its sign-off, as it is now: what
 *   tells whether the answers changed since signing.
 */
export function workshopSection(
  catalogue: Catalogue,
  assessment: Assessment,
  unsignedSha256: string | undefined,
): WorkshopSection {
  const workshop = assessment.workshop;
  const titleOf = new Map(catalogue.controls.map((c) => [c.id, c.title]));
  const participants = workshop?.participants ?? [];
  const hasBothRoles =
    participants.some((p) => p.role === 'team') && participants.some((p) => p.role === 'auditor');
  const signOff = workshop?.signOff;
  return {
    actions: sortedActions(workshop?.actions ?? []).map((a) => ({
      controlId: a.controlId,
      title: titleOf.get(a.controlId) ?? a.controlId,
      text: a.text,
      owner: a.owner,
      due: a.due ?? '',
      priority: a.priority,
    })),
    parkingLot: parkingLot(catalogue, assessment),
    participants: participants.map((p) => ({
      name: p.name,
      role: p.role,
      answered: Object.keys(p.answers).length,
    })),
    teamVsAuditor: hasBothRoles ? teamVsAuditor(catalogue, participants) : null,
    signOff:
      signOff === undefined
        ? null
        : {
            signatories: signOff.signatories.map((x) => `${x.name} (${x.role})`),
            organisation: signOff.organisation,
            scope: signOff.scope,
            date: signOff.date,
            statement: signOff.statement,
            signedAt: signOff.signedAt,
            dataSha256: signOff.dataSha256,
            unchanged: unsignedSha256 === undefined ? null : unsignedSha256 === signOff.dataSha256,
          },
  };
}

/** The actions recorded against one control, as "text (owner, due date)". */
export function actionsFor(actions: readonly ActionRow[], controlId: string): string[] {
  return actions
    .filter((a) => a.controlId === controlId)
    .map((a) => {
      const who = [a.owner, a.due === '' ? '' : `due ${a.due}`].filter((x) => x !== '');
      return who.length === 0 ? a.text : `${a.text} (${who.join(', ')})`;
    });
}
