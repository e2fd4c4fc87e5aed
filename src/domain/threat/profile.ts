import { z } from 'zod';
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
  .min(0, 'expected a share between 0 and 1 (e.g. 0.15 for 15%)')
  .max(1, 'expected a share between 0 and 1 (e.g. 0.15 for 15%)');

export const shareBasisSchema = z.enum(['reported', 'derived', 'assumption']);
export type ShareBasis = z.infer<typeof shareBasisSchema>;

export const profileSourceSchema = sourceSchema.extend({ id: slug });
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
  sources: z.array(slug).optional(),
});
export type VectorShare = z.infer<typeof vectorShareSchema>;

/** Floating-point slack when checking that shares add up to at most 1. */
const SUM_TOLERANCE = 1e-9;

export const threatProfileSchema = z
  .strictObject({
    // Stored with assessments as `profileId`, which holds at most 100 characters.
    id: slug.max(100, 'expected an id of at most 100 characters'),
    name: text,
    period: text,
    description: text,
    /** The profile a new assessment starts with. At most one profile in a catalogue sets it. */
    default: z.boolean().optional(),
    /** The population the shares describe, when the source gives it. */
    population: z
      .strictObject({
        incidents: z.int().min(1),
        lossUsd: z.number().positive(),
        medianUsd: z.number().positive().optional(),
        meanUsd: z.number().positive().optional(),
        sources: z.array(slug).min(1, 'expected the id of the source of these figures'),
      })
      .optional(),
    sources: z.array(profileSourceSchema),
    shares: z.array(vectorShareSchema).min(1, 'expected a share for at least one attack vector'),
    /** What the shares do not cover, when they add up to less than 1. */
    remainder: z.strictObject({ name: text, note: text }).optional(),
  })
  .superRefine((profile, ctx) => {
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
    if (totals.loss === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['shares'],
        message: 'expected at least one vector with a loss share above 0',
      });
    }
  });
export type ThreatProfile = z.infer<typeof threatProfileSchema>;

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
