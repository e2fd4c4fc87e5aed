import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { OpsReadyApp, pdfInfo, pdfText } from './app-page.ts';
import { formatScore } from '../../src/domain/format.ts';
import { demoInputs } from '../fixtures/demo.ts';

const DEMO_READINESS = formatScore(demoInputs().risk.readiness.readiness);

const DOMAINS = ['Keys', 'Custody', 'Signing', 'Approvals', 'Dependencies', 'Incident response'];

test.beforeEach(async ({ page }) => {
  // A fixed "today", so the report date and the PDF file name are known in advance.
  await page.clock.setFixedTime(new Date('2026-11-25T09:30:00Z'));
});

test('catalogue → answer → report → reload → PDF, all on this machine', async ({ page }, info) => {
  const app = new OpsReadyApp(page);

  await app.open();
  await expect(page.getByRole('heading', { level: 1, name: 'Catalogue' })).toBeVisible();
  // The built page carries a strict Content-Security-Policy (connect-src 'self', no inline script).
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /default-src 'self'.*connect-src 'self'/,
  );
  for (const domain of DOMAINS) {
    await expect(page.getByRole('heading', { level: 2, name: domain, exact: true })).toBeVisible();
  }
  await app.expectNoSeriousAxeViolations();

  await app.navigate('Report');
  expect(await app.readiness()).toBe('0.0');
  await app.expectNoSeriousAxeViolations();

  await app.navigate('Assessment');
  await app.expectNoSeriousAxeViolations();
  await app.answer('KEY-01', /^3 Verified/);
  await app.answer('SIG-02', /^3 Verified/);
  // And one by keyboard alone: focus the group, select, move with the arrow keys.
  await app
    .control('IR-01')
    .getByRole('radio', { name: /^0 Absent/ })
    .focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(app.control('IR-01').getByRole('radio', { name: /^1 Initial/ })).toBeChecked();

  await app.navigate('Report');
  const score = await app.readiness();
  expect(score).not.toBe('0.0');
  expect(Number(score)).toBeGreaterThan(0);

  await page.reload();
  await expect(page.getByTestId('overall-readiness')).toHaveText(score);

  const pdf = await app.exportPdf(info.outputPath('report.pdf'));
  expect(pdf.fileName).toBe('opsready-my-assessment-2026-11-25.pdf');
  const text = pdfText(pdf.path);
  for (const domain of DOMAINS) expect(text).toContain(domain);
  expect(text).toContain('Overall readiness (0-100)');
  expect(text).toContain(score);
  expect(text).toMatch(/Page 1 of \d/);

  const meta = pdfInfo(pdf.path);
  expect(meta.Title).toBe('Operational security readiness report: My assessment');
  expect(meta.Creator).toBe('OpsReady');

  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});

test('the demo assessment gives a full report in one click', async ({ page }, info) => {
  const app = new OpsReadyApp(page);
  await app.open('report');
  await app.loadDemo();

  await expect(page.getByRole('heading', { level: 1, name: 'Report' })).toBeVisible();
  await expect(
    page.getByText('Halcyon Finance (fictional)', { exact: false }).first(),
  ).toBeVisible();
  const score = await app.readiness();
  // The demo's readiness as the domain computes it from the shipped files.
  expect(score).toBe(DEMO_READINESS);
  const risk = await page.getByTestId('residual-risk').innerText();
  expect(Number(risk)).toBeGreaterThan(10);
  await expect(
    page.getByText('3 unanswered controls are scored as gaps until they are answered.'),
  ).toBeVisible();
  await app.expectNoSeriousAxeViolations();

  // Another profile moves the residual risk but not readiness, and the choice is saved.
  await page.getByLabel('Weight gaps with').selectOption('trm-h1-2026-with-bybit');
  await expect(page.getByTestId('residual-risk')).not.toHaveText(risk);
  await expect(page.getByTestId('overall-readiness')).toHaveText(score);
  await page.getByRole('button', { name: 'Edit the split' }).click();
  await app.expectNoSeriousAxeViolations();
  await page.getByLabel('Weight gaps with').selectOption('trm-h1-2026');
  await expect(page.getByTestId('residual-risk')).toHaveText(risk);

  const pdf = await app.exportPdf(info.outputPath('demo.pdf'));
  expect(pdf.fileName).toBe('opsready-halcyon-finance-fictional-2026-11-25.pdf');
  const text = pdfText(pdf.path);
  expect(text).toContain('Halcyon Finance (fictional)');
  expect(text).toContain(DEMO_READINESS);
  expect(text).toContain(`Residual risk (0-100, lower is better)`);
  expect(text).toContain(risk);
  expect(text).toContain('Incident exposure');
  // Table cells wrap, so allow line breaks between the incident and its outcome.
  expect(text).toMatch(/KelpDAO rsETH bridge[\s\S]{0,200}?Not[\s\S]{0,200}?stopped/);
  expect(text).toContain('Not applicable');
  expect(text).toContain('KEY-09');
  // The worked example recomputes the report's own top gap, down to the plan's figure.
  expect(text).toMatch(/Your\s+report's\s+top\s+gap\s+is/);
  expect(text).toMatch(/Risk\s+removed\s+=\s+100\s+×/);

  // The editable export: the same report as Markdown.
  const mdDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const md = await mdDownload;
  expect(md.suggestedFilename()).toBe('opsready-halcyon-finance-fictional-2026-11-25.md');
  const mdPath = info.outputPath('demo.md');
  await md.saveAs(mdPath);
  const markdown = readFileSync(mdPath, 'utf8');
  expect(markdown).toMatch(/^# Operational security readiness report\n/);
  expect(markdown).toContain(`**Overall readiness (0-100): ${DEMO_READINESS}**`);
  expect(markdown).toContain(`**Residual risk (0-100, lower is better): ${risk}**`);
  expect(markdown).toContain('## Incident exposure');
  for (const domain of DOMAINS) expect(text).toContain(domain);

  // Readable on a phone: the full report fits the width without sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await page.setViewportSize({ width: 1280, height: 720 });

  // The demo comes with its signed earlier assessment, in place of the untouched blank one a
  // first visit opens (tests/component/first-visit.test.tsx: work of the user's own is kept).
  await app.navigate('Assessment');
  const picker = page.getByLabel('Assessment', { exact: true });
  await expect(picker).toHaveValue('demo-halcyon');
  await expect(picker.getByRole('option')).toHaveText([
    'Halcyon Finance — Q2 2026 workshop, signed (demo)',
    'Halcyon Finance — Q4 2026 follow-up (demo)',
  ]);
  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});

test('two tabs on one assessment do not overwrite each other', async ({ context }) => {
  const first = new OpsReadyApp(await context.newPage());
  await first.open('assessment');
  const second = new OpsReadyApp(await context.newPage());
  await second.open('assessment');

  await first.answer('KEY-01', /^2 Established/);
  // The second tab picks the answer up without a reload …
  await expect(
    second.control('KEY-01').getByRole('radio', { name: /^2 Established/ }),
  ).toBeChecked();
  // … so its own answer is saved beside it, not over it.
  await second.answer('SIG-01', /^1 Initial/);
  await expect(first.control('SIG-01').getByRole('radio', { name: /^1 Initial/ })).toBeChecked();

  await first.page.reload();
  await expect(
    first.control('KEY-01').getByRole('radio', { name: /^2 Established/ }),
  ).toBeChecked();
  await expect(first.control('SIG-01').getByRole('radio', { name: /^1 Initial/ })).toBeChecked();
  first.expectNoErrors();
  second.expectNoErrors();
});

test('the catalogue browser: search, an incident attack path, and a broken team file', async ({
  page,
}) => {
  const app = new OpsReadyApp(page);
  await app.open('catalogue');
  await page.getByRole('searchbox', { name: 'Search controls' }).fill('blind signing');
  await expect(page.getByText(/^Showing \d+ of 112 controls\.$/)).not.toHaveText(
    'Showing 112 of 112 controls.',
  );
  await page.getByRole('button', { name: 'Incidents' }).click();
  const bybit = page.getByRole('article', { name: /Bybit/ });
  await bybit.getByText('Attack path and sources').click();
  await expect(bybit.getByText(/Broken by: .*SIG-02/).first()).toBeVisible();
  await app.expectNoSeriousAxeViolations();

  await page.getByLabel(/Load your own catalogue/).setInputFiles({
    name: 'team.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('controls:\n  - id: KEY-01\n    domain: keys\n'),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    'The catalogue was not loaded. Nothing already loaded changed.',
  );
  await expect(alert).toContainText('team.yaml › controls[0]');
  await expect(page.getByLabel('Show catalogue').getByRole('option')).toHaveCount(1);
  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});
