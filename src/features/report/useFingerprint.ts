import { useEffect, useState } from 'react';
import type { Assessment } from '../../domain/assessment/schema.ts';
import { fingerprintAssessment, type Fingerprint } from '../../lib/fingerprint.ts';

export type ReportFingerprint = Omit<Fingerprint, 'dataJson' | 'signedJson'>;

/**
 * The fingerprints of the assessment as it is now, for the screen: null until computed, and never
 * those of an earlier version while a newer one is being hashed.
 */
export function useFingerprint(assessment: Assessment | undefined): ReportFingerprint | null {
  const [result, setResult] = useState<{
    of: Assessment;
    value: ReportFingerprint;
  } | null>(null);
  useEffect(() => {
    if (assessment === undefined) return;
    let live = true;
    fingerprintAssessment(assessment)
      .then(({ dataJson: _, signedJson: __, ...value }) => {
        if (live) setResult({ of: assessment, value });
      })
      // Without Web Crypto (an insecure context) the screen simply shows no fingerprint.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [assessment]);
  return result !== null && result.of === assessment ? result.value : null;
}
