import { expect, test } from '@playwright/test';
import { startDev, type ViteServer } from '../../scripts/bench/bench-server.ts';

/**
 * `npm run dev` serves the sources, not the build, so it gets its own policy: sent as a header,
 * with a nonce for the scripts Vite injects for hot reload. This suite starts its own dev server;
 * the preview server the other suites use is not involved.
 */
let dev: ViteServer | undefined;

test.afterEach(async () => {
  await dev?.stop();
  dev = undefined;
});

const nonceOf = (policy: string | null): string | undefined =>
  /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? '')?.[1];

test('the dev server sends a CSP that allows hot reload and refuses inline script', async ({
  page,
}) => {
  dev = await startDev();
  const errors: string[] = [];
  const debug: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
    else debug.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  const response = await page.goto(dev.url);
  const policy = (await response?.allHeaders())?.['content-security-policy'] ?? null;
  const port = new URL(dev.url).port;
  expect(policy).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}';/);
  expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${port};`);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');

  await expect(page.getByRole('heading', { level: 1, name: 'Catalogue' })).toBeVisible();
  // The hot-reload client reached its websocket through the policy.
  await expect.poll(() => debug.includes('[vite] connected.')).toBe(true);
  expect(errors).toEqual([]);

  // A script that arrives in the page some other way, without the nonce, does not run.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.body.dataset.injected = "ran"';
    document.head.append(script);
    return document.body.dataset.injected ?? 'blocked';
  });
  expect(ran).toBe('blocked');
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('violates the following Content Security Policy directive');

  // The nonce is drawn again on every start, so no page or file can carry one that works.
  const first = nonceOf(policy);
  await dev.stop();
  dev = await startDev();
  const second = nonceOf((await fetch(dev.url)).headers.get('content-security-policy'));
  expect(first).toBeDefined();
  expect(second).toBeDefined();
  expect(second).not.toBe(first);
});
