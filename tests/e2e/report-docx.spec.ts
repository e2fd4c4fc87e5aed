import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseXml, readZip } from '../fixtures/zip.ts';
import { OpsReadyApp, sha256File } from './app-page.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const SECTIONS = [
  'Board summary',
  'Executive summary',
  'Readiness and risk by domain',
  'Residual risk by attack vector',
  'Remediation plan',
  'Incident exposure',
  'Not applicable',
  'Methodology',
  'Appendix: every answer',
];

/** The level-1 headings of a Word file, read from its XML by their paragraph style. */
function headings1(path: string): string[] {
  const entry = readZip(readFileSync(path)).get('word/document.xml');
  const xml = parseXml(entry?.data.toString('utf8') ?? '', 'word/document.xml');
  return Array.from(xml.getElementsByTagNameNS(W, 'p'))
    .filter(
      (p) => p.getElementsByTagNameNS(W, 'pStyle')[0]?.getAttributeNS(W, 'val') === 'Heading1',
    )
    .map((p) =>
      Array.from(p.getElementsByTagNameNS(W, 't'))
        .map((t) => t.textContent)
        .join(''),
    );
}

const plain = (path: string): string =>
  execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', path], { encoding: 'utf8' });

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-25T09:30:00Z'));
});

test('the demo as Word: the button saves a .docx with the sections and the screen scores, bound to its data', async ({
  page,
}, info) => {
  const app = new OpsReadyApp(page);
  const { readiness, risk, sha256: shownSha } = await app.openDemoReport();

  const { path, fileName } = await app.download('Export Word (.docx)', (name) =>
    info.outputPath(name),
  );
  expect(fileName).toBe('opsready-halcyon-finance-fictional-2026-11-25.docx');
  await expect(page.getByRole('status').filter({ hasText: /^Saved / })).toHaveText(
    `Saved ${fileName}.`,
  );

  const found = headings1(path);
  for (const section of SECTIONS) expect(found).toContain(section);
  const text = plain(path);
  expect(text).toContain(`Overall readiness (0-100): ${readiness}`);
  expect(text).toContain(`Residual risk (0-100, lower is better): ${risk}`);
  expect(text.replace(/\s+/g, ' ')).toContain(`SHA-256 ${shownSha} of`);
  expect(text).toContain('Zoë Ångström');
  expect(text).toContain('Олена');

  // The properties are dated by the page's clock, as the PDF's creation date is.
  const core = readZip(readFileSync(path)).get('docProps/core.xml')?.data.toString('utf8') ?? '';
  expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-25T09:30:00Z<');

  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});

// In the browser suite because it reads the file with pandoc, which the end-to-end set-up checks
// for; it needs no page.
test('npm run report -o report.docx: the same bytes from the same inputs, in any script', ({
  baseURL: _,
}, info) => {
  const demo = JSON.parse(readFileSync('public/demo/halcyon-assessment.json', 'utf8')) as {
    assessment: { organisation: string };
  };
  demo.assessment.organisation = 'Ελληνική Ομάδα & Олена Labs <b>';
  const input = info.outputPath('input.json');
  writeFileSync(input, JSON.stringify(demo, null, 2));
  // --data: the input was rewritten by JSON.stringify, so the report's SHA-256 is of the data the
  // CLI writes there, and the report names that file (one name for every run here).
  const data = info.outputPath('cli.json');
  const run = (out: string, epoch: string) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/cli/report.ts',
        input,
        '-o',
        out,
        '--data',
        data,
        '--date',
        '2026-11-25',
      ],
      { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: epoch } },
    );
  const out = info.outputPath('cli.docx');
  const r = run(out, '1795000000');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(`Wrote ${out}`);

  const again = info.outputPath('again.docx');
  expect(run(again, '1795000000').status).toBe(0);
  expect(sha256File(again)).toBe(sha256File(out));
  const later = info.outputPath('later.docx');
  expect(run(later, '1795000100').status).toBe(0);
  expect(sha256File(later)).not.toBe(sha256File(out));

  expect(headings1(out)).toContain('Executive summary');
  expect(plain(out)).toContain('Ελληνική Ομάδα & Олена Labs <b>');
});
