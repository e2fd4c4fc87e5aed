import { expect, test } from '@playwright/test';
import { OpsReadyApp } from './app-page.ts';
import { clearSaved, savedState, savedText } from './saved-state.ts';

test('a full pass through one domain by keyboard alone', async ({ page }) => {
  const app = new OpsReadyApp(page);
  await app.open('assessment');
  await app.expectNoSeriousAxeViolations();

  // Narrow the list to Custody with the keyboard, then Tab into the first control.
  await page.getByLabel('Domain', { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Domain', { exact: true })).toHaveValue('custody');
  await expect(page.getByText('Showing 17 of 112 controls.')).toBeVisible();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const inCard = await page.evaluate(() =>
      document.activeElement?.closest('[data-control-id]')?.getAttribute('data-control-id'),
    );
    if (inCard) break;
  }
  // Level 2 for the first sixteen, level 1 for the last, then N/A for one with a reason.
  for (let i = 0; i < 17; i++) {
    await page.keyboard.press(i === 16 ? '1' : '2');
    if (i < 16) await page.keyboard.press('j');
  }
  await expect(page.getByText('17 of 17 answered')).toBeVisible();
  await page.keyboard.press('k');
  await page.keyboard.press('n');
  await page.keyboard.type('No guard is installed yet, so there is nothing to recover from.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(app.control('CUS-16').locator('.answer-state')).toHaveText(/^Not applicable/);
  await page.keyboard.press('Shift+Tab');
  await expect(app.control('CUS-17').getByRole('radio', { name: /^1 Initial/ })).toBeChecked();

  await page.reload();
  await expect(app.control('CUS-01').getByRole('radio', { name: /^2 Established/ })).toBeChecked();
  await expect(app.control('CUS-16').locator('.answer-state')).toHaveText(/^Not applicable/);
  await app.expectNoSeriousAxeViolations();
  app.expectNoErrors();
});

test('export → delete → import gives back identical answers; a bad file changes nothing', async ({
  page,
}, info) => {
  const app = new OpsReadyApp(page);
  await app.open('report');
  await app.loadDemo();
  await app.navigate('Assessment');
  // Add details on top of the demo so meta travels too.
  await app
    .control('KEY-02')
    .getByRole('button', { name: /^Flag to revisit/ })
    .click();
  // Saving is asynchronous: the flag is on screen at once and in the database a moment later.
  interface Saved {
    state?: { assessments: Record<string, { meta: Record<string, unknown> }> };
  }
  await expect
    .poll(async () => (await savedState<Saved>(page)).state?.assessments['demo-halcyon']?.meta)
    .toMatchObject({ 'KEY-02': { revisit: true } });
  const before = await savedText(page);
  const original = JSON.parse(before ?? '{}') as {
    state: { assessments: Record<string, { answers: unknown; meta: unknown }> };
  };
  const demo = original.state.assessments['demo-halcyon'];
  expect(demo?.meta).toEqual({ 'KEY-02': { revisit: true } });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  const path = info.outputPath(file.suggestedFilename());
  await file.saveAs(path);
  expect(file.suggestedFilename()).toMatch(/^opsready-halcyon-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/);

  // A bad file first: nothing stored may change.
  await page.getByLabel('Import JSON').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"opsready-assessment","formatVersion":2,"assessment":{"id":1}}'),
  });
  await expect(page.getByRole('alert')).toContainText(
    'Nothing was imported; your saved assessments are unchanged.',
  );
  await expect(page.getByRole('alert')).toContainText('broken.json');
  const afterBad = await savedText(page);
  expect(JSON.parse(afterBad ?? '{}')).toEqual(original);

  // Delete the demo, then clear everything this site stored, as on a new machine.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: /^Delete “Halcyon/ }).click();
  await expect(page.getByLabel('Assessment', { exact: true }).getByRole('option')).toHaveText([
    'My assessment',
  ]);
  await clearSaved(page);
  await page.reload();
  await expect(page.getByLabel('Assessment', { exact: true }).getByRole('option')).toHaveText([
    'My assessment',
  ]);
  await page.getByLabel('Import JSON').setInputFiles(path);
  await expect(page.getByLabel('Assessment', { exact: true })).toHaveValue('demo-halcyon');
  await expect.poll(async () => (await savedText(page))?.includes('"demo-halcyon"')).toBe(true);
  const restored = await savedState<typeof original>(page);
  expect(restored.state.assessments['demo-halcyon']?.answers).toEqual(demo?.answers);
  expect(restored.state.assessments['demo-halcyon']?.meta).toEqual(demo?.meta);
  await app.navigate('Report');
  expect(await app.readiness()).toBe('56.0');
  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});
