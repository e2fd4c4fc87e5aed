import { existsSync } from 'node:fs';

/** The system Chromium; set OPSREADY_CHROMIUM to use another build. */
export function chromiumPath(): string {
  return process.env.OPSREADY_CHROMIUM ?? '/usr/bin/chromium';
}

/**
 * Headless, and quiet on the network: without the background-networking switches Chromium calls
 * home at start-up, which an offline machine refuses. `--no-sandbox` because CI runs as root.
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

export function missingTools(): string[] {
  const missing: string[] = [];
  if (!existsSync(chromiumPath())) missing.push(`Chromium (looked for ${chromiumPath()})`);
  for (const [tool, from] of [
    ['pdftotext', 'poppler-utils'],
    ['pdfinfo', 'poppler-utils'],
    ['pandoc', 'pandoc'],
  ] as const) {
    const found = (process.env.PATH ?? '')
      .split(':')
      .some((dir) => dir !== '' && existsSync(`${dir}/${tool}`));
    if (!found) missing.push(`${tool} (from ${from})`);
  }
  return missing;
}
