import { missingTools } from './browser.ts';

/** Fails loudly, with the fix, instead of skipping the browser tests when a tool is missing. */
export default function globalSetup(): void {
  const missing = missingTools();
  if (missing.length === 0) return;
  throw new Error(
    [
      `The end-to-end tests need: ${missing.join(', ')}.`,
      'On Debian or Ubuntu: run `bash scripts/ci/setup-system-deps` (as root, or with sudo available),',
      'which installs the packages chromium, poppler-utils and pandoc.',
      'Elsewhere: install Chromium, poppler and pandoc (macOS: `brew install --cask chromium && brew install poppler pandoc`)',
      'and point OPSREADY_CHROMIUM at the Chromium binary.',
    ].join('\n'),
  );
}
