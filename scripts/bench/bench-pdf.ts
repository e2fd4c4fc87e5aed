import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { prepareReportExport } from '../../src/lib/report-export.ts';
import { renderReportPdf } from '../../src/lib/report-pdf.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/browser.ts';
import { loadCatalogueDir } from '../build/catalogue-files.ts';
import { pdfFonts } from '../cli/pdf-fonts.ts';
import { median, startPreview } from './bench-server.ts';

/**
 * `npm run bench` (PDF part): the readiness PDF of the full catalogue with every control answered,
 * each with long notes in several scripts, an owner and evidence. Times it in Node (the renderer
 * alone, as `npm run report` runs it) and in Chromium from the click on "Export PDF" to the
 * download (everything a user waits for). Prints medians; asserts nothing.
 */
const RUNS = Number(process.env.BENCH_PDF_RUNS ?? 11);
const catalogue = loadCatalogueDir('controls');

const NOTE =
  'Reviewed with the signer set on site; hardware wallets inventoried and serials matched. ' +
  'Zoë Ångström confirmed the rotation log. Олена Коваленко перевірила журнал підписів. ' +
  'Η ομάδα επιβεβαίωσε τα κλειδιά. ';
const assessment: Assessment = {
  id: 'bench-pdf',
  name: 'PDF benchmark',
  organisation: 'Benchmark Protocol',
  scope: 'Every control of the bundled catalogue, answered, with long notes.',
  assessors: ['Bench'],
  catalogue: { id: catalogue.meta.id, version: catalogue.meta.version },
  createdAt: '2026-11-25T00:00:00.000Z',
  updatedAt: '2026-11-25T00:00:00.000Z',
  answers: Object.fromEntries(
    catalogue.controls.map((c, i) => [
      c.id,
      { status: 'level' as const, level: i % 4, notes: NOTE.repeat(8) },
    ]),
  ),
  meta: Object.fromEntries(
    catalogue.controls.map((c) => [
      c.id,
      {
        owner: 'Platform security lead',
        confidence: 'verified' as const,
        evidence: [`https://wiki.example/${c.id}`, `Ticket SEC-${c.id}`, 'Signed attestation'],
      },
    ]),
  ),
};
const noteChars = NOTE.length * 8;

// Node: the renderer alone.
const fonts = pdfFonts();
const prepared = await prepareReportExport({
  catalogue,
  assessment,
  profile: resolveProfile(catalogue, assessment),
  reportDate: '2026-11-25',
});
const nodeTimes: number[] = [];
let pages = 0;
for (let i = 0; i < RUNS + 1; i++) {
  const t0 = performance.now();
  const bytes = await renderReportPdf(prepared.document, { fonts, creationDate: new Date(0) });
  const ms = performance.now() - t0;
  if (i > 0) nodeTimes.push(ms);
  pages = (
    Buffer.from(bytes)
      .toString('latin1')
      .match(/\/Type \/Page\b/g) ?? []
  ).length;
}
console.log(
  `PDF of ${String(catalogue.controls.length)} answered controls, ${String(noteChars)}-character notes each, ${String(pages)} pages`,
);
console.log(
  `Node ${process.version}, render only         median ${median(nodeTimes).toFixed(0).padStart(5)} ms   min ${Math.min(...nodeTimes).toFixed(0)}   max ${Math.max(...nodeTimes).toFixed(0)}   (${String(RUNS)} runs)`,
);

// Chromium: the production build, the user's click to the finished download.
const work = mkdtempSync(join(tmpdir(), 'opsready-bench-pdf-'));
const outDir = join(work, 'dist');
const build = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--logLevel', 'warn'], {
  stdio: 'inherit',
});
if (build.status !== 0) throw new Error('vite build failed');
const server = await startPreview(outDir);
try {
  const file = join(work, 'assessment.json');
  writeFileSync(file, assessmentToJson(assessment));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  await page.goto(`${server.url}#/assessment`);
  await page.getByLabel('Import JSON').setInputFiles(file);
  await page.getByRole('status').filter({ hasText: 'Imported' }).first().waitFor();
  await page.goto(`${server.url}#/report`);
  await page.getByTestId('data-sha256').waitFor();
  const button = page.getByRole('button', { name: 'Export PDF' });
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const download = page.waitForEvent('download');
    const t0 = performance.now();
    await button.click();
    await (await download).path();
    times.push(performance.now() - t0);
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
  }
  await browser.close();
  const [cold, ...warm] = times;
  console.log(
    `Chromium, click → download, first  ${(cold ?? NaN).toFixed(0).padStart(5)} ms   (fetches jspdf and the font)`,
  );
  console.log(
    `Chromium, click → download         median ${median(warm).toFixed(0).padStart(5)} ms   min ${Math.min(...warm).toFixed(0)}   max ${Math.max(...warm).toFixed(0)}   (${String(RUNS)} runs)`,
  );
  console.log(`target 1000 ms: the median is ${(median(warm) / 1000).toFixed(2)}× the target`);
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
