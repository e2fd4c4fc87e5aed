import * as z from '../zod.ts';
import { slug, sourceSchema, text } from '../data-schemas.ts';

/**
 * A threat profile says, per attack vector, what share of incidents and what share of stolen value
 * it accounted for over a period. The scoring engine reads the two shares as likelihood (incident
 * share) and cost (loss share ÷ incident share); see `scoring/risk.ts`.
 *
 * Every figure carries its basis, because the public record rarely splits losses as finely as the
 * vocabulary does: `reported` is a figure a source states (per figure: incidents and loss often differ), `derived` is arithmetic on reported
 * figures (the note shows it), and `assumption` is our split where no source gives one. The report
 * prints the basis beside each number.
 */

const share = z
  .number()
  .check(
    z.gte(0, 'expected a share between 0 and 1 (e.g. 0.15 for 15%)'),
    z.lte(1, 'expected a share between 0 and 1 (e.g. 0.15 for 15%)'),
  );

export const shareBasisSchema = z.enum(['reported', 'derived', 'assumption']);
export type ShareBasis = z.infer<typeof shareBasisSchema>;

export const profileSourceSchema = z.extend(sourceSchema, { id: slug });
export type ProfileSource = z.infer<typeof profileSourceSchema>;

export const vectorShareSchema = z.strictObject({
  vector: slug,
  /** Share of the period's incidents, in [0, 1]. */
  incidents: share,
  /** Share of the period's stolen value, in [0, 1]. */
  loss: share,
  incidentsBasis: shareBasisSchema,
  lossBasis: shareBasisSchema,
  /** How the figures were reached: the source's words, the arithmetic, or the assumption. */
  note: text,
  /** Ids from the profile's `sources`. Required unless the basis is an assumption. */
  sources: z.optional(z.array(slug)),
});
export type VectorShare = z.infer<typeof vectorShareSchema>;

/** Floating-point slack when checking that shares add up to at most 1. */
const SUM_TOLERANCE = 1e-9;

/** How far a split's fractions may stray from 1: written fractions such as 1/3 are rounded. */
export const SPLIT_TOLERANCE = 1e-6;

/**
 * Slack between a loss share and what the splits put on its vector: shares are written to four
 * decimals, so the split arithmetic is met to within half a unit in the last place.
 */
export const SPLIT_SHARE_TOLERANCE = 5e-5;

/**
 * How one named incident's loss is divided across attack vectors under the profile's attribution
 * rule. A vector's loss share is what its splits give plus, where the note says so, an assumed
 * part of the losses no named incident accounts for.
 */
export const lossSplitSchema = z.strictObject({
  /** The incident's name, or its id where the catalogue records it in `incidents`. */
  incident: text,
  lossUsd: z.number().check(z.positive()),
  vectors: z
    .array(
      z.strictObject({
        vector: slug,
        fraction: z
          .number()
          .check(
            z.gt(0, 'expected a fraction above 0; leave out a vector that takes none of the loss'),
            z.lte(1, 'expected a fraction of at most 1'),
          ),
      }),
    )
    .check(z.minLength(1, 'expected at least one vector to put the loss on')),
});
export type LossSplit = z.infer<typeof lossSplitSchema>;

const profileShape = z.strictObject({
  // Stored with assessments as `profileId`, which holds at most 100 characters.
  id: slug.check(z.maxLength(100, 'expected an id of at most 100 characters')),
  name: text,
  period: text,
  description: text,
  /** The profile a new assessment starts with. At most one profile in a catalogue sets it. */
  default: z.optional(z.boolean()),
  /** The population the shares describe, when the source gives it. */
  population: z.optional(
    z.strictObject({
      incidents: z.int().check(z.gte(1)),
      lossUsd: z.number().check(z.positive()),
      medianUsd: z.optional(z.number().check(z.positive())),
      meanUsd: z.optional(z.number().check(z.positive())),
      sources: z
        .array(slug)
        .check(z.minLength(1, 'expected the id of the source of these figures')),
    }),
  ),
  /**
   * How many incidents a year a protocol of the kind the profile describes suffers, for the dollar
   * view (`loss/model.ts`): an assumption, stated with its reasoning and a range, that the team
   * can replace with its own figure. Each vector's frequency is this rate × its incident share.
   */
  baseRate: z.optional(
    z
      .strictObject({
        annualIncidents: z
          .number()
          .check(
            z.positive('expected incidents a year above 0'),
            z.lte(100, 'expected at most 100 incidents a year'),
          ),
        low: z.number().check(z.positive()),
        high: z.number().check(z.positive()),
        /** The kind of protocol the rate is for, in words. */
        kind: text,
        reasoning: text,
      })
      .check(
        z.refine((r) => r.low <= r.annualIncidents && r.annualIncidents <= r.high, {
          message: 'expected low ≤ annualIncidents ≤ high',
        }),
      ),
  ),
  sources: z.array(profileSourceSchema),
  shares: z
    .array(vectorShareSchema)
    .check(z.minLength(1, 'expected a share for at least one attack vector')),
  /** What the shares do not cover, when they add up to less than 1. */
  remainder: z.optional(z.strictObject({ name: text, note: text })),
  /**
   * The one rule by which every incident's loss is put on attack vectors, in words. Stated once
   * so two incidents cannot be attributed by different rules without the file saying so.
   */
  attribution: z.optional(z.strictObject({ rule: text })),
  /** The named incidents whose loss the rule divides, with the fractions it gives. */
  splits: z.optional(z.array(lossSplitSchema)),
});

export const threatProfileSchema = profileShape.check(
  z.superRefine((profile, ctx) => {
    const sourceIds = new Set(profile.sources.map((s) => s.id));
    const seen = new Set<string>();
    profile.shares.forEach((s, i) => {
      if (seen.has(s.vector)) {
        ctx.addIssue({
          code: 'custom',
          path: ['shares', i, 'vector'],
          message: `attack vector "${s.vector}" already has a share; give each vector one entry`,
        });
      }
      seen.add(s.vector);
      if (s.loss > 0 && s.incidents === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['shares', i, 'incidents'],
          message: 'a vector with a loss share must have an incident share above 0',
        });
      }
      const cited = [s.incidentsBasis, s.lossBasis].find((b) => b !== 'assumption');
      if (cited !== undefined && (s.sources ?? []).length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['shares', i, 'sources'],
          message: `a ${cited} figure must name at least one source id; mark it "assumption" if no source supports it`,
        });
      }
      (s.sources ?? []).forEach((id, j) => {
        if (!sourceIds.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['shares', i, 'sources', j],
            message: `unknown source "${id}"; expected one of the profile's sources`,
          });
        }
      });
    });
    (profile.population?.sources ?? []).forEach((id, j) => {
      if (!sourceIds.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['population', 'sources', j],
          message: `unknown source "${id}"; expected one of the profile's sources`,
        });
      }
    });
    const totals = shareTotals(profile.shares);
    for (const key of ['incidents', 'loss'] as const) {
      if (totals[key] > 1 + SUM_TOLERANCE) {
        ctx.addIssue({
          code: 'custom',
          path: ['shares'],
          message: `${key} shares add up to ${totals[key].toFixed(4)}; expected at most 1`,
        });
      }
    }
    if (
      (totals.incidents < 1 - SUM_TOLERANCE || totals.loss < 1 - SUM_TOLERANCE) &&
      !profile.remainder
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['remainder'],
        message: `shares add up to ${totals.incidents.toFixed(4)} of incidents and ${totals.loss.toFixed(4)} of loss; name what the remainder is`,
      });
    }
    checkSplits(profile, ctx);
    if (totals.loss === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['shares'],
        message: 'expected at least one vector with a loss share above 0',
      });
    }
  }),
);
export type ThreatProfile = z.infer<typeof threatProfileSchema>;

function checkSplits(profile: z.infer<typeof profileShape>, ctx: z.core.$RefinementCtx): void {
  const splits = profile.splits ?? [];
  if (splits.length === 0) return;
  if (!profile.attribution) {
    ctx.addIssue({
      code: 'custom',
      path: ['attribution'],
      message:
        'a profile that splits incidents must state its attribution rule once, as attribution.rule',
    });
  }
  if (!profile.population) {
    ctx.addIssue({
      code: 'custom',
      path: ['population'],
      message: "splits are in US dollars; give the population's lossUsd to turn them into shares",
    });
  }
  const weighted = new Set(profile.shares.map((s) => s.vector));
  splits.forEach((split, i) => {
    const seen = new Set<string>();
    let total = 0;
    split.vectors.forEach((v, j) => {
      total += v.fraction;
      if (seen.has(v.vector)) {
        ctx.addIssue({
          code: 'custom',
          path: ['splits', i, 'vectors', j, 'vector'],
          message: `"${v.vector}" is already in this split; give each vector one fraction`,
        });
      }
      seen.add(v.vector);
      if (!weighted.has(v.vector)) {
        ctx.addIssue({
          code: 'custom',
          path: ['splits', i, 'vectors', j, 'vector'],
          message: `unknown attack vector "${v.vector}"; expected one the profile gives a share (${[...weighted].join(', ')})`,
        });
      }
    });
    if (Math.abs(total - 1) > SPLIT_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['splits', i, 'vectors'],
        message: `the fractions for "${split.incident}" add up to ${total.toFixed(6)}; expected 1`,
      });
    }
  });
  const population = profile.population?.lossUsd;
  if (population === undefined) return;
  const fromSplits = splitLossShares(profile.splits ?? [], population);
  profile.shares.forEach((s, i) => {
    const part = fromSplits.get(s.vector) ?? 0;
    if (part > s.loss + SPLIT_SHARE_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['shares', i, 'loss'],
        message: `the splits put ${part.toFixed(4)} of loss on "${s.vector}", more than its loss share ${s.loss.toFixed(4)}`,
      });
    }
  });
}

/** The loss share each vector receives from the named incidents' splits alone. */
export function splitLossShares(
  splits: readonly LossSplit[],
  populationLossUsd: number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const split of splits) {
    for (const v of split.vectors) {
      out.set(
        v.vector,
        (out.get(v.vector) ?? 0) + (split.lossUsd * v.fraction) / populationLossUsd,
      );
    }
  }
  return out;
}

export function shareTotals(shares: readonly VectorShare[]): { incidents: number; loss: number } {
  let incidents = 0;
  let loss = 0;
  for (const s of shares) {
    incidents += s.incidents;
    loss += s.loss;
  }
  return { incidents, loss };
}

/**
 * The profile used when a catalogue brings none: every vector equally likely and equally costly.
 * It is a reference point, not data, and says so.
 */
export function equalWeightProfile(
  vectors: readonly { readonly id: string; readonly amplifier?: boolean | undefined }[],
): ThreatProfile {
  const list = vectors.filter((v) => v.amplifier !== true);
  const each = 1 / list.length;
  return {
    id: 'equal-weights',
    name: 'Equal weights (no threat data)',
    period: 'none',
    description:
      'Every attack vector counts the same. Use it to see the scores without any threat data, or as a reference point against a data-based profile.',
    sources: [],
    shares: list.map((v) => ({
      vector: v.id,
      incidents: each,
      loss: each,
      incidentsBasis: 'assumption',
      lossBasis: 'assumption',
      note: `1 / ${String(list.length)} of incidents and of loss for each vector.`,
    })),
  };
}
