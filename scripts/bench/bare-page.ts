import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

/**
 * The yardstick the first load is measured against: a page of one heading rendered by React,
 * built by Vite with the React plugin, all at the versions this project has installed. It is
 * written into a temporary folder each time, so it can never drift from what `npm ci` installs.
 */
export interface BarePage {
  /** The built page, with `.vite/manifest.json` like the app's build. */
  readonly outDir: string;
  /** Removes everything `buildBarePage` wrote. */
  readonly remove: () => void;
}

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Bare React page</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/main.tsx"></script>
  </body>
</html>
`;

const MAIN = `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <h1>Bare React page</h1>
  </StrictMode>,
);
`;

/** The versions the bare page is built with, for the benchmark's heading. */
export function bareVersions(projectRoot: string = process.cwd()): string {
  const version = (name: string): string =>
    (
      JSON.parse(readFileSync(join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  return `react ${version('react')}, react-dom ${version('react-dom')}, vite ${version('vite')}, @vitejs/plugin-react ${version('@vitejs/plugin-react')}`;
}

export interface BarePageOptions {
  /** Another main.tsx, for a page that draws more than the heading (the benchmark's same DOM). */
  readonly main?: string;
  /** More files, by path inside the page folder (`public/…` is copied as is). */
  readonly files?: Readonly<Record<string, string>>;
}

export async function buildBarePage(
  projectRoot: string = process.cwd(),
  options: BarePageOptions = {},
): Promise<BarePage> {
  const work = mkdtempSync(join(tmpdir(), 'opsready-bare-'));
  const root = join(work, 'page');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), HTML);
  writeFileSync(join(root, 'main.tsx'), options.main ?? MAIN);
  for (const [name, text] of Object.entries(options.files ?? {})) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  // The project's own packages, so the page is built from exactly what the app is built from.
  symlinkSync(resolve(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const outDir = join(work, 'dist');
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, manifest: true, target: 'es2022', emptyOutDir: true },
  });
  return { outDir, remove: () => rmSync(work, { recursive: true, force: true }) };
}
