import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { OpsReadyApp, pdfRawText } from './app-page.ts';

/** A participant's own export, made from the demo file with some answers of their own. */
function participantFile(name: string, levels: Record<string, number>) {
  const demo = JSON.parse(readFileSync('public/demo/halcyon-assessment.json', 'utf8')) as {
    assessment: { assessors: string[]; answers: Record<string, unknown> };
  };
  demo.assessment.assessors = [name];
  for (const [id, level] of Object.entries(levels)) {
    demo.assessment.answers[id] = { status: 'level', level };
  }
  return {
    name: `${name.toLowerCase()}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(demo)),
  };
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-25T09:30:00Z'));
});

test('a short workshop: three participants, agreement, actions, sign-off, and the PDF', async ({
  page,
}, info) => {
  const app = new OpsReadyApp(page);
  await app.open('report');
  await app.loadDemo();
  await app.navigate('Workshop');

  // Three participants' files: two team members and an auditor.
  await page.getByRole('button', { name: 'Participants' }).click();
  const files = page.getByLabel('Participants’ files');
  await files.setInputFiles([
    participantFile('Bea', { 'DEP-08': 3, 'SIG-02': 2 }),
    participantFile('Cem', { 'DEP-08': 1, 'SIG-02': 2 }),
  ]);
  await expect(page.getByText('Imported Bea, Cem.')).toBeVisible();
  await page.getByLabel('Import as').selectOption('auditor');
  await files.setInputFiles([participantFile('Ola', { 'DEP-08': 0, 'SIG-02': 1 })]);
  await expect(page.getByText('Imported Ola.')).toBeVisible();
  await app.expectNoSeriousAxeViolations();

  // The largest disagreement comes first: DEP-08 at 3, 1 and 0.
  const disagreements = page.getByRole('list', { name: 'Where the participants disagree' });
  const first = disagreements.locator('> li').first();
  await expect(first).toHaveAttribute('data-control-id', 'DEP-08');
  await first.getByLabel('Agreed answer for DEP-08').selectOption('1');
  await first.getByRole('button', { name: 'Agree DEP-08' }).click();
  // The auditor verifies rather than agrees: left out unless the facilitator ticks them.
  await expect(first.getByText(/Agreed 1 by .*Bea, Cem$/)).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Team vs auditor' }).getByRole('row', { name: /SIG-02/ }),
  ).toContainText('auditor lower');

  // In the presentation, by keys: go to DEP-08, ask for evidence, record an action.
  await page.getByRole('button', { name: 'Present' }).click();
  const title = page.getByRole('heading', { level: 2, name: /^KEY-01 / });
  await expect(title).toBeVisible();
  await page.screenshot({ path: info.outputPath('presentation-1280x720.png') });
  await app.expectNoSeriousAxeViolations();
  await page.locator('.presentation-keys-target').focus();
  // Keys, custody, signing and approvals come first, then dependencies.
  const dep08 = page.getByRole('heading', { level: 2, name: /^DEP-08 / });
  for (let i = 0; i < 200 && !(await dep08.isVisible()); i++) await page.keyboard.press('j');
  await expect(page.getByRole('heading', { level: 2, name: /^DEP-08 / })).toBeVisible();
  await expect(page.getByText(/Agreed: 1 Initial/)).toBeVisible();
  await page.keyboard.press('e');
  await page.keyboard.press('a');
  await page
    .getByLabel('Action for DEP-08', { exact: true })
    .fill('Add a second, independent bridge verifier');
  await page.getByLabel('Owner', { exact: true }).fill('Bridge team');
  await page.getByLabel('Due', { exact: true }).fill('2027-01-31');
  await page.getByLabel('Priority', { exact: true }).selectOption('high');
  await page.getByRole('button', { name: 'Save action' }).click();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: info.outputPath('presentation-1920x1080.png') });
  await page.setViewportSize({ width: 1280, height: 720 });

  // The actions, exported as CSV.
  await page.getByRole('button', { name: 'Actions and parking lot' }).click();
  await expect(page.getByRole('list', { name: 'Action items' })).toContainText(
    'Add a second, independent bridge verifier',
  );
  await expect(page.getByRole('table', { name: 'Parking lot' })).toContainText('DEP-08');
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export actions (CSV)' }).click();
  const csvFile = await csvDownload;
  const csvPath = info.outputPath('actions.csv');
  await csvFile.saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv).toContain('DEP-08');
  // One issue per action, in the columns a tracker's CSV import maps.
  expect(csv).toContain('"DEP-08: Add a second, independent bridge verifier","Add a second');
  expect(csv).toContain(',Bridge team,2027-01-31,Open,High,opsready dep-08 dependencies,DEP-08,');

  // Sign-off.
  await page.getByRole('button', { name: 'Sign-off' }).click();
  // The demo has two assessors, so the form offers two signatories; each needs a role.
  await page.getByLabel('Role 1').fill('Lead assessor');
  await page.getByLabel('Role 2').fill('Assessor');
  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByText('The data is unchanged since the sign-off.')).toBeVisible();
  await app.expectNoSeriousAxeViolations();

  // The report carries all of it.
  await app.navigate('Report');
  const pdf = await app.exportPdf(info.outputPath('workshop.pdf'));
  const text = pdfRawText(pdf.path).replace(/\s+/g, ' ');
  for (const expected of [
    'Sign-off',
    'A. Moreau (lead assessor) (Lead assessor)',
    'The answers are unchanged.',
    'Action items',
    'Add a second, independent bridge verifier',
    'Parking lot',
    'Evidence requested',
    'Workshop participants',
    'Bea',
    'Team vs auditor',
    'Auditor (verified)',
  ]) {
    expect(text).toContain(expected);
  }
  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});
