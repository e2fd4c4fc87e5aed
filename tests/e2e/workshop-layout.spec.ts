import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { OpsReadyApp } from './app-page.ts';

/** A participant's own export, made from the demo file with some answers and notes of their own. */
function participantFile(name: string, levels: Record<string, number>, note = '') {
  const demo = JSON.parse(readFileSync('public/demo/halcyon-assessment.json', 'utf8')) as {
    assessment: {
      id: string;
      assessors: string[];
      answers: Record<string, unknown>;
      workshop?: unknown;
    };
  };
  demo.assessment.id = `participant-${name.toLowerCase()}`;
  demo.assessment.assessors = [name];
  delete demo.assessment.workshop;
  for (const [id, level] of Object.entries(levels)) {
    demo.assessment.answers[id] = { status: 'level', level, ...(note ? { notes: note } : {}) };
  }
  return {
    name: `${name.toLowerCase()}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(demo)),
  };
}

async function withParticipants(page: Page): Promise<OpsReadyApp> {
  const app = new OpsReadyApp(page);
  await app.open('report');
  await app.loadDemo();
  await app.navigate('Workshop');
  await page.getByRole('button', { name: 'Participants', exact: true }).click();
  const files = page.getByLabel('Participants’ files');
  // Long names and a long note: what used to stretch the table past the page.
  await files.setInputFiles([
    participantFile(
      'Beatrice Okonkwo-Lindqvist (protocol engineering)',
      { 'DEP-08': 3, 'SIG-02': 2 },
      'Two independent verifiers since the October change window; see runbook RB-114 and the vendor ticket',
    ),
    participantFile('Cem Yılmaz (operations)', { 'DEP-08': 1, 'SIG-02': 2 }),
  ]);
  await expect(page.getByText(/^Imported Beatrice/)).toBeVisible();
  await page.getByLabel('Import as').selectOption('auditor');
  await files.setInputFiles([participantFile('Ola Nordmann (external auditor)', { 'DEP-08': 0 })]);
  await expect(page.getByText(/^Imported Ola/)).toBeVisible();
  return app;
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(
    scrollWidth,
    `${what}: page ${String(scrollWidth)} px wide in ${String(clientWidth)}`,
  ).toBeLessThanOrEqual(clientWidth);
}

async function expectInViewportWidth(
  page: Page,
  locator: ReturnType<Page['locator']>,
  what: string,
) {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, what).not.toBeNull();
  expect(box?.x ?? -1, what).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0), what).toBeLessThanOrEqual(width);
}

for (const width of [390, 1280, 1920]) {
  test(`the disagreements fit ${String(width)} px: no sideways scroll, Agree on screen`, async ({
    page,
  }, info) => {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 1080 });
    const app = await withParticipants(page);
    await expectNoSidewaysScroll(page, 'participants');
    const list = page.getByRole('list', { name: 'Where the participants disagree' });
    const card = list.locator('> li').first();
    await expect(card).toHaveAttribute('data-control-id', 'DEP-08');
    await card.scrollIntoViewIfNeeded();
    await expectInViewportWidth(page, card.getByRole('button', { name: 'Agree DEP-08' }), 'Agree');
    // The level menu is as wide as its longest option, not the page.
    const menu = await card.getByLabel('Agreed answer for DEP-08').boundingBox();
    expect(menu?.width ?? 999).toBeLessThan(120);
    // The filter's checkbox sits beside its label, at its left.
    const box = await page
      .getByRole('checkbox', { name: 'Only controls where they disagree' })
      .boundingBox();
    const label = await page
      .getByText('Only controls where they disagree', { exact: true })
      .boundingBox();
    expect(
      Math.abs(
        (box?.y ?? 0) + (box?.height ?? 0) / 2 - ((label?.y ?? 0) + (label?.height ?? 0) / 2),
      ),
    ).toBeLessThan(8);
    expect((box?.x ?? 999) + (box?.width ?? 0)).toBeLessThanOrEqual(label?.x ?? 0);
    await page.screenshot({
      path: info.outputPath(`participants-${String(width)}.png`),
      fullPage: true,
    });
    await app.expectNoSeriousAxeViolations();

    for (const view of ['Present', 'Actions and parking lot', 'Compare', 'Sign-off']) {
      await page.getByRole('button', { name: view, exact: true }).click();
      await expectNoSidewaysScroll(page, view);
    }
    app.expectNoErrors();
  });
}

test('on a phone the presentation’s buttons are on screen without scrolling past the text', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = await withParticipants(page);
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  const title = page.getByRole('heading', { level: 2, name: /^KEY-01 / });
  await title.scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById('presentation-title')?.scrollIntoView());
  for (const name of ['Next (j)', 'Previous (k)', 'Note (m)', 'Verify (v)']) {
    const box = await page.getByRole('button', { name }).boundingBox();
    expect(box, name).not.toBeNull();
    expect((box?.y ?? 9999) + (box?.height ?? 0), name).toBeLessThanOrEqual(844);
    expect(box?.y ?? -1, name).toBeGreaterThanOrEqual(0);
  }
  // Still there halfway down the level descriptors.
  await page.getByRole('button', { name: /^3 Verified/ }).scrollIntoViewIfNeeded();
  const next = await page.getByRole('button', { name: 'Next (j)' }).boundingBox();
  expect((next?.y ?? 9999) + (next?.height ?? 0)).toBeLessThanOrEqual(844);
  await page.getByRole('button', { name: 'Next (j)' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^KEY-02 / })).toBeVisible();
  await expectNoSidewaysScroll(page, 'presentation');
  await app.expectNoSeriousAxeViolations();
});

test('keyboard only: the keys act as soon as the presentation opens, and the room sees who said what', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = await withParticipants(page);
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  // Leave for another page and come back by keyboard, as a facilitator would.
  await app.navigate('Report');
  const nav = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workshop' });
  await nav.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /^KEY-01 / })).toBeVisible();
  await expect(page.locator('.presentation-keys-target')).toBeFocused();
  for (let i = 0; i < 200; i++) {
    if (await page.getByRole('heading', { level: 2, name: /^DEP-08 / }).isVisible()) break;
    await page.keyboard.press('j');
  }
  await expect(page.getByRole('heading', { level: 2, name: /^DEP-08 / })).toBeVisible();
  const said = page.getByRole('region', { name: 'What each participant answered' });
  await expect(said).toContainText('Beatrice Okonkwo-Lindqvist (protocol engineering) (team)');
  await expect(said).toContainText('Two independent verifiers since the October change window');
  await expect(said).toContainText('Ola Nordmann (external auditor) (auditor)');
  await page.keyboard.press('1');
  await expect(page.getByText(/^Agreed: 1 /)).toBeVisible();
  await expect(page.getByText(/^Agreed: 1 /)).not.toContainText('Ola Nordmann');
  await app.expectNoSeriousAxeViolations();
  app.expectNoErrors();
});
