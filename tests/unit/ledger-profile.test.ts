import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readCatalogueFiles } from '../../scripts/build/catalogue-files.ts';
import { loadCatalogue } from '../../src/domain/catalogue/load.ts';
import {
  incidentLedgerSchema,
  ledgerFigures,
  ledgerProfile,
  type IncidentLedger,
} from '../../src/domain/threat/ledger.ts';
import { threatProfileSchema } from '../../src/domain/threat/profile.ts';
import type { Problem } from '../../src/domain/validation.ts';
import { bundledCatalogue, repoRoot } from '../fixtures/catalogue.ts';

const LEDGER_FILE = 'controls/ledger/incidents-2024-2026.yaml';
const catalogue = bundledCatalogue();
const files = readCatalogueFiles(`${repoRoot}controls`, repoRoot);
const ledgerText = files.find((f) => f.name === LEDGER_FILE)?.text ?? '';
const shippedLedger = (parse(ledgerText) as { ledgers: Record<string, unknown>[] }).ledgers[0];

/** Three incidents whose shares are worked out by hand below. */
function smallLedger(): IncidentLedger {
  const source = [{ title: 'A post-mortem', url: 'https://example.org/post-mortem' }];
  const base = { victim: 'A team', summary: 'What happened.', unknowns: ['The root cause.'] };
  return incidentLedgerSchema.parse({
    id: 'small',
    title: 'A small ledger',
    window: { from: '2025-01-01', to: '2025-12-31' },
    minLossUsd: 10_000_000,
    attribution: { rule: 'Equal split among the distinct vectors of the attack path.' },
    selection: 'Three incidents for a test.',
    profile: { id: 'small', name: 'Small', period: '2025', description: 'A test profile.' },
    incidents: [
      {
        ...base,
        id: 'a',
        name: 'A',
        date: '2025-02-01',
        loss: { usd: 100_000_000, note: 'One figure.' },
        vectors: [{ vector: 'key-compromise', fraction: 1 }],
        confirmed: true,
        sources: source,
      },
      {
        ...base,
        id: 'b',
        name: 'B',
        date: '2025-03-01',
        loss: { usd: 60_000_000, low: 50_000_000, high: 70_000_000, note: 'A range.' },
        vectors: [
          { vector: 'key-compromise', fraction: 0.5 },
          { vector: 'blind-signing', fraction: 0.5 },
        ],
        confirmed: false,
        sources: source,
      },
      {
        ...base,
        id: 'c',
        name: 'C',
        date: '2025-04-01',
        loss: { usd: 30_000_000, note: 'One figure.' },
        vectors: [
          { vector: 'blind-signing', fraction: 0.3333333 },
          { vector: 'supply-chain', fraction: 0.3333333 },
          { vector: 'smart-contract-exploit', fraction: 0.3333334 },
        ],
        confirmed: true,
        sources: source,
      },
    ],
  });
}

describe('a profile computed from a ledger', () => {
  it('gives two vectors the shares summed by hand', () => {
    const profile = threatProfileSchema.parse(ledgerProfile(smallLedger()));
    const share = (v: string) => profile.shares.find((s) => s.vector === v);
    // Total $190M. Key compromise: all of A ($100M) and half of B ($30M) = $130M; it counts 1 + 1/2
    // of the three incidents.
    expect(share('key-compromise')?.loss).toBeCloseTo(130 / 190, 12);
    expect(share('key-compromise')?.incidents).toBeCloseTo(1.5 / 3, 12);
    // Blind signing: half of B ($30M) and a third of C ($10M) = $40M; 1/2 + 1/3 of three incidents.
    expect(share('blind-signing')?.loss).toBeCloseTo(40 / 190, 12);
    expect(share('blind-signing')?.incidents).toBeCloseTo((1 / 2 + 1 / 3) / 3, 12);
    expect(profile.population).toMatchObject({
      incidents: 3,
      lossUsd: 190_000_000,
      medianUsd: 60_000_000,
    });
    expect(profile.population?.meanUsd).toBeCloseTo(190_000_000 / 3, 3);
    expect(share('key-compromise')?.incidentsBasis).toBe('derived');
    expect(share('key-compromise')?.sources).toEqual(['ledger-small', 'a', 'b']);
    expect(ledgerFigures(smallLedger()).unconfirmed).toBe(1);
  });

  it('is offered beside the default, which stays TRM Labs H1 2026', () => {
    expect(catalogue.profiles[0]?.id).toBe('trm-h1-2026');
    expect(catalogue.profiles[0]?.default).toBe(true);
    const ledger = catalogue.profiles.find((p) => p.id === 'named-incidents-2024-2026');
    expect(ledger?.default).toBeUndefined();
    expect(ledger?.description).toMatch(/selection, not the whole population/);
  });

  it('states the shipped ledger as its population, with every entry sourced', () => {
    const ledger = incidentLedgerSchema.parse(shippedLedger);
    const profile = catalogue.profiles.find((p) => p.id === 'named-incidents-2024-2026');
    let total = 0;
    for (const x of ledger.incidents) total += x.loss.usd;
    expect(ledger.incidents.length).toBeGreaterThanOrEqual(40);
    expect(profile?.population?.incidents).toBe(ledger.incidents.length);
    expect(profile?.population?.lossUsd).toBe(total);
    for (const x of ledger.incidents) {
      expect(x.loss.usd, x.id).toBeGreaterThan(10_000_000);
      expect(x.sources.length, x.id).toBeGreaterThan(0);
      // An entry that names an attack path uses the path's loss, so the two files cannot disagree.
      const path = catalogue.incidents.find((i) => i.id === x.path);
      if (x.path !== undefined) expect(path?.loss.usd, x.id).toBe(x.loss.usd);
    }
    const sum = (k: 'incidents' | 'loss') => (profile?.shares ?? []).reduce((t, s) => t + s[k], 0);
    expect(sum('incidents')).toBeCloseTo(1, 9);
    expect(sum('loss')).toBeCloseTo(1, 9);
  });
});

describe("the ledger profile's base rate", () => {
  // Its reasoning quotes figures computed from the ledger; this keeps the words true to the data.
  it('is its count a year over 4,000 protocols, and gives the default profile’s loss a year', () => {
    const ledger = catalogue.profiles.find((p) => p.id === 'named-incidents-2024-2026');
    const trm = catalogue.profiles.find((p) => p.id === 'trm-h1-2026');
    const count = ledger?.population?.incidents ?? 0;
    const mean = ledger?.population?.meanUsd ?? 0;
    const rate = ledger?.baseRate?.annualIncidents ?? 0;
    expect(ledger?.baseRate?.reasoning).toContain(`holds ${String(count)} incidents`);
    expect(ledger?.baseRate?.reasoning).toContain(`$${(mean / 1e6).toFixed(1)}M`);
    expect(rate).toBeCloseTo(count / 2 / 4000, 3);
    const perYear = rate * mean;
    const trmPerYear = (trm?.baseRate?.annualIncidents ?? 0) * (trm?.population?.meanUsd ?? 0);
    expect(Math.abs(perYear / trmPerYear - 1)).toBeLessThan(0.05);
  });
});

/** The shipped catalogue with the ledger's first entry (or the ledger itself) changed. */
function loadWith(change: (ledger: Record<string, unknown>) => void) {
  const ledger = structuredClone(shippedLedger);
  if (!ledger) throw new Error('no shipped ledger');
  change(ledger);
  const text = stringify({ ledgers: [ledger] });
  const result = loadCatalogue(files.map((f) => (f.name === LEDGER_FILE ? { ...f, text } : f)));
  if (result.ok) throw new Error('expected the catalogue to be refused');
  return result.problems;
}
function firstIncident(ledger: Record<string, unknown>): Record<string, unknown> {
  const first = (ledger.incidents as Record<string, unknown>[])[0];
  if (!first) throw new Error('the shipped ledger has no incidents');
  return first;
}

/** The message of the problem at `path` in the ledger's file, or undefined if there is none. */
function messageAt(problems: readonly Problem[], path: string): string | undefined {
  return problems.find((p) => p.source === LEDGER_FILE && p.path === path)?.message;
}

describe('the loader refuses a hostile ledger, saying where and what was expected', () => {
  it('an unknown vector', () => {
    const problems = loadWith((l) => {
      firstIncident(l).vectors = [{ vector: 'key-theft', fraction: 1 }];
    });
    expect(messageAt(problems, 'ledgers[0].incidents[0].vectors[0].vector')).toMatch(
      /^unknown attack vector "key-theft"; expected one of "key-compromise", /,
    );
  });

  it('an amplifier, which takes no part of a loss', () => {
    const problems = loadWith((l) => {
      firstIncident(l).vectors = [{ vector: 'slow-response', fraction: 1 }];
    });
    expect(problems[0]?.message).toMatch(/"slow-response" is an amplifier/);
  });

  it('a negative loss', () => {
    const problems = loadWith((l) => {
      (firstIncident(l).loss as Record<string, unknown>).usd = -11_000_000;
    });
    expect(messageAt(problems, 'ledgers[0].incidents[0].loss.usd')).toMatch(
      /^expected a loss in US dollars above 0 \(line \d+\)$/,
    );
  });

  it('a loss not above the threshold', () => {
    const problems = loadWith((l) => {
      (firstIncident(l).loss as Record<string, unknown>).usd = 9_000_000;
      delete (firstIncident(l).loss as Record<string, unknown>).low;
      delete (firstIncident(l).loss as Record<string, unknown>).high;
    });
    expect(problems[0]?.message).toMatch(/expected a loss above the ledger's threshold of \$10.0M/);
  });

  it('fractions that do not add up to 1', () => {
    const problems = loadWith((l) => {
      firstIncident(l).vectors = [
        { vector: 'key-compromise', fraction: 0.5 },
        { vector: 'blind-signing', fraction: 0.4 },
      ];
    });
    expect(messageAt(problems, 'ledgers[0].incidents[0].vectors')).toContain(
      'the fractions add up to 0.900000; expected 1',
    );
  });

  it('fractions that add up to 1 but break the equal-split rule', () => {
    const problems = loadWith((l) => {
      firstIncident(l).vectors = [
        { vector: 'key-compromise', fraction: 0.7 },
        { vector: 'blind-signing', fraction: 0.3 },
      ];
    });
    expect(messageAt(problems, 'ledgers[0].incidents[0].vectors[0].fraction')).toContain(
      "expected 0.5000000: the ledger's rule splits a loss equally",
    );
  });

  it('a missing source, or one without a link', () => {
    const none = loadWith((l) => {
      firstIncident(l).sources = [];
    });
    expect(messageAt(none, 'ledgers[0].incidents[0].sources')).toContain(
      'expected at least one public source with a URL',
    );
    const script = loadWith((l) => {
      firstIncident(l).sources = [{ title: 'A page', url: 'javascript:alert(1)' }];
    });
    expect(messageAt(script, 'ledgers[0].incidents[0].sources[0].url')).toContain(
      'expected an http(s) URL',
    );
  });

  it('an entry whose vectors are not its attack path', () => {
    const problems = loadWith((l) => {
      const entry = (l.incidents as Record<string, unknown>[]).find((x) => x.id === 'bybit-2025');
      if (!entry) throw new Error('no Bybit entry');
      entry.vectors = [{ vector: 'blind-signing', fraction: 1 }];
    });
    expect(problems[0]?.message).toMatch(
      /attack path "bybit-2025" has the vectors supply-chain, infrastructure-compromise, blind-signing/,
    );
  });

  it('a share typed by hand, or a date outside the window', () => {
    const typed = loadWith((l) => {
      (l.profile as Record<string, unknown>).shares = [];
    });
    expect(messageAt(typed, 'ledgers[0].profile.shares')).toContain(
      "computed from the ledger's incidents; leave it out",
    );
    const early = loadWith((l) => {
      firstIncident(l).date = '2024-05-31';
    });
    expect(early[0]?.message).toMatch(/2024-05-31 is outside the ledger's window/);
  });
});

describe('shares computed from any ledger', () => {
  const vectorIds = catalogue.vectors.filter((v) => v.amplifier !== true).map((v) => v.id);
  const entry = fc.record({
    loss: fc.integer({ min: 10_000_001, max: 2_000_000_000 }),
    vectors: fc.uniqueArray(fc.constantFrom(...vectorIds), { minLength: 1, maxLength: 5 }),
    confirmed: fc.boolean(),
  });

  it('are each in [0, 1], add up to 1 on both bases, and pass the profile schema', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 40 }), (entries) => {
        const ledger = incidentLedgerSchema.parse({
          id: 'random',
          title: 'Random',
          window: { from: '2025-01-01', to: '2025-12-31' },
          minLossUsd: 10_000_000,
          attribution: { rule: 'Equal split.' },
          selection: 'Generated.',
          profile: { id: 'random', name: 'Random', period: '2025', description: 'Generated.' },
          incidents: entries.map((e, i) => ({
            id: `x${String(i)}`,
            name: `Incident ${String(i)}`,
            date: '2025-06-01',
            victim: 'Someone',
            loss: { usd: e.loss, note: 'Generated.' },
            // Written the way a person would: rounded to seven places, the last taking the rest.
            vectors: e.vectors.map((vector, j) => {
              const each = Math.round(1e7 / e.vectors.length) / 1e7;
              const last = Math.round((1 - each * (e.vectors.length - 1)) * 1e7) / 1e7;
              return { vector, fraction: j === e.vectors.length - 1 ? last : each };
            }),
            summary: 'Generated.',
            unknowns: ['Everything.'],
            confirmed: e.confirmed,
            sources: [{ title: 'Source', url: 'https://example.org/' }],
          })),
        });
        const figures = ledgerFigures(ledger);
        let incidents = 0;
        let loss = 0;
        for (const v of figures.vectors) {
          expect(v.incidentShare).toBeGreaterThanOrEqual(0);
          expect(v.incidentShare).toBeLessThanOrEqual(1);
          expect(v.lossShare).toBeGreaterThanOrEqual(0);
          expect(v.lossShare).toBeLessThanOrEqual(1);
          incidents += v.incidentShare;
          loss += v.lossShare;
        }
        expect(Math.abs(incidents - 1)).toBeLessThan(1e-9);
        expect(Math.abs(loss - 1)).toBeLessThan(1e-9);
        expect(threatProfileSchema.safeParse(ledgerProfile(ledger)).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
