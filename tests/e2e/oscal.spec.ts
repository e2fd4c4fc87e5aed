import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { OpsReadyApp } from './app-page.ts';
import { oscalErrors } from '../fixtures/oscal/validate.ts';

const FIXTURE = new URL(
  '../fixtures/oscal/NIST_SP-800-53_rev5_catalog-5.0.1.json.gz',
  import.meta.url,
);

test('NIST SP 800-53 rev 5 imported on the Catalogue page, an assessment started from it, OSCAL out', async ({
  page,
}, info) => {
  // 1,007 controls: the Catalogue and Assessment pages draw every card, which takes minutes on a
  // loaded shared machine; the load itself is timed and printed.
  test.setTimeout(900_000);
  const app = new OpsReadyApp(page);
  const dir = mkdtempSync(join(tmpdir(), 'opsready-oscal-'));
  const file = join(dir, 'NIST_SP-800-53_rev5_catalog.json');
  writeFileSync(file, gunzipSync(readFileSync(FIXTURE)));

  await app.open('catalogue');
  const picker = page.getByLabel(/Load your own catalogue/);
  const started = Date.now();
  await picker.setInputFiles(file);
  const loaded = page.getByRole('status').filter({ hasText: /^Loaded NIST Special Publication/ });
  await expect(loaded).toBeVisible({ timeout: 300_000 });
  const ms = Date.now() - started;
  // From choosing the file to the loaded catalogue on screen: read, converted, checked, stored.
  console.log(`800-53 5.0.1 (3.2 MB) loaded in the browser in ${String(ms)} ms`);
  await info.attach('800-53 load time', { body: `${String(ms)} ms`, contentType: 'text/plain' });
  await expect(loaded).toContainText('1007 controls');
  const report = page.getByRole('region', { name: 'Converted from OSCAL' });
  await expect(report).toContainText('182 withdrawn controls left out');
  await expect(
    report.getByRole('listitem').filter({ hasText: /^Severity: 1007 of 1007/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Access Control', exact: true }),
  ).toBeVisible();
  await page.screenshot({ path: info.outputPath('catalogue-800-53.png'), fullPage: false });
  // axe over 1,007 control cards would take many minutes here: the parts this import adds.
  const axe = await new AxeBuilder({ page })
    .include('.catalogue-source')
    .include('.toolbar')
    .analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);

  // The OSCAL download of what is shown validates against NIST's schema.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download as OSCAL catalog (JSON)' }).click();
  const saved = await (await download).path();
  expect(oscalErrors(JSON.parse(readFileSync(saved, 'utf8')))).toEqual([]);

  await page.getByRole('button', { name: 'Start an assessment with this catalogue' }).click();
  await page.getByRole('link', { name: 'Go to the assessment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible({
    timeout: 300_000,
  });
  await app.answer('AC-001', /^2 Implemented/);
  await page.screenshot({ path: info.outputPath('assessment-800-53.png'), fullPage: false });

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Report' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Report' })).toBeVisible({
    timeout: 300_000,
  });
  const results = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export OSCAL assessment results (JSON)' }).click();
  const ar = JSON.parse(readFileSync(await (await results).path(), 'utf8')) as {
    'assessment-results': { results: { findings: unknown[] }[] };
  };
  expect(oscalErrors(ar)).toEqual([]);
  expect(ar['assessment-results'].results[0]?.findings).toHaveLength(1007);

  // Stored: after a reload the catalogue is validated again from what was kept, and still there.
  await page.reload();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Catalogue' })
    .click();
  await expect(page.getByLabel('Show catalogue')).toContainText('NIST Special Publication 800-53', {
    timeout: 300_000,
  });
  app.expectNoErrors();
});
