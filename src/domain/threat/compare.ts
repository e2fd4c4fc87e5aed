import type { ThreatProfile } from './profile.ts';

/** One vector's shares under each profile compared, in the order the profiles were given. */
export interface ProfileComparisonRow {
  readonly vector: string;
  /** Per profile: its share of this vector, or null where the profile gives the vector none. */
  readonly shares: readonly ({ readonly incidents: number; readonly loss: number } | null)[];
}

/**
 * Each vector's incident and loss share under several profiles side by side, so a reader can see
 * how far the weights move with the data behind them. Vectors come in the order given (the
 * catalogue's), then any a profile weights that the list lacks; a vector no profile weights is
 * left out.
 */
export function compareProfiles(
  profiles: readonly ThreatProfile[],
  vectorOrder: readonly string[],
): ProfileComparisonRow[] {
  const weighted = new Set(profiles.flatMap((p) => p.shares.map((s) => s.vector)));
  const order = [
    ...vectorOrder.filter((v) => weighted.has(v)),
    ...[...weighted].filter((v) => !vectorOrder.includes(v)).sort(),
  ];
  return order.map((vector) => ({
    vector,
    shares: profiles.map((p) => {
      const s = p.shares.find((x) => x.vector === vector);
      return s ? { incidents: s.incidents, loss: s.loss } : null;
    }),
  }));
}
