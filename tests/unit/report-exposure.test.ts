import { describe, expect, it } from 'vitest';
import { exposureRows, p2 } from '../../src/domain/report/exposure.ts';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { methodology } from '../../src/domain/report/methodology.ts';
import {
  computeExposure,
  EFFICACY,
  LIKELY,
  ONE_LEVEL_BELOW,
  POSSIBLE,
  UNCERTAIN_FACTOR,
  VENDOR_ASSURANCE_EFFICACY,
  VENDOR_ASSURANCE_LEVEL,
} from '../../src/domain/scoring/exposure.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';
import { demoInputs } from '../fixtures/demo.ts';

const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const demo = parsed.value.file.assessment;
const { profile } = demoInputs();

describe('the exposure rows', () => {
  const rows = exposureRows(catalogue, demo);

  it('replays every incident of the catalogue, with its loss in dollars', () => {
    expect(rows.map((r) => r.id)).toEqual(catalogue.incidents.map((i) => i.id));
    for (const r of rows) expect(r.lossDisplay).toMatch(/^\$[\d.]+[kMB]?$/);
  });

  it('prints each verdict with its probability', () => {
    for (const r of rows) {
      expect(r.verdictDisplay).toBe(`${r.outcomeLabel} (P = ${r.probability.toFixed(2)})`);
    }
  });

  it('gives the demo its verdicts', () => {
    expect(Object.fromEntries(rows.map((r) => [r.id, r.verdictDisplay]))).toEqual({
      'kelpdao-rseth-2026': 'Not stopped (P = 0.20)',
      'drift-2026': 'Might have been stopped (P = 0.87)',
      'bybit-2025': 'Might have been stopped (P = 0.74)',
      'radiant-capital-2024': 'Might have been stopped (P = 0.79)',
      'wazirx-2024': 'Might have been stopped (P = 0.65)',
      'dmm-bitcoin-2024': 'Might have been stopped (P = 0.52)',
      'atomic-wallet-2023': 'Not stopped (P = 0.00)',
      'mango-markets-2022': 'Detected or loss limited (P = 0.00)',
      'ronin-2022': 'Might have been stopped (P = 0.32)',
      'poly-network-2021': 'Detected or loss limited (P = 0.00)',
    });
  });

  it("says which of the team's answers broke which step, at what level and with what p", () => {
    const ronin = rows.find((r) => r.id === 'ronin-2022');
    expect(ronin?.detail).toContain(
      'Step 3 (Lateral movement to the validator nodes): KEY-11 at 1 of 2 (technical, p 0.27), P(step) 0.27.',
    );
    expect(ronin?.detail).toContain(
      'SIG-10 at 1 of 2 (training, p 0.08, counted at its stronger step)',
    );
    expect(ronin?.detail).toMatch(
      /^Uncertain: step 2 \(Spyware delivered in the job offer\) DEP-09: /m,
    );
  });

  it('names the vendor-held breaks and what vendor assurance counted for', () => {
    const kelp = rows.find((r) => r.id === 'kelpdao-rseth-2026');
    expect(kelp?.detail).toMatch(
      /^No step of the attack path is broken by the controls as answered\./,
    );
    expect(kelp?.detail).toContain('step 4 (DDoS forces failover to the poisoned nodes) DEP-03');
    expect(kelp?.detail).toContain(
      'Counted once through vendor assurance (DEP-07 at 2, CUS-08 unanswered or N/A): p 0.20.',
    );
    expect(rows.find((r) => r.id === 'bybit-2025')?.detail).toContain(
      'step 1 (Vendor developer workstation compromised) DEP-09',
    );
  });

  it('names every answer that would change the verdict, with no list cut short', () => {
    const kelp = rows.find((r) => r.id === 'kelpdao-rseth-2026');
    expect(kelp?.change).toMatch(
      /^DEP-08 from 0 to 2: would likely have been stopped \(P = 0\.92\); /,
    );
    for (const [i, x] of computeExposure(catalogue, demo.answers).entries()) {
      const change = rows[i]?.change ?? '';
      expect(change).not.toMatch(/more/);
      for (const c of x.changes) expect(change).toContain(`${c.control} from `);
    }
    expect(rows.find((r) => r.id === 'dmm-bitcoin-2024')?.change).toMatch(
      /^No answer the attack path names changes this verdict: with every break met it stays might have been stopped/,
    );
    expect(rows.find((r) => r.id === 'poly-network-2021')?.change).toBe(
      'The attack path names no preventive control the team holds, so no answer here stops it.',
    );
  });

  it('finds nothing broken with no answers at all', () => {
    const none = exposureRows(catalogue, { ...demo, answers: {} });
    expect(new Set(none.map((r) => r.outcome))).toEqual(new Set(['not-stopped']));
    expect(none[0]?.detail).toMatch(/^No step of the attack path is broken/);
  });
});

describe('the bundled replay', () => {
  const zeroBut = (id: string, at: number) =>
    Object.fromEntries(
      catalogue.controls.map((c) => [
        c.id,
        { status: 'level', level: c.id === id ? at : 0 } as const,
      ]),
    );

  it('stops no incident on signer training alone (every control at 0, SIG-10 at 2)', () => {
    const x = computeExposure(catalogue, zeroBut('SIG-10', 2));
    // Before the replay weighed holders and kinds, Ronin, Radiant, DMM Bitcoin and Drift were
    // "Prevented" here.
    expect(x.filter((i) => i.outcome === 'likely' || i.outcome === 'possible')).toEqual([]);
    expect(
      Object.fromEntries(x.map((i) => [i.incident.id, [i.outcome, i.probability.toFixed(2)]])),
    ).toMatchObject({
      'ronin-2022': ['not-stopped', '0.25'],
      'radiant-capital-2024': ['not-stopped', '0.25'],
      'dmm-bitcoin-2024': ['not-stopped', '0.00'],
      'drift-2026': ['contained', '0.13'],
    });
  });

  it("credits vendors' controls only through vendor assurance", () => {
    for (const b of ['bybit-2025', 'dmm-bitcoin-2024', 'kelpdao-rseth-2026']) {
      const inc = catalogue.incidents.find((i) => i.id === b);
      expect(inc?.steps.some((s) => s.breaks.some((x) => x.holder === 'vendor'))).toBe(true);
    }
    // DMM Bitcoin's entry was through its vendor Ginco: the team's own workstation and training
    // answers (DEP-09, SIG-10) break none of Ginco's steps.
    const dmm = (answers: ReturnType<typeof zeroBut>) =>
      computeExposure(catalogue, answers).find((i) => i.incident.id === 'dmm-bitcoin-2024');
    const both = { ...zeroBut('DEP-09', 3), 'SIG-10': { status: 'level', level: 3 } as const };
    expect(dmm(both)?.probability).toBe(0);
    expect(dmm(zeroBut('DEP-07', 2))?.probability).toBeCloseTo(0.2, 12);
  });
});

describe('the incident-exposure methodology', () => {
  const text =
    methodology(catalogue, profile)
      .find((s) => s.title === 'Incident exposure')
      ?.paragraphs.join('\n') ?? '';

  it('states every figure the replay uses, and that the mapping is analysis', () => {
    expect(text).toContain(
      `Efficacy is ${String(EFFICACY.technical)} for a technical control, ${String(EFFICACY.procedure)} for a procedure and ${String(EFFICACY.training)} for training.`,
    );
    expect(text).toContain(`${String(ONE_LEVEL_BELOW)} one level below it`);
    expect(text).toContain(`u is ${String(UNCERTAIN_FACTOR)} for an uncertain break`);
    expect(text).toContain(
      `${String(VENDOR_ASSURANCE_EFFICACY)} × the best attainment, at level ${String(VENDOR_ASSURANCE_LEVEL)}, of the team's vendor-assurance answers (DEP-07, CUS-08)`,
    );
    expect(text).toContain(`P ≥ ${String(LIKELY)}`);
    expect(text).toContain(`P ≥ ${String(POSSIBLE)}`);
    expect(text).toContain('our analysis of the public record, not sourced fact');
    expect(text).toContain('as failing independently of each other');
  });
});

describe('probabilities as printed', () => {
  it('round half up to two decimals, whatever floating point does to the product', () => {
    expect(p2(0.25 * 0.3)).toBe('0.08');
    expect(p2(0.87)).toBe('0.87');
    expect(p2(0)).toBe('0.00');
    expect(p2(1)).toBe('1.00');
  });
});

describe('what the exposure rows count and cannot credit', () => {
  const exposures = computeExposure(catalogue, demo.answers);
  const rows = exposureRows(catalogue, demo);

  it('names every control a verdict counts, the full list and nothing else', () => {
    for (const [i, r] of rows.entries()) {
      const x = exposures[i];
      if (!x) throw new Error('missing incident');
      const expected = new Set(
        x.steps.flatMap((s) =>
          s.breaks
            .filter(
              (b) =>
                b.holder === 'team' &&
                ((b.effect === 'prevents' && b.counted) || (b.effect !== 'prevents' && b.met)),
            )
            .map((b) => b.control),
        ),
      );
      if (x.vendor !== null && x.vendor.probability > 0)
        for (const a of x.vendor.answers) if ((a.teamLevel ?? 0) > 0) expected.add(a.control);
      expect(new Set(r.counted)).toEqual(expected);
      expect(r.detail).toContain(`Controls counted: ${r.counted.join(', ') || 'none'}.`);
      expect(r.detail).not.toMatch(/and \d+ more/);
    }
  });

  it('says what would help when the route of a step is unknown', () => {
    const unknown = catalogue.incidents.filter((x) =>
      x.steps.some((s) => s.breaks.length === 0 && (s.unknowns ?? []).length > 0),
    );
    expect(unknown.length).toBeGreaterThan(0);
    for (const incident of unknown) {
      const row = rows.find((r) => r.id === incident.id);
      const step = incident.steps.findIndex(
        (s) => s.breaks.length === 0 && (s.unknowns ?? []).length > 0,
      );
      expect(row?.change).toContain(
        `Step ${String(step + 1)} (${incident.steps[step]?.title ?? ''}) has no known route, so no control is credited`,
      );
      const vector = incident.steps[step]?.vector ?? incident.vectors[0] ?? '';
      // Every applicable control that prevents the vector is named, below or at target.
      for (const c of catalogue.controls) {
        const prevents = c.vectors.some(
          (v) => v.vector === vector && v.effects.includes('prevents'),
        );
        if (prevents && demo.answers[c.id]?.status !== 'na')
          expect(row?.change).toMatch(new RegExp(`\\b${c.id}\\b`));
      }
    }
    // An incident whose every step names its breaks gets no such line.
    const known = rows.filter((r) => !unknown.some((x) => x.id === r.id));
    for (const r of known) expect(r.change).not.toContain('has no known route');
  });

  it('marks the mapping as analysis in the section that prints it', async () => {
    const { reportDocument } = await import('../../src/domain/report/document.ts');
    const { buildReportModel } = await import('../../src/domain/report/model.ts');
    const doc = reportDocument(
      buildReportModel({ catalogue, assessment: demo, profile, reportDate: '2026-12-01' }),
    );
    const at = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Incident exposure');
    const intro = doc.blocks[at + 1];
    expect(intro?.kind === 'paragraph' ? intro.text : '').toContain(
      'which control would have broken which step is the catalogue authors’ analysis, not sourced fact',
    );
    const table = doc.blocks.find((b) => b.kind === 'table' && b.id === 'exposure');
    expect(table?.kind === 'table' ? table.columns.map((c) => c.head) : []).toContain(
      'Why (analysis)',
    );
  });
});
