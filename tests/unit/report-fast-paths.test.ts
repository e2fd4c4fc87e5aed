import { describe, expect, it } from 'vitest';
import { generateScoringCatalogue, mulberry32 } from '../../scripts/bench/generate.ts';
import type { Answer, Assessment } from '../../src/domain/assessment/schema.ts';
import { points } from '../../src/domain/format.ts';
import { vectorRows } from '../../src/domain/report/vectors.ts';
import { gapSection, shortIncidentName } from '../../src/domain/report/gaps.ts';
import { actionsFor, type ActionRow } from '../../src/domain/report/workshop.ts';
import { incidentsForControl } from '../../src/domain/catalogue/coverage.ts';
import {
  computeRisk,
  gapRanksUnder,
  residualRiskWith,
  type RiskResult,
} from '../../src/domain/scoring/risk.ts';
import { MITIGATION_VARIANTS, PREVENTION_VARIANTS } from '../../src/domain/scoring/robustness.ts';
import { computeExposure, OUTCOME_ORDER } from '../../src/domain/scoring/exposure.ts';
import { computeReadiness } from '../../src/domain/scoring/readiness.ts';
import { ownGapExample } from '../../src/domain/scoring/worked-example.ts';
import { bundledCatalogue } from '../fixtures/catalogue.ts';

/**
 * The report's fast paths against the straightforward computations they replace, on random
 * catalogues and answers: the same values, not approximately the same.
 */
const base = bundledCatalogue();
const MITIGATING = new Set(['detects', 'limits-loss', 'speeds-response']);

function randomCase(seed: number, size: number) {
  const { catalogue } = generateScoringCatalogue(base, size);
  const random = mulberry32(seed);
  const answers: Record<string, Answer> = {};
  const targets: Record<string, number> = {};
  for (const c of catalogue.controls) {
    const r = random();
    if (r < 0.1) answers[c.id] = { status: 'na', justification: 'Random.' };
    else if (r < 0.8) answers[c.id] = { status: 'level', level: Math.floor(random() * 4) };
    if (random() < 0.2) targets[c.id] = 1 + Math.floor(random() * 3);
  }
  const profile = catalogue.profiles[seed % catalogue.profiles.length];
  if (!profile) throw new Error('no profile');
  return { catalogue, answers, targets, profile };
}

/** The controls behind P(v) or M(v) as the report first listed them: a scan per vector. */
function referenceContributions(risk: RiskResult, vectorId: string, prevents: boolean) {
  return risk.readiness.controls.flatMap((s) => {
    if (s.attainment === null) return [];
    const link = s.control.vectors.find((v) => v.vector === vectorId);
    const acts =
      link !== undefined &&
      (prevents ? link.effects.includes('prevents') : link.effects.some((e) => MITIGATING.has(e)));
    return acts
      ? [
          {
            controlId: s.control.id,
            attainment: s.attainment,
            weight: s.weight,
            display: `${s.control.id} ${s.attainment.toFixed(2)} × ${String(s.weight)}`,
          },
        ]
      : [];
  });
}

const cases = [
  [1, 40],
  [2, 150],
  [3, 400],
  [4, 1200],
  [5, 112],
] as const;

describe('report fast paths equal the straightforward computation', () => {
  it.each(cases)('vector contributions (seed %i, %i controls)', (seed, size) => {
    const { catalogue, answers, targets, profile } = randomCase(seed, size);
    const risk = computeRisk(catalogue, answers, profile, targets);
    for (const row of vectorRows(risk)) {
      expect(row.preventing).toEqual(referenceContributions(risk, row.id, true));
      expect(row.mitigating).toEqual(referenceContributions(risk, row.id, false));
    }
  });

  it.each(cases)('the index with gaps raised (seed %i, %i controls)', (seed, size) => {
    const { catalogue, answers, targets, profile } = randomCase(seed, size);
    const risk = computeRisk(catalogue, answers, profile, targets);
    const random = mulberry32(seed + 100);
    for (const take of [1, 3, 5, 20]) {
      // Gaps from anywhere in the plan, and a control that is not a gap, raised or lowered.
      const picked = risk.rankedGaps.filter(() => random() < take / risk.rankedGaps.length);
      const changed: Record<string, Answer> = {};
      for (const g of picked)
        changed[g.score.control.id] = { status: 'level', level: g.score.target };
      const other = catalogue.controls[Math.floor(random() * catalogue.controls.length)];
      if (other) changed[other.id] = { status: 'level', level: 0 };
      const raised: Assessment['answers'] = { ...answers, ...changed };
      expect(residualRiskWith(catalogue, risk.readiness, profile, changed, targets)).toBe(
        computeRisk(catalogue, raised, profile, targets).residualRisk,
      );
    }
  });
});

/** The controls behind the top gap's P and M as the example first found them: every applicable
 * control sorted by id, then filtered per vector. */
function referenceMembers(risk: RiskResult, vector: string, mitigating: boolean) {
  return risk.controls
    .map((c) => c.score)
    .filter((s) => s.attainment !== null)
    .sort((a, b) => (a.control.id < b.control.id ? -1 : a.control.id > b.control.id ? 1 : 0))
    .filter((s) =>
      s.control.vectors.some(
        (l) => l.vector === vector && l.effects.some((e) => (e === 'prevents') !== mitigating),
      ),
    )
    .map((s) => ({ id: s.control.id, weight: s.weight, attainment: s.attainment ?? 0 }));
}

/** Workshop actions on random controls, some on the same control, some with owners and dates. */
function randomActions(seed: number, ids: readonly string[]): ActionRow[] {
  const random = mulberry32(seed + 200);
  return Array.from({ length: Math.floor(ids.length / 3) }, (_, k) => ({
    controlId: ids[Math.floor(random() * ids.length)] ?? '',
    title: 't',
    text: `Action ${String(k)}`,
    owner: random() < 0.5 ? `o${String(Math.floor(random() * 4))}` : '',
    due: random() < 0.5 ? `2026-0${String(1 + Math.floor(random() * 9))}-01` : '',
    priority: 'high',
    status: 'Open',
    evidenceLink: '',
  }));
}

describe('report fast paths equal the straightforward computation (plan and example)', () => {
  it.each(cases)("the worked example's members (seed %i, %i controls)", (seed, size) => {
    const { catalogue, answers, targets, profile } = randomCase(seed, size);
    const risk = computeRisk(catalogue, answers, profile, targets);
    // With the catalogue, the example walks its cached id order; without, it sorts the scores.
    for (const example of [ownGapExample(risk, catalogue), ownGapExample(risk)]) {
      expect(example?.terms.length).toBeGreaterThan(0);
      for (const term of example?.terms ?? []) {
        expect(term.preventers).toEqual(referenceMembers(risk, term.vectorId, false));
        expect(term.mitigators).toEqual(referenceMembers(risk, term.vectorId, true));
      }
    }
  });

  it.each(cases)(
    "the plan's actions, owners and incidents (seed %i, %i controls)",
    (seed, size) => {
      const { catalogue, answers, targets, profile } = randomCase(seed, size);
      const risk = computeRisk(catalogue, answers, profile, targets);
      const actions = randomActions(
        seed,
        catalogue.controls.map((c) => c.id),
      );
      const assessment = {
        id: 'a',
        name: 'a',
        organisation: 'o',
        scope: 's',
        assessors: [],
        catalogue: { id: catalogue.meta.id, version: catalogue.meta.version },
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        answers,
        meta: {},
      } satisfies Assessment;
      const { gaps, gapsByEffort } = gapSection(catalogue, assessment, risk, actions);
      expect(gaps.some((g) => g.actions.length > 1)).toBe(true);
      expect(gapsByEffort.map((g) => g.controlId)).toEqual(
        risk.rankedByEffort.map((c) => c.score.control.id),
      );
      const vectorName = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
      gaps.forEach((g, i) => {
        const control = risk.rankedGaps[i]?.score.control;
        expect(g.vectors).toEqual(control?.vectors.map((v) => vectorName.get(v.vector)));
        expect(g.pointsDisplay).toBe(points(g.points));
        const recorded = actions.filter((a) => a.controlId === g.controlId);
        expect(g.actions).toEqual(actionsFor(actions, g.controlId));
        expect(g.actionTexts).toEqual(recorded.map((a) => a.text));
        expect(g.due).toBe(recorded.flatMap((a) => (a.due === '' ? [] : [a.due])).sort()[0] ?? '');
        const incidents = incidentsForControl(catalogue, g.controlId);
        expect(g.incidents).toEqual(incidents.map((x) => x.name));
        expect(g.incidentsShort).toEqual(incidents.map(shortIncidentName));
      });
    },
  );
});

describe('report fast paths equal the straightforward computation (robustness)', () => {
  const variants = PREVENTION_VARIANTS.flatMap((prevention) =>
    MITIGATION_VARIANTS.map((mitigation) => ({ prevention, mitigation })),
  );
  it.each(cases)(
    "every profile's ranks are the places computeRisk gives (seed %i, %i controls)",
    (seed, size) => {
      const { catalogue, answers, targets } = randomCase(seed, size);
      const readiness = computeReadiness(catalogue, answers, targets);
      // Every gap and a few controls that are not gaps, which get no rank.
      const ids = catalogue.controls.filter((_, i) => i % 3 === 0).map((c) => c.id);
      const ranks = gapRanksUnder(catalogue, readiness, catalogue.profiles, variants, ids);
      catalogue.profiles.forEach((profile, p) => {
        variants.forEach((options, k) => {
          const ranked = computeRisk(catalogue, answers, profile, targets, options).rankedGaps;
          const place = new Map(ranked.map((c, i) => [c.score.control.id, i + 1]));
          expect(ranks[p]?.[k]).toEqual(ids.map((id) => place.get(id)));
        });
      });
    },
  );
});

describe('report fast paths equal the straightforward computation (gap order)', () => {
  /** The plan's order as a comparator sort: by `key` highest first, then weight, then id. */
  function referenceOrder(risk: RiskResult, key: (c: RiskResult['controls'][number]) => number) {
    return risk.controls
      .filter((c) => c.score.gap)
      .sort(
        (a, b) =>
          key(b) - key(a) ||
          b.score.weight - a.score.weight ||
          (a.score.control.id < b.score.control.id ? -1 : 1),
      )
      .map((c) => c.score.control.id);
  }
  it.each(cases)('both orders of the plan (seed %i, %i controls)', (seed, size) => {
    const { catalogue, answers, targets, profile } = randomCase(seed, size);
    const risk = computeRisk(catalogue, answers, profile, targets);
    // Not vacuous: past a few dozen controls gaps tie on risk removed, ordered by weight and id.
    const removed = risk.rankedGaps.map((c) => c.riskRemoved);
    if (size > 100) expect(new Set(removed).size).toBeLessThan(removed.length);
    expect(risk.rankedGaps.map((c) => c.score.control.id)).toEqual(
      referenceOrder(risk, (c) => c.riskRemoved),
    );
    expect(risk.rankedByEffort.map((c) => c.score.control.id)).toEqual(
      referenceOrder(risk, (c) => c.riskRemovedPerEffort),
    );
  });
});

describe('report fast paths equal the straightforward computation (incident exposure)', () => {
  /** The incidents replayed with some answers raised for real, not through the candidate search. */
  function replayedWith(answers: Assessment['answers'], raised: Record<string, number>) {
    const changed = { ...answers };
    for (const [control, level] of Object.entries(raised))
      changed[control] = { status: 'level', level };
    return computeExposure(base, changed);
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'each improving answer and the ceiling match a full replay (seed %i)',
    (seed) => {
      const random = mulberry32(seed + 300);
      const answers: Record<string, Answer> = {};
      for (const c of base.controls) {
        const r = random();
        if (r < 0.1) answers[c.id] = { status: 'na', justification: 'Random.' };
        else if (r < 0.85) answers[c.id] = { status: 'level', level: Math.floor(random() * 4) };
      }
      const levelOf = (id: string): number | null => {
        const a = answers[id];
        return a?.status === 'level' ? a.level : null;
      };
      const exposure = computeExposure(base, answers);
      // Not vacuous: some verdict can be improved by one answer.
      expect(exposure.some((x) => x.changes.length > 0)).toBe(true);
      exposure.forEach((x, n) => {
        // Every level a team-held break or the vendor assurance names above the answer, replayed.
        const candidates = new Map<string, Set<number>>();
        const consider = (control: string, level: number) => {
          const now = levelOf(control);
          if (now !== null && now >= level) return;
          candidates.set(control, (candidates.get(control) ?? new Set()).add(level));
        };
        for (const s of x.steps)
          for (const b of s.breaks) if (b.holder === 'team') consider(b.control, b.level);
        for (const a of x.vendor?.answers ?? []) consider(a.control, 2);
        const expected = [...candidates].flatMap(([control, levels]) => {
          for (const level of [...levels].sort((a, b) => a - b)) {
            const y = replayedWith(answers, { [control]: level })[n];
            if (y && OUTCOME_ORDER.indexOf(y.outcome) < OUTCOME_ORDER.indexOf(x.outcome))
              return [`${control} ${String(level)} ${y.outcome} ${String(y.probability)}`];
          }
          return [];
        });
        const found = x.changes.map(
          (c) => `${c.control} ${String(c.level)} ${c.outcome} ${String(c.probability)}`,
        );
        expect([...found].sort()).toEqual([...expected].sort());
        const ceiling = replayedWith(
          answers,
          Object.fromEntries(x.ceiling.raised.map((r) => [r.control, r.level])),
        )[n];
        expect([x.ceiling.outcome, x.ceiling.probability]).toEqual([
          ceiling?.outcome,
          ceiling?.probability,
        ]);
      });
    },
  );
});
