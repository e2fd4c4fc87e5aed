import type { Catalogue } from '../catalogue/schema.ts';
import { formatUsd, pct } from '../format.ts';
import { compareProfiles } from '../threat/compare.ts';
import type { ThreatProfile } from '../threat/profile.ts';

export interface ProfileColumn {
  readonly id: string;
  readonly name: string;
  /** True for the profile this report is weighted with. */
  readonly used: boolean;
  /** Its period and population in one line, e.g. `…; 207 incidents, $972M in all, median $219k`. */
  readonly population: string;
}

export interface ProfileComparison {
  readonly profiles: readonly ProfileColumn[];
  /** Per vector, one cell per profile: `incident share / loss share`, or `–` where it has none. */
  readonly rows: readonly { readonly vector: string; readonly cells: readonly string[] }[];
}

export interface ProfilesSection {
  /** Null when there is nothing to compare: the catalogue ships one profile and it is the one used. */
  readonly profileComparison: ProfileComparison | null;
}

/**
 * The catalogue's threat profiles side by side, with the one in use (also when it is an edited or
 * the equal-weights profile), so a reader sees how far the weights move with the data behind them,
 * e.g. a half-year review against a two-year ledger of named incidents. The shares are the
 * profiles' own, before the architecture drops vectors a team cannot face.
 */
export function profilesSection(catalogue: Catalogue, used: ThreatProfile): ProfilesSection {
  const profiles: readonly ThreatProfile[] = catalogue.profiles.some((p) => p.id === used.id)
    ? catalogue.profiles
    : [used, ...catalogue.profiles];
  if (profiles.length < 2) return { profileComparison: null };
  const name = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
  const rows = compareProfiles(
    profiles,
    catalogue.vectors.map((v) => v.id),
  ).map((r) => ({
    vector: name.get(r.vector) ?? r.vector,
    cells: r.shares.map((s) => (s ? `${pct(s.incidents)} / ${pct(s.loss)}` : '–')),
  }));
  return {
    profileComparison: {
      profiles: profiles.map((p) => ({
        id: p.id,
        name: p.name,
        used: p.id === used.id,
        population: population(p),
      })),
      rows,
    },
  };
}

function population(p: ThreatProfile): string {
  const pop = p.population;
  if (!pop) return `${p.period}; no population stated.`;
  const spread = [
    pop.medianUsd === undefined ? null : `median ${formatUsd(pop.medianUsd)}`,
    pop.meanUsd === undefined ? null : `mean ${formatUsd(pop.meanUsd)}`,
  ].filter((x): x is string => x !== null);
  return `${p.period}; ${pop.incidents.toLocaleString('en-US')} incidents, ${formatUsd(pop.lossUsd)} in all${spread.length > 0 ? `, ${spread.join(', ')}` : ''}.`;
}
