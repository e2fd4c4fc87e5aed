import { assessmentToJson } from '../domain/assessment/export.ts';
import type { Assessment } from '../domain/assessment/schema.ts';
import { signedContent } from '../domain/workshop/signoff.ts';
import { sha256Hex } from './sha256.ts';

export interface Fingerprint {
  /** The assessment exactly as "Export JSON" writes it. */
  readonly dataJson: string;
  /** Its SHA-256: what the report states and `sha256sum` prints for the exported file. */
  readonly dataSha256: string;
  /**
   * The SHA-256 of what a sign-off covers (the assessment without the sign-off), as it is now.
   * Only when the assessment has a sign-off to compare it with.
   */
  readonly unsignedSha256?: string;
  /**
   * The bytes `unsignedSha256` is the hash of, which "Export signed content" writes, so that
   * `sha256sum` of a file the app exports reproduces every hash the report prints.
   */
  readonly signedJson?: string;
}

/** The content a sign-off binds, as hashed when signing and when checking a signature. */
export function signedContentJson(assessment: Assessment): string {
  return assessmentToJson(signedContent(assessment));
}

/**
 * The fingerprints of an assessment, computed in this one place for the Report page, the exports,
 * the sign-off and `npm run report`, so all of them state the same hash for the same data.
 */
export async function fingerprintAssessment(assessment: Assessment): Promise<Fingerprint> {
  const dataJson = assessmentToJson(assessment);
  const signedJson =
    assessment.workshop?.signOff === undefined ? null : signedContentJson(assessment);
  const [dataSha256, unsignedSha256] = await Promise.all([
    sha256Hex(dataJson),
    signedJson === null ? null : sha256Hex(signedJson),
  ]);
  return {
    dataJson,
    dataSha256,
    ...(unsignedSha256 === null || signedJson === null ? {} : { unsignedSha256, signedJson }),
  };
}
