import { defineConfig, devices } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { chromiumPath, CHROMIUM_ARGS } from './browser.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PORT = Number(process.env.OPSREADY_E2E_PORT ?? 4319);
const baseURL = `http://127.0.0.1:${PORT}/`;
// Several people building at once on one checkout would overwrite each other's dist/.
const DIST = process.env.OPSREADY_E2E_DIST ?? 'dist';
const RESULTS = process.env.OPSREADY_E2E_RESULTS ?? `${root}test-results`;
// Set when DIST was just built by hand (on a loaded machine the build can outlast the timeout).
const BUILD =
  process.env.OPSREADY_E2E_PREBUILT === '1' ? '' : `npm run build -- --outDir ${DIST} && `;

/**
 * Drives the system Chromium (Playwright never downloads a browser here) against the production
 * build served on loopback, so the tests see what users get: the CSP, the code split, the files.
 */
export default defineConfig({
  testDir: '.',
  outputDir: `${RESULTS}/e2e`,
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Whole journeys with axe scans of 112-control pages (one scan took 53 s on a loaded shared 2-core
  // machine), so generous: speed is measured by the benchmarks, never by a test timing out.
  timeout: 180_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: `${RESULTS}/e2e-results.json` }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    acceptDownloads: true,
    timezoneId: 'UTC',
    locale: 'en-GB',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: `${BUILD}npx vite preview --outDir ${DIST} --port ${PORT} --strictPort --host 127.0.0.1`,
    cwd: root,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
