import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { cloneControls } from '../../scripts/bench/generate.ts';
import { loadCatalogueDir } from '../../scripts/build/catalogue-files.ts';
import { OpsReadyApp } from './app-page.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CONTROLS = 1000;

/**
 * A team catalogue of 1,000 controls, as the browser bench builds it (the shipped catalogue and
 * clones of its controls, scripts/bench/generate.ts), under an id of its own so it loads beside
 * the built-in one. Written as JSON, which the loader reads with the JSON reader.
 */
function teamCatalogueFiles(): { name: string; mimeType: string; buffer: Buffer }[] {
  const dir = `${root}controls`;
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !e.parentPath.includes('crosswalks'))
    .map((e) => {
      const data = parse(readFileSync(`${e.parentPath}/${e.name}`, 'utf8')) as Record<
        string,
        unknown
      >;
      if (e.name === 'catalogue.yaml') {
        const meta = data.catalogue as Record<string, unknown>;
        data.catalogue = { ...meta, id: 'generated-1000', name: 'Generated 1,000' };
      }
      return { name: e.name.replace(/\.ya?ml$/, '.json'), data };
    });
  const clones = cloneControls(loadCatalogueDir(dir, root), CONTROLS);
  files.push({ name: 'generated.json', data: { controls: clones } });
  return files.map((f) => ({
    name: f.name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(f.data)),
  }));
}

// A trace keeps a DOM snapshot and a screenshot of the page before and after every action: of a
// page of 1,000 cards, for 2,000 key presses. Measured in Chromium, that is 1.8 s a press against
// 47 ms without it (the page's own work), and it was what made this test run past 20 minutes.
// The trace still records every action and its source, so a failure says where it happened.
test.use({ trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false } });

test('the Assessment page of 1,000 controls is driven by keyboard from the first to the last', async ({
  page,
}) => {
  // Two thousand key presses on a shared 2-core machine: generous, as the config says why.
  test.setTimeout(1_800_000);
  const app = new OpsReadyApp(page);
  await app.open('catalogue');
  await page.getByLabel(/Load your own catalogue/).setInputFiles(teamCatalogueFiles());
  await expect(page.getByText(`Loaded Generated 1,000`, { exact: false })).toBeVisible({
    timeout: 120_000,
  });
  await page.getByRole('button', { name: 'Start an assessment with this catalogue' }).click();
  await app.navigate('Assessment');
  const cards = page.locator('[data-control-id]');
  await expect(cards).toHaveCount(CONTROLS, { timeout: 120_000 });
  const ids = await cards.evaluateAll((els) =>
    els.map((el) => (el as HTMLElement).dataset.controlId ?? ''),
  );

  // Into the first control with Tab, as a keyboard user gets there.
  await page.getByRole('button', { name: 'Next unanswered' }).focus();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const inCard = await page.evaluate(() =>
      document.activeElement?.closest('[data-control-id]')?.getAttribute('data-control-id'),
    );
    if (inCard) break;
  }
  const focused = () =>
    page.evaluate(
      () =>
        document.activeElement?.closest('[data-control-id]')?.getAttribute('data-control-id') ??
        null,
    );
  expect(await focused()).toBe(ids[0]);

  // Every control: a level by digit, then j to the next, down to the last one.
  for (let i = 0; i < CONTROLS; i++) {
    await page.keyboard.press(String(1 + (i % 3)));
    if (i < CONTROLS - 1) await page.keyboard.press('j');
    // Checked now and then, so a lost focus fails where it happened, not a thousand keys later.
    if (i % 100 === 99 || i === CONTROLS - 1) {
      expect(await focused()).toBe(ids[Math.min(i + 1, CONTROLS - 1)]);
    }
  }
  await expect(page.getByText(`${String(CONTROLS)} of ${String(CONTROLS)} answered`)).toBeVisible();
  const last = app.control(ids[CONTROLS - 1] ?? '');
  await expect(last).toBeInViewport();
  await expect(
    last.getByRole('radio', { name: new RegExp(`^${String(1 + ((CONTROLS - 1) % 3))} `) }),
  ).toBeChecked();

  // The app's own filter still finds a control far down the list.
  // An id is part of longer ids too (IR-16 of IR-160 to IR-169), so the filter shows every
  // control whose id (or text) contains it: at least those ids, and only the cards it counts.
  const wanted = ids[CONTROLS - 2] ?? '';
  await page.getByLabel('Search', { exact: true }).fill(wanted);
  await expect(app.control(wanted)).toBeVisible();
  const status = page.getByText(/^Showing \d+ of 1000 controls\./);
  await expect(status).toBeVisible();
  const shown = Number(/^Showing (\d+)/.exec((await status.textContent()) ?? '')?.[1]);
  expect(shown).toBeGreaterThanOrEqual(ids.filter((id) => id.includes(wanted)).length);
  expect(shown).toBeLessThan(CONTROLS);
  await expect(cards).toHaveCount(shown);
  app.expectOnlySameOriginRequests();
  app.expectNoErrors();
});
