import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import {
  ACTION_STATUS_LABEL,
  parkingLot,
  sortedActions,
  statusOf,
  type ParkingLotRow,
} from '../workshop/actions.ts';
import {
  verificationRows,
  verificationSummary,
  type VerificationRow,
} from '../workshop/verification.ts';
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
  /** Controls an auditor verified against evidence, in catalogue order (workshop, optional). */
  readonly verifications: readonly VerificationRow[];
  /** "n of N controls verified by an auditor against evidence", with any of earlier answers. */
  readonly verificationSummary: string;
}

export interface ActionRow {
  readonly controlId: string;
  readonly title: string;
  readonly text: string;
  readonly owner: string;
  readonly due: string;
  readonly priority: ActionPriority;
  /** Open, In progress or Done, as printed. */
  readonly status: string;
  /** Where the evidence of the action is kept; empty when none was given. */
  readonly evidenceLink: string;
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
  /** What the auditors verified, as `verificationSummary`: part of the data signed. */
  readonly verified: string;
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
  const recorded = workshop?.actions ?? [];
  // A map of every control's title is only worth building when there is an action to title.
  const titleOf =
    recorded.length === 0
      ? new Map<string, string>()
      : new Map(catalogue.controls.map((c) => [c.id, c.title]));
  const participants = workshop?.participants ?? [];
  const hasBothRoles =
    participants.some((p) => p.role === 'team') && participants.some((p) => p.role === 'auditor');
  const signOff = workshop?.signOff;
  const verifications = verificationRows(catalogue, assessment);
  const parked = parkingLot(catalogue, assessment);
  return {
    actions: sortedActions(recorded).map((a) => ({
      controlId: a.controlId,
      title: titleOf.get(a.controlId) ?? a.controlId,
      text: a.text,
      owner: a.owner,
      due: a.due ?? '',
      priority: a.priority,
      status: ACTION_STATUS_LABEL[statusOf(a)],
      evidenceLink: a.evidenceLink ?? '',
    })),
    parkingLot: parked,
    participants: participants.map((p) => ({
      name: p.name,
      role: p.role,
      answered: Object.keys(p.answers).length,
    })),
    verifications,
    verificationSummary: verificationSummary(verifications, catalogue.controls.length),
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
            verified: verificationSummary(verifications, catalogue.controls.length),
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
