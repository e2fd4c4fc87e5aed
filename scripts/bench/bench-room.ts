import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../tests/e2e/browser.ts';
import { serve } from '../serve/serve.ts';
import { freePort, median } from './bench-server.ts';

/**
 * `npm run bench` (live room part): the time from a participant's answer to the facilitator's
 * screen, on loopback, through everything a real room does: the participant's Yjs update,
 * AES-GCM and ECDSA in their browser, the relay (`npm run serve`), the facilitator's checks,
 * decryption, merge and React drawing it, up to the next animation frame. Two Chromium contexts
 * on one machine share its clock, so the two ends are compared directly. Prints the median of
 * BENCH_ROOM_RUNS answers, each to a new control; the target is under 100 ms. Asserts nothing.
 */
const RUNS = Number(process.env.BENCH_ROOM_RUNS ?? 21);
const TARGET_MS = 100;

const work = mkdtempSync(join(tmpdir(), 'opsready-bench-room-'));
const dist = process.env.BENCH_ROOM_DIST ?? join(work, 'dist');
if (process.env.BENCH_ROOM_DIST === undefined) {
  const r = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('vite build failed');
}

const serving = await serve({ dist, port: await freePort(), host: '127.0.0.1' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const facilitator = await (await browser.newContext({ baseURL: serving.url })).newPage();
  await facilitator.goto('./#/report');
  await facilitator.getByRole('button', { name: 'Load demo assessment' }).first().click();
  await facilitator
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workshop' })
    .click();
  await facilitator.getByRole('button', { name: 'Open a live room' }).click();
  const linkField = facilitator.getByLabel(/^Room link/);
  await linkField.waitFor();
  const link = await linkField.inputValue();

  const participant = await (await browser.newContext({ baseURL: serving.url })).newPage();
  await participant.goto(link);
  await participant.getByLabel('Your name').fill('Bench Participant');
  await participant.getByRole('button', { name: 'Join the room' }).click();
  await facilitator.locator('tr[data-member="Bench Participant"]').waitFor();

  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i > 0) await facilitator.getByRole('button', { name: 'Next (j)' }).click();
    const heading = await facilitator.locator('.presentation-title .control-id').innerText();
    await participant
      .getByRole('heading', { level: 2, name: new RegExp(`^${heading} `) })
      .waitFor();
    // The facilitator's page watches its own screen for the answer, then waits for the next
    // frame: what a person looking at it would see.
    // Passed as text: tsx would wrap named functions in a helper the page does not have.
    await facilitator.evaluate(`window.benchArrived = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const cell = document.querySelector('tr[data-member="Bench Participant"] td:nth-child(4)');
        if (cell?.textContent !== 'answered') return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    }); undefined`);
    const sent = await participant.evaluate<number>(`(() => {
      const radio = document.querySelector('input[type="radio"][value="2"]');
      const at = performance.timeOrigin + performance.now();
      radio.click();
      return at;
    })()`);
    times.push((await facilitator.evaluate<number>('window.benchArrived')) - sent);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `Live room, participant's answer to the facilitator's screen (loopback, ${String(RUNS)} answers): ` +
      `median ${median(times).toFixed(1)} ms, fastest ${(sorted[0] ?? 0).toFixed(1)} ms, ` +
      `slowest ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms (target under ${String(TARGET_MS)} ms: ` +
      `${median(times) < TARGET_MS ? 'met' : 'not met'})`,
  );
} finally {
  await browser.close();
  await serving.close();
  rmSync(work, { recursive: true, force: true });
}
