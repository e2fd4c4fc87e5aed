import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { equalWeightProfile, type ThreatProfile } from './profile.ts';

/** Every profile a user can pick for this catalogue: its own, then the equal-weights reference. */
export function availableProfiles(catalogue: Catalogue): ThreatProfile[] {
  return [...catalogue.profiles, equalWeightProfile(catalogue.vectors)];
}

/**
 * The profile an assessment is scored with: its edited profile, else the one it picked, else the
 * catalogue's default. A picked id the catalogue no longer has falls back to the default, and the
 * report names the profile it used, so the substitution is visible.
 */
export function resolveProfile(catalogue: Catalogue, assessment: Assessment): ThreatProfile {
  if (assessment.customProfile) return assessment.customProfile;
  const all = availableProfiles(catalogue);
  return all.find((p) => p.id === assessment.profileId) ?? all[0] ?? equalWeightProfile([]);
}
