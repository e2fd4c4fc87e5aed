import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { OpsReadyApp, pdfInfo, pdfText, sha256File } from './app-page.ts';

const SECTIONS = [
  'Contents',
  'Executive summary',
  'Readiness and risk by domain',
  'Readiness by domain against target',
  'Where the residual risk sits, by domain',
  'Residual risk by attack vector',
  'Where the residual risk sits, by attack vector',
  'Remediation plan',
  'Incident exposure',
  'Not applicable',
  'Methodology',
  'Worked example',
  'Sources and data',
  'Appendix: every answer',
];

/** Renders every page to PNG, returns the files; the images are kept with the test's output. */
function renderPages(pdf: string, dir: string): string[] {
  execFileSync('pdftoppm', ['-r', '40', '-png', pdf, join(dir, 'page')]);
  return readdirSync(dir)
    .filter((f) => /^page-\d+\.png$/.test(f))
    .map((f) => join(dir, f));
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-25T09:30:00Z'));
});

test('the demo PDF: every section, the screen scores, notes in any script, bound to its data', async ({
  page,
}, info) => {
  const app = new OpsReadyApp(page);
  const { readiness, risk, sha256: shownSha } = await app.openDemoReport();

  // The charts are on screen as images with text alternatives.
  await expect(
    page.getByRole('img', { name: /^Readiness by domain against target/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^Where the residual risk sits, by attack vector/ }),
  ).toBeVisible();

  const pdf = await app.exportPdf(info.outputPath('demo.pdf'));
  const data = await app.download('Export data (JSON)', (name) => info.outputPath(name));

  const text = pdfText(pdf.path);
  for (const section of SECTIONS) expect(text).toContain(section);
  expect(text).toContain(`Overall readiness (0-100)`);
  expect(text).toMatch(new RegExp(`\\b${readiness.replace('.', '\\.')}\\b`));
  expect(text).toMatch(new RegExp(`\\b${risk.replace('.', '\\.')}\\b`));
  // Notes written in accented Latin and in Cyrillic print as written (the appendix).
  // A name may wrap onto two lines of a narrow column, so read the text with its breaks as spaces.
  expect(text.replace(/\s+/g, ' ')).toContain('Zoë Ångström');
  expect(text).toContain('Олена');
  expect(text).not.toContain('\uFFFD');
  // Column headers wrap between words only: never "Risk re / moved" or "Robus / t".
  expect(text).not.toMatch(/Risk re\s*\n\s*moved/);
  expect(text).not.toMatch(/Robus\s*\n\s*t\b/);
  expect(text).toMatch(/Risk\s+removed/);

  // The fingerprint: the screen, the PDF and sha256sum of the exported data all agree.
  expect(sha256File(data.path)).toBe(shownSha);
  expect(text.replace(/\s+/g, ' ')).toContain(`SHA-256 ${shownSha} of ${data.fileName}`);

  const meta = pdfInfo(pdf.path);
  expect(meta.Title).toBe('Operational security readiness report: Halcyon Finance (fictional)');
  expect(meta.Subject).toBe(
    'Operational security readiness of Halcyon Finance (fictional), 2026-11-25',
  );
  expect(meta.Author).toBe('A. Moreau (lead assessor), K. Osei');
  expect(meta.Creator).toBe('OpsReady');
  expect(meta.CreationDate).toMatch(/^2026-11-25T09:30:00/);
  const pages = Number(meta.Pages);
  expect(pages).toBeGreaterThanOrEqual(15);
  expect(text).toContain(`Page ${String(pages)} of ${String(pages)}`);

  // The font is embedded, and poppler reads the file without complaint.
  const fonts = spawnSync('pdffonts', [pdf.path], { encoding: 'utf8' });
  expect(fonts.stderr).toBe('');
  expect(fonts.stdout).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes/);

  const images = renderPages(pdf.path, info.outputDir);
  expect(images).toHaveLength(pages);
  // A blank page renders to a tiny PNG; every page here has text on it.
  for (const image of images) expect(statSync(image).size).toBeGreaterThan(4_000);

  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});

test('printing the report keeps the content and drops the controls', async ({ page }) => {
  const app = new OpsReadyApp(page);
  await app.open('report');
  await app.loadDemo();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export PDF' })).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Weight gaps with' })).toBeHidden();
  await expect(page.getByTestId('overall-readiness')).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^Readiness by domain against target/ }),
  ).toBeVisible();
  // Columns hidden at phone width come back on paper.
  await expect(page.getByRole('columnheader', { name: 'Vectors and incidents' })).toBeVisible();
  app.expectNoErrors();
});

// In the browser suite because it reads the PDF with poppler, which the end-to-end set-up checks
// for; it needs no page.
test('npm run report: the same report headless, in any script, with long notes', ({
  baseURL: _,
}, info) => {
  const demo = JSON.parse(readFileSync('public/demo/halcyon-assessment.json', 'utf8')) as {
    assessment: {
      organisation: string;
      answers: Record<string, { status: string; level?: number; notes?: string }>;
    };
  };
  const long = Array.from({ length: 1_200 }, (_, i) => `word${String(i)}`).join(' ');
  demo.assessment.organisation = 'Ελληνική Ομάδα & Олена Labs';
  demo.assessment.answers['KEY-01'] = { status: 'level', level: 1, notes: `${long} THE-END` };
  demo.assessment.answers['KEY-02'] = { status: 'level', level: 2, notes: '鍵の管理 🔑 Ελλάδα' };
  const input = info.outputPath('input.json');
  writeFileSync(input, JSON.stringify(demo, null, 2));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli/report.ts', input, ...args], {
      encoding: 'utf8',
      env: { ...process.env, SOURCE_DATE_EPOCH: '1795000000' },
    });
  const out = info.outputPath('cli.pdf');
  const dataOut = info.outputPath('cli.json');
  const r = run('-o', out, '--data', dataOut, '--date', '2026-11-25');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const text = pdfText(out);
  expect(text).toContain('Ελληνική Ομάδα & Олена Labs');
  expect(text).toContain('Ελλάδα');
  // The long note leaves the narrow appendix column and prints whole, at full width.
  // Page furniture (the footer, then the next page's running header) may fall inside the note.
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(
      / Data SHA-256 [0-9a-f]+… Page \d+ of \d+ .{0,120}? · Readiness report · \d{4}-\d\d-\d\d/g,
      '',
    );
  expect(flat).toContain('(in full below the table)');
  expect(flat).toContain('KEY-01 notes in full');
  expect(flat).toContain('word1198 word1199 THE-END');
  // Characters the font lacks are shown as U+FFFD, one per character, and the cover says so.
  expect(text).toContain('\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD Ελλάδα');
  expect(flat).toContain('5 characters are not in the embedded font');
  expect(flat).toContain(`SHA-256 ${sha256File(dataOut)}`);
  expect(pdfInfo(out).Title).toBe(
    'Operational security readiness report: Ελληνική Ομάδα & Олена Labs',
  );

  // Same inputs, same SOURCE_DATE_EPOCH: the same bytes. The same --data too: the report names
  // the file its SHA-256 is of, so another name is another report.
  const again = info.outputPath('again.pdf');
  expect(run('-o', again, '--data', dataOut, '--date', '2026-11-25').status).toBe(0);
  expect(sha256File(again)).toBe(sha256File(out));

  const md = info.outputPath('cli.md');
  expect(run('-o', md, '--date', '2026-11-25').status).toBe(0);
  const markdown = readFileSync(md, 'utf8');
  expect(markdown).toContain('鍵の管理 🔑 Ελλάδα');
  expect(markdown).toContain('## Appendix: every answer');

  const bad = run('-o', info.outputPath('report.html'));
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('the output file must end in .pdf, .docx or .md');
});
