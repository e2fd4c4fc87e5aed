import { performance } from 'node:perf_hooks';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import { loadCatalogueDir } from '../build/catalogue-files.ts';
import { generatedAssessment, generateScoringCatalogue } from './generate.ts';

/**
 * `npm run bench`: times the scoring engine and the full report model on a generated catalogue of
 * 10,000 controls (the shipped domains, vectors, incidents and default profile, with controls
 * cloned and answered by a seeded generator). Prints medians; asserts nothing, because shared
 * machines are noisy: the target (under 20 ms for the full report) is read, not enforced.
 */
const CONTROLS = Number(process.env.BENCH_CONTROLS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 31);

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
const { catalogue, answers } = generateScoringCatalogue(base, CONTROLS);
const assessment = generatedAssessment(catalogue, answers);
console.log(
  `Node ${process.version}; ${String(catalogue.controls.length)} controls, ${String(Object.keys(answers).length)} answered or N/A, ${String(catalogue.incidents.length)} incidents, profile ${profile.id}`,
);
time('scoring engine (computeRisk)', () => computeRisk(catalogue, answers, profile));
const full = time('full report model (buildReportModel)', () =>
  buildReportModel({ catalogue, assessment, profile, reportDate: '2026-01-01' }),
);
console.log(`full report target 20 ms: median is ${(full / 20).toFixed(2)}× the target`);
