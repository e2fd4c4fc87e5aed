import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { equalWeightProfile, type ThreatProfile } from './profile.ts';

const available = new WeakMap<Catalogue, readonly ThreatProfile[]>();

/**
 * Every profile a user can pick for this catalogue: its own, then the equal-weights reference.
 * Built once per catalogue, so the same profile object comes back and the engine's per-profile
 * cache holds for the equal-weights one too.
 */
export function availableProfiles(catalogue: Catalogue): readonly ThreatProfile[] {
  let list = available.get(catalogue);
  if (!list) {
    list = [...catalogue.profiles, equalWeightProfile(catalogue.vectors)];
    available.set(catalogue, list);
  }
  return list;
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
