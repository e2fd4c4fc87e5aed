import { expect, test, type Page } from '@playwright/test';
import { OpsReadyApp, pdfText } from './app-page.ts';

/** Resolves once a service worker is active for the page: its precache is then complete. */
async function serviceWorkerReady(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.scriptURL ?? '';
  });
}

async function controlled(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null);
}

test('after one visit the app opens, keeps its answers and exports a PDF with the network off', async ({
  page,
  context,
}, info) => {
  const app = new OpsReadyApp(page);
  await page.clock.setFixedTime(new Date('2026-11-25T09:30:00Z'));

  // The first visit, online: answer one control and let the service worker finish installing.
  await app.open('assessment');
  await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
  await app.answer('KEY-01', /^3 Verified/);
  expect(await serviceWorkerReady(page)).toMatch(/\/sw\.js$/);
  // The manifest that makes it installable is served and names its icons.
  const manifest = (await (await page.request.get('./manifest.webmanifest')).json()) as {
    name: string;
    icons: { src: string; type: string }[];
  };
  expect(manifest.name).toContain('OpsReady');
  expect(manifest.icons.map((i) => i.type)).toEqual(
    expect.arrayContaining(['image/svg+xml', 'image/png']),
  );

  await context.setOffline(true);
  // Nothing can come from the network now: a request that is not answered from the cache fails.
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  await page.reload();
  expect(await controlled(page)).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
  await expect(app.control('KEY-01').getByRole('radio', { name: /^3 Verified/ })).toBeChecked();

  // Answering and scoring still work offline, and survive another reload.
  await app.answer('SIG-02', /^2 Established/);
  await page.reload();
  await expect(app.control('SIG-02').getByRole('radio', { name: /^2 Established/ })).toBeChecked();
  await app.navigate('Report');
  const score = await app.readiness();
  expect(Number(score)).toBeGreaterThan(0);

  // The PDF code and its fonts come from the precache too.
  const pdf = await app.exportPdf(info.outputPath('offline.pdf'));
  expect(pdf.fileName).toBe('opsready-my-assessment-2026-11-25.pdf');
  const text = pdfText(pdf.path);
  expect(text).toContain('Overall readiness (0-100)');
  expect(text).toContain(score);

  // Every other page opens offline as well.
  for (const label of ['Catalogue', 'Workshop'] as const) await app.navigate(label);

  await context.setOffline(false);
  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});
