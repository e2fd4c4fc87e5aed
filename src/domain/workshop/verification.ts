import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { currentVerification } from './agreement.ts';

export interface VerificationRow {
  readonly controlId: string;
  readonly title: string;
  readonly by: string;
  /** ISO date and time of the verification, as recorded (UTC). */
  readonly at: string;
  readonly evidence: readonly string[];
  readonly note: string;
  /** The answer verified, as printed: a level, or N/A. */
  readonly answer: string;
  /**
   * Whether it verified the answer the assessment has now. A later change makes it the
   * verification of an earlier answer, which the report says rather than counting it.
   */
  readonly current: boolean;
}

/** Every recorded verification, in catalogue order. */
export function verificationRows(catalogue: Catalogue, assessment: Assessment): VerificationRow[] {
  const verifications = assessment.workshop?.verifications ?? {};
  // Nothing verified, nothing to list: a 10,000-control catalogue is not scanned for it.
  if (Object.keys(verifications).length === 0) return [];
  return catalogue.controls.flatMap((control) => {
    const v = Object.hasOwn(verifications, control.id) ? verifications[control.id] : undefined;
    if (v === undefined) return [];
    return [
      {
        controlId: control.id,
        title: control.title,
        by: v.by,
        at: v.at,
        evidence: v.evidence,
        note: v.note ?? '',
        answer: v.answer.status === 'na' ? 'N/A' : String(v.answer.level),
        current: currentVerification(assessment, control.id) !== undefined,
      },
    ];
  });
}

/** The verification counts as one line, for the sign-off: verified now, and of earlier answers. */
export function verificationSummary(rows: readonly VerificationRow[], controls: number): string {
  const current = rows.filter((r) => r.current).length;
  const stale = rows.length - current;
  const base = `${String(current)} of ${String(controls)} controls verified by an auditor against evidence`;
  return stale === 0
    ? base
    : `${base}; ${String(stale)} more verified an earlier answer, since changed`;
}
