import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { stringify } from 'yaml';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/browser.ts';
import { loadCatalogueDir } from '../build/catalogue-files.ts';
import { runPageComparison } from './bench-page.ts';
import { cloneControls } from './generate.ts';
import { median, startPreview } from './bench-server.ts';

/**
 * `npm run bench` (browser part): builds the app with a generated 1,000-control catalogue, opens
 * the Assessment page in Chromium and times answering one control: from the click to React having
 * re-rendered (what the 16 ms target is about), and to the next frame. Then prints the issue's
 * table of OpsReady against a bare React page (bench-page.ts). Prints medians; asserts nothing.
 */
const CONTROLS = Number(process.env.BENCH_BROWSER_CONTROLS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 31);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);

const work = mkdtempSync(join(tmpdir(), 'opsready-bench-'));
const catalogueDir = join(work, 'controls');
const outDir = join(work, 'dist');
const appDir = join(work, 'dist-app');
// The shipped catalogue, crosswalks and incidents, and clones of its controls up to CONTROLS.
cpSync('controls', catalogueDir, { recursive: true });
writeFileSync(
  join(catalogueDir, 'generated.yaml'),
  stringify({ controls: cloneControls(loadCatalogueDir('controls'), CONTROLS) }),
);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

run('npx', ['vite', 'build', '--outDir', outDir, '--logLevel', 'warn'], {
  OPSREADY_CATALOGUE_DIR: catalogueDir,
});
// And the app as users get it, for the first-load rows of the comparison.
run('npx', ['vite', 'build', '--outDir', appDir, '--logLevel', 'warn']);
const server = await startPreview(outDir);
try {
  const url = server.url;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const startOpen = Date.now();
  await page.goto(`${url}#/assessment`);
  await page
    .locator('[data-control-id]')
    .nth(CONTROLS - 1)
    .waitFor({ state: 'attached' });
  const openMs = Date.now() - startOpen;
  const cards = await page.locator('[data-control-id]').count();

  // Passed as text: the TypeScript runner would otherwise wrap helpers in names the page lacks.
  const samples = await page.evaluate<{ rendered: number[]; painted: number[] }>(`(async (runs) => {
    const ids = [...document.querySelectorAll('[data-control-id]')].map((el) => el.dataset.controlId);
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const rendered = [];
    const painted = [];
    for (let i = 0; i < runs + 3; i++) {
      // Spread over the list, including controls far below the fold.
      const id = ids[(i * 37) % ids.length];
      const radio = document.querySelector(
        '[data-control-id="' + id + '"] input[type="radio"][value="' + (1 + (i % 2)) + '"]',
      );
      if (!radio) throw new Error('no radio for ' + id);
      await frame();
      const t0 = performance.now();
      radio.click();
      const t1 = performance.now();
      await frame();
      const t2 = performance.now();
      if (i >= 3) {
        rendered.push(t1 - t0);
        painted.push(t2 - t0);
      }
    }
    return { rendered, painted };
  })(${String(RUNS)})`);
  await browser.close();
  console.log(
    `Chromium, ${String(cards)} controls on the Assessment page (opened in ${String(openMs)} ms)`,
  );
  console.log(
    `answer one control → re-rendered    median ${median(samples.rendered).toFixed(2).padStart(6)} ms   min ${Math.min(...samples.rendered).toFixed(2)}   max ${Math.max(...samples.rendered).toFixed(2)}   (${String(RUNS)} runs)`,
  );
  console.log(
    `answer one control → next frame     median ${median(samples.painted).toFixed(2).padStart(6)} ms   min ${Math.min(...samples.painted).toFixed(2)}   max ${Math.max(...samples.painted).toFixed(2)}`,
  );
  console.log(
    `target 16 ms: re-render median is ${(median(samples.rendered) / 16).toFixed(2)}× the target`,
  );
} finally {
  await server.stop();
}
try {
  await runPageComparison({ appDir, bigAppDir: outDir, controls: CONTROLS, runs: PAGE_RUNS });
} finally {
  rmSync(work, { recursive: true, force: true });
}
