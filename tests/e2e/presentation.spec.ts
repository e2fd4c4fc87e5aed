import { expect, test } from '@playwright/test';
import { OpsReadyApp } from './app-page.ts';

// The presentation in full screen is what a room reads off a projector: it must keep the page's
// colours, not dark text on the browser's black full-screen backdrop.
test('the presentation keeps light page colours in full screen', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new OpsReadyApp(page);
  await app.open('report');
  await app.loadDemo();
  await page.goto('#/workshop');
  await page
    .getByRole('button', { name: /present/i })
    .first()
    .click();
  await page.getByRole('button', { name: 'Full screen' }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  const colours = await page.evaluate(() => {
    const el = document.fullscreenElement;
    if (!el) return null;
    const style = getComputedStyle(el);
    return { background: style.backgroundColor, text: style.color };
  });
  expect(colours).toEqual({ background: 'rgb(255, 255, 255)', text: 'rgb(20, 33, 43)' });
  // Readable from the back of a room: large type and AA contrast, in full screen and out of it.
  const typeSize = () =>
    page.evaluate(() => {
      const px = (selector: string) =>
        parseFloat(getComputedStyle(document.querySelector(selector) ?? document.body).fontSize);
      return { title: px('.presentation-title'), levels: px('.presentation-level-button') };
    });
  const full = await typeSize();
  expect(full.title).toBeGreaterThanOrEqual(48);
  expect(full.levels).toBeGreaterThanOrEqual(24);
  await app.expectNoSeriousAxeViolations();
  // The same button, now saying what it does, leaves full screen.
  await page.getByRole('button', { name: 'Leave full screen' }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  await expect(page.getByRole('button', { name: 'Full screen', exact: true })).toBeVisible();
  const windowed = await typeSize();
  expect(windowed.title).toBeGreaterThanOrEqual(40);
  expect(windowed.levels).toBeGreaterThanOrEqual(20);
  await app.expectNoSeriousAxeViolations();
  app.expectNoErrors();
});
