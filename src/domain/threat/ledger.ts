import * as z from '../zod.ts';
import { httpUrl, slug, text } from '../data-schemas.ts';
import { formatUsd } from '../format.ts';
import {
  SPLIT_TOLERANCE,
  type LossSplit,
  type ProfileSource,
  type VectorShare,
} from './profile.ts';

/**
 * A ledger of named incidents: each one dated, costed in US dollars with the range sources give,
 * attributed to the catalogue's attack vectors by the ledger's one rule, with what is unknown about
 * it and where the facts come from. A threat profile is then computed from it (`ledgerProfile`), so
 * no share is typed by hand and every share can be traced to the incidents behind it.
 *
 * The ledger is a selection (named incidents above a threshold, in a window), not the population
 * of all incidents: its incident shares describe large losses, which is why the profile built from
 * it says so in its description.
 */

/** A full calendar date: the ledger places each incident in a window, so a month is not enough. */
const isoDay = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like "2025-02-21"'),
  z.refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
  }, 'expected a real calendar date'),
);

/** Above zero and finite: a hostile file must not turn a total into Infinity or NaN. */
const usd = z
  .number()
  .check(
    z.positive('expected a loss in US dollars above 0'),
    z.lte(1e12, 'expected at most $1 trillion'),
  );

/** A ledger source must link somewhere a reader can check; a title alone cannot be followed. */
export const ledgerSourceSchema = z.strictObject({
  title: text,
  url: httpUrl,
  note: z.optional(text),
});
export type LedgerSource = z.infer<typeof ledgerSourceSchema>;

const ledgerVectorSchema = z.strictObject({
  vector: slug,
  fraction: z
    .number()
    .check(
      z.gt(0, 'expected a fraction above 0; leave out a vector that takes none of the loss'),
      z.lte(1, 'expected a fraction of at most 1'),
    ),
});

export const ledgerIncidentSchema = z
  .strictObject({
    id: slug.check(z.maxLength(100, 'expected an id of at most 100 characters')),
    name: text,
    date: isoDay,
    victim: text,
    loss: z
      .strictObject({
        /** The figure the profile uses. */
        usd,
        /** The lowest and highest figures sources give, when they disagree. */
        low: z.optional(usd),
        high: z.optional(usd),
        /** Which figure is used and why, and what the range is made of. */
        note: text,
      })
      .check(
        z.superRefine((loss, ctx) => {
          if ((loss.low === undefined) !== (loss.high === undefined)) {
            ctx.addIssue({
              code: 'custom',
              path: [loss.low === undefined ? 'low' : 'high'],
              message: 'expected both low and high when sources disagree, or neither',
            });
          }
          if (loss.low !== undefined && loss.low > loss.usd) {
            ctx.addIssue({
              code: 'custom',
              path: ['low'],
              message: `expected low at most the figure used (${String(loss.usd)})`,
            });
          }
          if (loss.high !== undefined && loss.high < loss.usd) {
            ctx.addIssue({
              code: 'custom',
              path: ['high'],
              message: `expected high at least the figure used (${String(loss.usd)})`,
            });
          }
        }),
      ),
    /** The id of this incident's attack path in the catalogue's `incidents`, where it has one. */
    path: z.optional(slug),
    vectors: z
      .array(ledgerVectorSchema)
      .check(z.minLength(1, 'expected at least one attack vector')),
    summary: text,
    unknowns: z
      .array(text)
      .check(
        z.minLength(1, 'expected at least one unknown: say what the public record leaves open'),
      ),
    /**
     * False where the figure or the attribution rests on reporting this ledger could not confirm
     * (a single secondary source, an undisclosed root cause); the unknowns say which.
     */
    confirmed: z.boolean(),
    sources: z
      .array(ledgerSourceSchema)
      .check(z.minLength(1, 'expected at least one public source with a URL')),
  })
  .check(
    z.superRefine((incident, ctx) => {
      const seen = new Set<string>();
      let total = 0;
      const n = incident.vectors.length;
      incident.vectors.forEach((v, j) => {
        total += v.fraction;
        if (seen.has(v.vector)) {
          ctx.addIssue({
            code: 'custom',
            path: ['vectors', j, 'vector'],
            message: `"${v.vector}" is already listed for this incident; list each vector once`,
          });
        }
        seen.add(v.vector);
        // The one rule: an equal split. A fraction that differs is a second rule in disguise.
        if (Math.abs(v.fraction - 1 / n) > SPLIT_TOLERANCE) {
          ctx.addIssue({
            code: 'custom',
            path: ['vectors', j, 'fraction'],
            message: `expected ${(1 / n).toFixed(7)}: the ledger's rule splits a loss equally, so each of the ${String(n)} vectors takes 1/${String(n)}`,
          });
        }
      });
      if (Math.abs(total - 1) > SPLIT_TOLERANCE) {
        ctx.addIssue({
          code: 'custom',
          path: ['vectors'],
          message: `the fractions add up to ${total.toFixed(6)}; expected 1`,
        });
      }
    }),
  );
export type LedgerIncident = z.infer<typeof ledgerIncidentSchema>;

/** Fields of the profile the ledger computes; writing them by hand would defeat the ledger. */
const COMPUTED_PROFILE_FIELDS = [
  'shares',
  'splits',
  'population',
  'sources',
  'attribution',
] as const;

/**
 * The profile's own words (id, name, period, description) and any other profile field a ledger
 * may state, such as an assumption the profile carries. Loose here because the profile schema
 * checks the built profile whole; only the computed fields are refused at this point.
 */
const ledgerProfileMetaSchema = z
  .looseObject({
    id: slug.check(z.maxLength(100, 'expected an id of at most 100 characters')),
    name: text,
    period: text,
    description: text,
  })
  .check(
    z.superRefine((meta, ctx) => {
      for (const key of COMPUTED_PROFILE_FIELDS) {
        if (key in meta) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `"${key}" is computed from the ledger's incidents; leave it out`,
          });
        }
      }
    }),
  );

export const incidentLedgerSchema = z
  .strictObject({
    id: slug,
    title: text,
    /** The period the selection covers, inclusive. */
    window: z.strictObject({ from: isoDay, to: isoDay }),
    /** Every incident's figure used must be above this. */
    minLossUsd: usd,
    /** The one rule by which every loss is put on attack vectors, in words. */
    attribution: z.strictObject({ rule: text }),
    /** How the selection was made and what it leaves out, in words. */
    selection: text,
    profile: ledgerProfileMetaSchema,
    /** Incidents looked at and left out, with the reason, so the selection can be checked. */
    excluded: z.optional(
      z.array(z.strictObject({ name: text, reason: text, url: z.optional(httpUrl) })),
    ),
    incidents: z
      .array(ledgerIncidentSchema)
      .check(
        z.minLength(1, 'expected at least one incident'),
        z.maxLength(1000, 'expected at most 1,000 incidents'),
      ),
  })
  .check(
    z.superRefine((ledger, ctx) => {
      const { from, to } = ledger.window;
      if (from > to) {
        ctx.addIssue({
          code: 'custom',
          path: ['window', 'to'],
          message: `expected the window to end on or after ${from}`,
        });
      }
      const ids = new Map<string, number>();
      ledger.incidents.forEach((incident, i) => {
        const first = ids.get(incident.id);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['incidents', i, 'id'],
            message: `duplicate incident id "${incident.id}" (first at incidents[${String(first)}])`,
          });
        } else {
          ids.set(incident.id, i);
        }
        if (incident.date < from || incident.date > to) {
          ctx.addIssue({
            code: 'custom',
            path: ['incidents', i, 'date'],
            message: `${incident.date} is outside the ledger's window ${from} to ${to}`,
          });
        }
        if (incident.loss.usd <= ledger.minLossUsd) {
          ctx.addIssue({
            code: 'custom',
            path: ['incidents', i, 'loss', 'usd'],
            message: `expected a loss above the ledger's threshold of ${formatUsd(ledger.minLossUsd)}`,
          });
        }
      });
    }),
  );
export type IncidentLedger = z.infer<typeof incidentLedgerSchema>;

/** What the catalogue knows that a ledger refers to: its vectors and its attack paths. */
export interface LedgerContext {
  readonly vectors: ReadonlyMap<string, { readonly amplifier?: boolean | undefined }>;
  readonly paths: ReadonlyMap<
    string,
    { readonly steps: readonly { readonly vector?: string | undefined }[] }
  >;
}

/** A problem inside one ledger, with a path relative to it. */
export interface LedgerProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * The checks that need the rest of the catalogue: every vector exists and causes incidents, and an
 * incident that names its attack path is attributed to exactly that path's distinct vectors, since
 * the rule divides a loss among the vectors of the steps on the path.
 */
export function checkLedgerReferences(
  ledger: IncidentLedger,
  context: LedgerContext,
): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  const known = [...context.vectors.keys()].map((k) => `"${k}"`).join(', ');
  ledger.incidents.forEach((incident, i) => {
    incident.vectors.forEach((v, j) => {
      const vector = context.vectors.get(v.vector);
      const path = `incidents[${String(i)}].vectors[${String(j)}].vector`;
      if (!vector) {
        problems.push({
          path,
          message: `unknown attack vector "${v.vector}"; expected one of ${known}`,
        });
      } else if (vector.amplifier === true) {
        problems.push({
          path,
          message: `"${v.vector}" is an amplifier, not a cause of incidents, so it takes no part of a loss`,
        });
      }
    });
    if (incident.path === undefined) return;
    const attackPath = context.paths.get(incident.path);
    if (!attackPath) {
      problems.push({
        path: `incidents[${String(i)}].path`,
        message: `unknown attack path "${incident.path}"; expected the id of an incident in the catalogue's incidents`,
      });
      return;
    }
    const expected = pathVectors(attackPath.steps, context.vectors);
    const given = incident.vectors.map((v) => v.vector);
    const same = expected.length === given.length && expected.every((v) => given.includes(v));
    if (!same) {
      problems.push({
        path: `incidents[${String(i)}].vectors`,
        message: `attack path "${incident.path}" has the vectors ${expected.join(', ')}; the rule divides its loss among exactly those, but this entry lists ${given.join(', ')}`,
      });
    }
  });
  return problems;
}

/** The distinct vectors of an attack path's steps, amplifiers left out, in the order first met. */
export function pathVectors(
  steps: readonly { readonly vector?: string | undefined }[],
  vectors: LedgerContext['vectors'],
): string[] {
  const out: string[] = [];
  for (const step of steps) {
    const v = step.vector;
    if (v === undefined || out.includes(v) || vectors.get(v)?.amplifier === true) continue;
    out.push(v);
  }
  return out;
}

/** One incident's part in a vector's share. */
export interface LedgerContribution {
  readonly id: string;
  readonly name: string;
  readonly date: string;
  readonly lossUsd: number;
  /** The part of the incident the rule puts on the vector: 1 / (its number of vectors). */
  readonly fraction: number;
  readonly confirmed: boolean;
}

export interface LedgerVectorFigures {
  readonly vector: string;
  /** Incidents counted in the rule's fractions: an incident with three vectors adds 1/3 to each. */
  readonly incidentEquivalents: number;
  readonly lossUsd: number;
  readonly incidentShare: number;
  readonly lossShare: number;
  /** Largest part first. */
  readonly contributions: readonly LedgerContribution[];
}

export interface LedgerFigures {
  readonly count: number;
  readonly totalUsd: number;
  readonly medianUsd: number;
  readonly meanUsd: number;
  readonly unconfirmed: number;
  /** By loss share, largest first; ties by vector id so the order never depends on the file. */
  readonly vectors: readonly LedgerVectorFigures[];
}

/**
 * The population and per-vector figures a ledger gives. Each incident counts once in all, spread
 * over its vectors in the rule's equal fractions, for incidents and for loss alike, so both kinds
 * of share add up to 1 over the vectors. The exact 1/n is used, not the rounded fraction written
 * in the file (the schema checks that the two agree).
 */
export function ledgerFigures(ledger: IncidentLedger): LedgerFigures {
  const count = ledger.incidents.length;
  let totalUsd = 0;
  for (const incident of ledger.incidents) totalUsd += incident.loss.usd;
  const sorted = ledger.incidents.map((x) => x.loss.usd).sort((a, b) => a - b);
  const mid = Math.floor(count / 2);
  const medianUsd =
    count % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const byVector = new Map<string, LedgerContribution[]>();
  for (const incident of ledger.incidents) {
    const fraction = 1 / incident.vectors.length;
    for (const v of incident.vectors) {
      const list = byVector.get(v.vector) ?? [];
      list.push({
        id: incident.id,
        name: incident.name,
        date: incident.date,
        lossUsd: incident.loss.usd,
        fraction,
        confirmed: incident.confirmed,
      });
      byVector.set(v.vector, list);
    }
  }
  const vectors = [...byVector.entries()].map(([vector, list]): LedgerVectorFigures => {
    let incidentEquivalents = 0;
    let lossUsd = 0;
    for (const c of list) {
      incidentEquivalents += c.fraction;
      lossUsd += c.lossUsd * c.fraction;
    }
    return {
      vector,
      incidentEquivalents,
      lossUsd,
      incidentShare: incidentEquivalents / count,
      lossShare: lossUsd / totalUsd,
      contributions: [...list].sort(
        (a, b) => b.lossUsd * b.fraction - a.lossUsd * a.fraction || compare(a.id, b.id),
      ),
    };
  });
  vectors.sort((a, b) => b.lossShare - a.lossShare || compare(a.vector, b.vector));
  return {
    count,
    totalUsd,
    medianUsd,
    meanUsd: totalUsd / count,
    unconfirmed: ledger.incidents.filter((x) => !x.confirmed).length,
    vectors,
  };
}

/** The source id under which a built profile cites the ledger as a whole. */
export function ledgerSourceId(ledger: IncidentLedger): string {
  return `ledger-${ledger.id}`;
}

/**
 * The threat profile a ledger gives: its shares, splits and population computed from the incidents,
 * its words from the ledger's `profile`. The result is for `threatProfileSchema` to check, like a
 * profile written by hand, so the same rules hold for both.
 */
export function ledgerProfile(ledger: IncidentLedger): Record<string, unknown> {
  const figures = ledgerFigures(ledger);
  const ledgerSource: ProfileSource = {
    id: ledgerSourceId(ledger),
    title: ledger.title,
    note: `${String(figures.count)} named incidents, ${ledger.window.from} to ${ledger.window.to}, each above ${formatUsd(ledger.minLossUsd)}: ${formatUsd(figures.totalUsd)} in all; ${String(figures.unconfirmed)} entries rest on figures or attributions marked unconfirmed. Each entry's public sources are listed in the ledger file.`,
  };
  // Named but not linked: the links stay in the ledger file, since every byte of a built-in
  // profile is in the app's first load and forty links would double this profile's size.
  const incidentSources: ProfileSource[] = ledger.incidents.map((x) => ({
    id: x.id,
    title: `${x.name} (${x.date}, ${formatUsd(x.loss.usd)}${x.confirmed ? '' : ', unconfirmed'})`,
  }));
  const shares: VectorShare[] = figures.vectors.map((v) => ({
    vector: v.vector,
    incidents: v.incidentShare,
    loss: v.lossShare,
    incidentsBasis: 'derived',
    lossBasis: 'derived',
    sources: [ledgerSource.id, ...v.contributions.map((c) => c.id)],
    note: shareNote(v, figures),
  }));
  const splits: LossSplit[] = ledger.incidents.map((x) => ({
    incident: x.id,
    lossUsd: x.loss.usd,
    vectors: x.vectors.map((v) => ({ vector: v.vector, fraction: 1 / x.vectors.length })),
  }));
  return {
    ...ledger.profile,
    population: {
      incidents: figures.count,
      lossUsd: figures.totalUsd,
      medianUsd: figures.medianUsd,
      meanUsd: figures.meanUsd,
      sources: [ledgerSource.id],
    },
    attribution: { rule: ledger.attribution.rule },
    splits,
    sources: [ledgerSource, ...incidentSources],
    shares,
  };
}

/** The arithmetic behind one share, short enough for the report's table of shares. */
function shareNote(v: LedgerVectorFigures, figures: LedgerFigures): string {
  const top = v.contributions
    .slice(0, 3)
    .map((c) => `${c.name} ${formatUsd(c.lossUsd)} × ${fractionText(c.fraction)}`)
    .join('; ');
  const more = v.contributions.length > 3 ? `; ${String(v.contributions.length - 3)} more` : '';
  return (
    `Computed from the ledger: ${String(v.contributions.length)} of ${String(figures.count)} incidents, ` +
    `${v.incidentEquivalents.toFixed(2)} counted in the rule's fractions, / ${String(figures.count)} = ${v.incidentShare.toFixed(4)} of incidents; ` +
    `${formatUsd(v.lossUsd)} / ${formatUsd(figures.totalUsd)} = ${v.lossShare.toFixed(4)} of loss. Largest parts: ${top}${more}.`
  );
}

function fractionText(f: number): string {
  const n = Math.round(1 / f);
  return n === 1 ? '1' : `1/${String(n)}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
