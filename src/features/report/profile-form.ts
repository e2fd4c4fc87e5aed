import * as z from '../../domain/zod.ts';
import type { ThreatProfile, VectorShare } from '../../domain/threat/profile.ts';

/**
 * The profile editor works in percentages, which is how people read the source figures; the
 * saved profile is checked again by the domain schema, so the two cannot drift apart.
 */
const percent = z
  .number({ error: 'expected a number from 0 to 100' })
  .check(
    z.gte(0, 'expected a number from 0 to 100'),
    z.lte(100, 'expected a number from 0 to 100'),
  );

export const profileFormSchema = z
  .object({
    rows: z.array(z.object({ vector: z.string(), incidents: percent, loss: percent })),
  })
  .check(
    z.superRefine((form, ctx) => {
      let incidents = 0;
      let loss = 0;
      form.rows.forEach((row, i) => {
        incidents += row.incidents;
        loss += row.loss;
        if (row.loss > 0 && row.incidents === 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', i, 'incidents'],
            message: 'a vector with a loss share needs an incident share above 0',
          });
        }
      });
      if (incidents > 100 + 1e-7) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows'],
          message: `incident shares add up to ${incidents.toFixed(1)}%; they can add up to at most 100%`,
        });
      }
      if (loss > 100 + 1e-7) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows'],
          message: `loss shares add up to ${loss.toFixed(1)}%; they can add up to at most 100%`,
        });
      }
      if (loss === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows'],
          message: 'at least one vector needs a loss share above 0',
        });
      }
    }),
  );
export type ProfileForm = z.infer<typeof profileFormSchema>;

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export function profileToForm(profile: ThreatProfile): ProfileForm {
  return {
    rows: profile.shares.map((s) => ({
      vector: s.vector,
      incidents: round(s.incidents * 100),
      loss: round(s.loss * 100),
    })),
  };
}

/**
 * The edited profile. Figures the team changed become assumptions with a note of what they were,
 * so the report never presents an edited number as the source's.
 */
export function formToProfile(form: ProfileForm, base: ThreatProfile): ThreatProfile {
  const original = new Map(base.shares.map((s) => [s.vector, s]));
  const shares: VectorShare[] = form.rows.map((row) => {
    // Not rounded: rounding could push a sum the form accepted past 1, or a tiny share to 0.
    const incidents = row.incidents / 100;
    const loss = row.loss / 100;
    const was = original.get(row.vector);
    const unchanged = (a: number, percent: number): boolean => Math.abs(a * 100 - percent) < 1e-9;
    if (was && unchanged(was.incidents, row.incidents) && unchanged(was.loss, row.loss)) return was;
    return {
      vector: row.vector,
      incidents,
      loss,
      incidentsBasis:
        was && unchanged(was.incidents, row.incidents) ? was.incidentsBasis : 'assumption',
      lossBasis: was && unchanged(was.loss, row.loss) ? was.lossBasis : 'assumption',
      note: was
        ? `Edited by the team; ${base.name} gives ${(was.incidents * 100).toFixed(2)}% of incidents and ${(was.loss * 100).toFixed(2)}% of loss.`
        : 'Added by the team.',
      ...(was?.sources ? { sources: was.sources } : {}),
    };
  });
  const sum = (k: 'incidents' | 'loss'): number => shares.reduce((t, s) => t + s[k], 0);
  const partial = sum('incidents') < 1 - 1e-9 || sum('loss') < 1 - 1e-9;
  // The base's splits say how its own shares were derived; once the team changes a share they no
  // longer describe it, and the loader would refuse a share below what they put on its vector.
  const edited =
    shares.length !== base.shares.length || shares.some((s) => original.get(s.vector) !== s);
  const { default: _, id: baseId, splits, attribution, ...rest } = base;
  return {
    ...rest,
    ...(edited ? {} : { ...(splits ? { splits } : {}), ...(attribution ? { attribution } : {}) }),
    id: `custom-${baseId.replace(/^custom-/, '')}`,
    name: base.name.endsWith(', edited') ? base.name : `${base.name}, edited`,
    shares,
    ...(partial
      ? {
          remainder: base.remainder ?? {
            name: 'Not modelled',
            note: 'The edited shares leave the rest of incidents and loss unmodelled.',
          },
        }
      : {}),
  };
}
