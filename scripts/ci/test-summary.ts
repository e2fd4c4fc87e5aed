// Prints one line per test layer and a closing "N passed, N failed" line, read from the JSON
// reports the runners wrote, so a CI log says at a glance how much was actually tested.
import { existsSync, readFileSync } from 'node:fs';

interface Layer {
  readonly name: string;
  readonly file: string;
  readonly read: (json: unknown) => { passed: number; failed: number; skipped: number };
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

const vitest = (json: unknown) => {
  const r = json as VitestReport;
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  };
};

const LAYERS: readonly Layer[] = [
  { name: 'unit', file: 'test-results/unit.json', read: vitest },
  { name: 'component', file: 'test-results/component.json', read: vitest },
  {
    name: 'e2e',
    file: 'test-results/e2e-results.json',
    read: (json) => {
      const { stats } = json as PlaywrightReport;
      return {
        passed: stats.expected + stats.flaky,
        failed: stats.unexpected,
        skipped: stats.skipped,
      };
    },
  },
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const layer of LAYERS) {
  if (!existsSync(layer.file)) {
    console.log(`${layer.name}: no report at ${layer.file} (layer did not run)`);
    failed += 1;
    continue;
  }
  const counts = layer.read(JSON.parse(readFileSync(layer.file, 'utf8')));
  console.log(
    `${layer.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
