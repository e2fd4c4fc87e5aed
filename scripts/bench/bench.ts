import { performance } from 'node:perf_hooks';
import type { Answer, Assessment } from '../../src/domain/assessment/schema.ts';
import type { Catalogue, Control, VectorEffect } from '../../src/domain/catalogue/schema.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import { loadCatalogueDir } from '../build/catalogue-files.ts';

/**
 * `npm run bench`: times the scoring engine and the full report model on a generated catalogue of
 * 10,000 controls (the shipped domains, vectors, incidents and default profile, with controls
 * cloned and answered by a seeded generator). Prints medians; asserts nothing, because shared
 * machines are noisy: the target (under 20 ms for the full report) is read, not enforced.
 */
const CONTROLS = Number(process.env.BENCH_CONTROLS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 31);

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(
  base: Catalogue,
  size: number,
): { catalogue: Catalogue; answers: Assessment['answers'] } {
  const random = mulberry32(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const causes = base.vectors.filter((v) => v.amplifier !== true).map((v) => v.id);
  const effects: VectorEffect[] = ['prevents', 'detects', 'limits-loss', 'speeds-response'];
  const perDomain = Math.ceil(size / base.domains.length);
  const controls: Control[] = [];
  const answers: Record<string, Answer> = {};
  base.domains.forEach((domain, d) => {
    for (let i = 0; i < perDomain && controls.length < size; i++) {
      const template = base.controls[(d * 7 + i) % base.controls.length] ?? base.controls[0];
      if (!template) throw new Error('empty catalogue');
      const id = `${domain.prefix}-${String(i + 1).padStart(3, '0')}`;
      const vectors = [...new Set([pick(causes), pick(causes)])].map((vector) => ({
        vector,
        effects: [pick(effects)],
      }));
      controls.push({ ...template, id, domain: domain.id, vectors });
      const r = random();
      if (r < 0.05) answers[id] = { status: 'na', justification: 'Generated.' };
      else if (r < 0.9) answers[id] = { status: 'level', level: Math.floor(random() * 4) };
    }
  });
  return { catalogue: { ...base, controls }, answers };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function time(label: string, run: () => unknown): number {
  for (let i = 0; i < 3; i++) run(); // warm-up: let the JIT settle before measuring
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  const m = median(samples);
  console.log(
    `${label.padEnd(44)} median ${m.toFixed(2).padStart(7)} ms   min ${Math.min(...samples)
      .toFixed(2)
      .padStart(7)}   max ${Math.max(...samples)
      .toFixed(2)
      .padStart(7)}   (${String(RUNS)} runs)`,
  );
  return m;
}

const base = loadCatalogueDir('controls');
const profile = base.profiles[0];
if (!profile) throw new Error('the bundled catalogue has no default profile');
const { catalogue, answers } = generate(base, CONTROLS);
const assessment: Assessment = {
  id: 'bench',
  name: 'Benchmark',
  organisation: 'Bench',
  scope: 'Generated',
  assessors: [],
  catalogue: { id: catalogue.meta.id, version: catalogue.meta.version },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  answers,
  meta: {},
};
console.log(
  `Node ${process.version}; ${String(catalogue.controls.length)} controls, ${String(Object.keys(answers).length)} answered or N/A, ${String(catalogue.incidents.length)} incidents, profile ${profile.id}`,
);
time('scoring engine (computeRisk)', () => computeRisk(catalogue, answers, profile));
const full = time('full report model (buildReportModel)', () =>
  buildReportModel({ catalogue, assessment, profile, reportDate: '2026-01-01' }),
);
console.log(`full report target 20 ms: median is ${(full / 20).toFixed(2)}× the target`);
