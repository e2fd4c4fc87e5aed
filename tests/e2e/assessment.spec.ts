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
  const score = await app.readiness();
  await app.navigate('Assessment');
  // The panel with export, import and delete is folded away while the controls are worked on.
  await page.getByRole('heading', { level: 2, name: 'Assessments' }).click();
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
  expect((demo?.meta as Record<string, unknown> | undefined)?.['KEY-02']).toEqual({
    revisit: true,
  });

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
  // The demo's signed earlier assessment stays; the untouched blank it replaced does not return.
  await expect(page.getByLabel('Assessment', { exact: true }).getByRole('option')).toHaveText([
    'Halcyon Finance — Q2 2026 workshop, signed (demo)',
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
  expect(await app.readiness()).toBe(score);
  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});

test('what is typed survives a reload, the work bar stays in view and navigating keeps the header', async ({
  page,
}) => {
  const app = new OpsReadyApp(page);
  await app.open('report');
  await app.loadDemo();
  await app.navigate('Assessment');
  await app.expectNoSeriousAxeViolations();

  // Details of one control and of the assessment, saved as they are typed: no save button.
  const card = app.control('KEY-02');
  await card.getByText(/^Target, owner, evidence and notes/).click();
  await expect(card.getByRole('button', { name: /^Save/ })).toHaveCount(0);
  await card.getByLabel('Owner', { exact: true }).fill('Security lead');
  await card.getByLabel('Evidence: links or references, one per line').fill('Ticket SEC-7');
  await card.getByLabel('Notes', { exact: true }).fill('Restore rehearsed in October.');
  await expect(card.getByText('Saved.')).toBeVisible();
  await page.getByRole('heading', { level: 2, name: 'Assessment details' }).click();
  await page
    .getByLabel('Scope', { exact: true })
    .fill('Lending markets and the bridge; treasury out of scope.');
  await page.getByLabel('Scope', { exact: true }).blur();
  await expect
    .poll(async () => {
      const text = (await savedText(page)) ?? '';
      return text.includes('Security lead') && text.includes('treasury out of scope');
    })
    .toBe(true);
  await page.reload();
  await card.getByText(/^Target, owner, evidence and notes/).click();
  await expect(card.getByLabel('Owner', { exact: true })).toHaveValue('Security lead');
  await expect(card.getByLabel('Evidence: links or references, one per line')).toHaveValue(
    'Ticket SEC-7',
  );
  await expect(card.getByLabel('Notes', { exact: true })).toHaveValue(
    'Restore rehearsed in October.',
  );
  await page.getByRole('heading', { level: 2, name: 'Assessment details' }).click();
  await expect(page.getByLabel('Scope', { exact: true })).toHaveValue(
    'Lending markets and the bridge; treasury out of scope.',
  );

  // Far down the list the bar with progress, score and filters is still on screen.
  const bar = page.getByRole('region', { name: 'Progress, filters and undo' });
  await app.control('IR-02').scrollIntoViewIfNeeded();
  const box = await bar.boundingBox();
  expect(box?.y).toBeGreaterThanOrEqual(0);
  expect(box?.y).toBeLessThan(2);
  await expect(bar.getByRole('button', { name: 'Next unanswered' })).toBeVisible();
  await bar.getByRole('button', { name: 'Next unanswered' }).click();
  const focused = await page.evaluate(() =>
    document.activeElement?.closest('[data-control-id]')?.getAttribute('data-control-id'),
  );
  expect(focused).toBeTruthy();
  await expect(app.control(focused ?? '').locator('.answer-state')).toHaveText(/^Unanswered/);
  await app.expectNoSeriousAxeViolations();

  // A route change starts the new page at the top, with the header and its navigation in view:
  // once from a link deep down the page, once from the navigation.
  const headerAtTop = async (label: string) => {
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
    await expect.poll(async () => (await page.getByRole('banner').boundingBox())?.y).toBe(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  };
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  await page.evaluate(() => {
    window.location.hash = '#/report';
  });
  await headerAtTop('Report');
  await page.mouse.wheel(0, 3000);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Assessment' })
    .click();
  await headerAtTop('Assessment');

  // On a phone the page fits the width: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  app.expectNoErrors();
});

test('the funds form: keyboard, axe clean, bad amounts refused at the field with nothing saved, a good one in the report', async ({
  page,
}) => {
  const app = new OpsReadyApp(page);
  await app.open('report');
  await app.loadDemo();
  await app.navigate('Assessment');
  const summary = page.getByRole('heading', { level: 2, name: 'Funds at risk' });
  await summary.click();
  const treasury = page.getByLabel(/^Treasury wallets, USD/);
  await expect(treasury).toHaveValue(/\d/);
  await app.expectNoSeriousAxeViolations();

  // A negative amount and words, typed and saved from the keyboard: refused where they were typed.
  const before = await savedText(page);
  await treasury.fill('');
  await treasury.pressSequentially('-5');
  const tvl = page.getByLabel(/^Value locked in contracts, USD/);
  await tvl.fill('');
  await tvl.pressSequentially('lots');
  await page.getByRole('button', { name: 'Save funds' }).focus();
  await page.keyboard.press('Enter');
  await expect(treasury).toHaveAttribute('aria-invalid', 'true');
  await expect(treasury).toHaveAccessibleDescription(/expected an amount of at least \$0/);
  await expect(tvl).toHaveAccessibleDescription(/expected an amount in US dollars, digits only/);
  await app.expectNoSeriousAxeViolations();
  expect(await savedText(page)).toBe(before);

  // Put right, saved, and the report's dollar view follows.
  await treasury.fill('20000000');
  await tvl.fill('145,000,000');
  await page.getByRole('button', { name: 'Save funds' }).click();
  await expect(page.getByText(/^Saved: \$\d+(\.\d)?M as of \d{4}-\d\d-\d\d\.$/)).toBeVisible();
  await expect(treasury).not.toHaveAttribute('aria-invalid', 'true');
  await expect.poll(async () => (await savedText(page)) !== before).toBe(true);
  await app.navigate('Report');
  // The Funds at risk table's row: pool, whose loss, amount, vectors reaching it.
  await expect(page.getByRole('row', { name: /^Treasury wallets Protocol / })).toContainText(
    '$20.0M',
  );
  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});
