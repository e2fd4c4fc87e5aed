import { expect, test } from '@playwright/test';
import { OpsReadyApp } from './app-page.ts';

test('a full pass through one domain by keyboard alone', async ({ page }) => {
  const app = new OpsReadyApp(page);
  await app.open('assessment');
  await app.expectNoSeriousAxeViolations();

  // Narrow the list to Custody with the keyboard, then Tab into the first control.
  await page.getByLabel('Domain', { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Domain', { exact: true })).toHaveValue('custody');
  await expect(page.getByText('Showing 13 of 78 controls.')).toBeVisible();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const inCard = await page.evaluate(() =>
      document.activeElement?.closest('[data-control-id]')?.getAttribute('data-control-id'),
    );
    if (inCard) break;
  }
  // Level 2 for the first twelve, level 1 for the last, then N/A for one with a reason.
  for (let i = 0; i < 13; i++) {
    await page.keyboard.press(i === 12 ? '1' : '2');
    if (i < 12) await page.keyboard.press('j');
  }
  await expect(page.getByText('13 of 13 answered')).toBeVisible();
  await page.keyboard.press('k');
  await page.keyboard.press('n');
  await page.keyboard.type('Held by the foundation custodian; out of scope.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(app.control('CUS-12').locator('.answer-state')).toHaveText(/^Not applicable/);
  await page.keyboard.press('Shift+Tab');
  await expect(app.control('CUS-13').getByRole('radio', { name: /^1 Initial/ })).toBeChecked();

  await page.reload();
  await expect(app.control('CUS-01').getByRole('radio', { name: /^2 Established/ })).toBeChecked();
  await expect(app.control('CUS-12').locator('.answer-state')).toHaveText(/^Not applicable/);
  await app.expectNoSeriousAxeViolations();
  app.expectNoErrors();
});
