// Fails the build when a heavy, export-only library leaks into the first load, or when the first
// load grows past FIRST_LOAD_RATIO times that of a bare React page. Reads Vite's manifest, walks
// the entry's static imports (what the browser fetches before the app is usable) and checks that
// none of them is, or contains, a forbidden package; then builds the bare page
// (scripts/bench/bare-page.ts) and compares the two sizes, gzip -9, which are deterministic.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { FIRST_PAGE_CHUNKS } from './first-page-preload.ts';

/** Issue 18's target for the first load against the bare React page, gzip -9: not met yet. */
export const TARGET_RATIO = 1.5;

/**
 * What CI allows meanwhile, so the first load cannot grow further: the ratio measured on
 * 2026-12-02 at 11a4eff (2.03×, 133.9 KiB against the bare page's 66.1 KiB), with a
 * little room. It was 2.26× (149.7 KiB) before the schemas moved from zod classic to zod/mini
 * (zod in the first load 91.8 -> 40.1 KB raw) and the store stopped importing the scoring code
 * through workshop/actions.ts; 3.05× (201.9 KiB) before the crosswalks, level descriptors, threat
 * profiles and changelog left it. Lower it each time the first load shrinks, down to
 * TARGET_RATIO; the check prints how far off the target is. What is left, raw: React and
 * react-dom (about 218 KB, the bare page itself), the catalogue's list part (84 KB, 19 KiB gzip
 * on its own: ids, titles and objectives the start-up code and the first page read), zod/mini
 * (40 KB) and about 100 KB of stores, schemas and the domain code they call at start-up.
 */
export const FIRST_LOAD_RATIO = 2.08;

/**
 * The same ratchet for the first page (FIRST_PAGE_CHUNKS), so the first load cannot shrink by
 * moving bytes into chunks the first page waits for anyway: 2.13× (140.7 KiB against the bare
 * page's 66.1 KiB) measured on 2026-12-02, once the Catalogue page stopped waiting for the
 * catalogue details (103 KiB gzip; 3.88×, 256.3 KiB, before), with a little room. It was 4.03×
 * (266.4 KiB) before the crosswalks left it.
 */
export const FIRST_PAGE_RATIO = 2.2;

export const FORBIDDEN_IN_FIRST_LOAD = [
  'jspdf',
  'jspdf-autotable',
  'html2canvas',
  'canvg',
  'dompurify',
  // The Word export's writer, about 83 KiB gzip: loaded when someone exports a .docx.
  'docx',
];

export interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly isDynamicEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly css?: readonly string[];
}
export type Manifest = Readonly<Record<string, ManifestChunk>>;

/** The chunks `roots` name and everything they import statically: what loading them fetches. */
function withStaticImports(
  manifest: Manifest,
  roots: readonly string[],
): { keys: string[]; files: string[]; css: string[] } {
  const seen = new Set<string>();
  const stack = [...roots];
  for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    stack.push(...(manifest[key]?.imports ?? []));
  }
  const keys = [...seen];
  return {
    keys,
    files: keys.flatMap((k) => manifest[k]?.file ?? []),
    css: keys.flatMap((k) => manifest[k]?.css ?? []),
  };
}

/** The manifest keys, files and styles a browser loads before the app can run. */
export function firstLoad(manifest: Manifest): { keys: string[]; files: string[]; css: string[] } {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  if (entries.length === 0) throw new Error('the manifest has no entry chunk');
  return withStaticImports(manifest, entries);
}

/**
 * What the page the app opens on, the Catalogue, waits for beyond the first load before it draws
 * its cards (src/app/routes.ts): its own chunk. The built-in catalogue's details are not in it:
 * the page draws its list from the catalogue's list part and asks for them after that first
 * paint. Bytes moved out of the entry into a chunk the page waits for still load before it
 * shows, so they are counted here as well: the first-load figure alone would improve by moving
 * them, without the page showing any sooner.
 */
export { FIRST_PAGE_CHUNKS };

/** The first load and everything the first page waits for: what it takes to see the catalogue. */
export function firstPage(manifest: Manifest): { keys: string[]; files: string[]; css: string[] } {
  const missing = FIRST_PAGE_CHUNKS.filter((key) => manifest[key] === undefined);
  if (missing.length > 0) {
    throw new Error(`the manifest has no chunk for ${missing.join(', ')} (see FIRST_PAGE_CHUNKS)`);
  }
  return withStaticImports(manifest, [...firstLoad(manifest).keys, ...FIRST_PAGE_CHUNKS]);
}

const packageOf = (key: string): string | undefined =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(key)?.[1];

/** Returns the problems found; an empty list means the split holds. */
export function checkFirstLoad(manifest: Manifest, readChunk: (file: string) => string): string[] {
  const problems: string[] = [];
  const { keys, files } = firstLoad(manifest);
  for (const key of keys) {
    const pkg = packageOf(key);
    if (pkg && FORBIDDEN_IN_FIRST_LOAD.includes(pkg)) {
      problems.push(`${pkg} is statically imported into the first load (${key})`);
    }
  }
  // The manifest names chunks, not the modules inlined into them, so also look inside the code
  // for strings only jsPDF and its plugins contain.
  for (const file of files) {
    const code = readChunk(file);
    if (/jsPDF\.API|jspdf-autotable|html2canvas/.test(code)) {
      problems.push(`${file} (loaded at start-up) contains jspdf or its plugins`);
    }
    // The namespace every WordprocessingML part docx writes declares.
    if (code.includes('schemas.openxmlformats.org/wordprocessingml/2006/main')) {
      problems.push(`${file} (loaded at start-up) contains docx, the Word writer`);
    }
  }
  // Guard the guard: without a lazily loaded jspdf chunk the checks above would prove nothing.
  const lazyJspdf = Object.entries(manifest).some(
    ([key, chunk]) =>
      packageOf(key) === 'jspdf' && chunk.isDynamicEntry === true && !keys.includes(key),
  );
  if (!lazyJspdf) problems.push('no lazily loaded jspdf chunk was found in the manifest');
  return problems;
}

export interface Size {
  readonly raw: number;
  readonly gzip: number;
}

function sizeOf(dist: string, list: readonly string[]): Size {
  let raw = 0;
  let gzip = 0;
  for (const file of list) {
    const bytes = readFileSync(join(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Bytes of the JavaScript and the CSS the first load fetches, raw and gzip -9. */
export function firstLoadSize(dist: string): { js: Size; css: Size; files: number } {
  const { files, css } = firstLoad(readManifest(dist));
  return { js: sizeOf(dist, files), css: sizeOf(dist, css), files: files.length };
}

/** The same for the first page: the first load and what the Catalogue page waits for. */
export function firstPageSize(dist: string): { js: Size; css: Size; files: number } {
  const { files, css } = firstPage(readManifest(dist));
  return { js: sizeOf(dist, files), css: sizeOf(dist, css), files: files.length };
}

/** The problem with a size next to the bare page's, if there is one. */
export function checkRatio(
  appGzip: number,
  bareGzip: number,
  allowed: number = FIRST_LOAD_RATIO,
  what = 'the first-load JavaScript',
): string[] {
  const ratio = appGzip / bareGzip;
  return ratio > allowed
    ? [
        `${what} is ${kib(appGzip)} gzip, ${ratio.toFixed(2)}× the bare React ` +
          `page's ${kib(bareGzip)}; at most ${allowed.toFixed(2)}× (${kib(bareGzip * allowed)}) is allowed`,
      ]
    : [];
}

const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

function readManifest(dist: string): Manifest {
  return JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

async function main(dist: string): Promise<number> {
  const manifest = readManifest(dist);
  const problems = checkFirstLoad(manifest, (file) => readFileSync(join(dist, file), 'utf8'));
  const { js, css, files } = firstLoadSize(dist);
  const page = firstPageSize(dist);
  console.log(
    `First load: ${String(files)} JS file(s), ${kib(js.raw)} (${kib(js.gzip)} gzip); ` +
      `CSS ${kib(css.raw)} (${kib(css.gzip)} gzip)`,
  );
  console.log(
    `First page (the first load and the chunks the Catalogue page waits for to draw its list): ` +
      `${String(page.files)} JS file(s), ${kib(page.js.raw)} (${kib(page.js.gzip)} gzip)`,
  );
  // Imported here so the manifest checks above stay usable without Vite (the unit tests).
  const { bareVersions, buildBarePage } = await import('../bench/bare-page.ts');
  const bare = await buildBarePage();
  try {
    const bareJs = firstLoadSize(bare.outDir).js;
    console.log(
      `Bare React page (${bareVersions()}): ${kib(bareJs.raw)} (${kib(bareJs.gzip)} gzip); ` +
        `first load ${(js.gzip / bareJs.gzip).toFixed(2)}× (CI allows ${FIRST_LOAD_RATIO.toFixed(2)}×; ` +
        `the target is ${TARGET_RATIO.toFixed(1)}×, ${kib(bareJs.gzip * TARGET_RATIO)}); ` +
        `first page ${(page.js.gzip / bareJs.gzip).toFixed(2)}× (CI allows ${FIRST_PAGE_RATIO.toFixed(2)}×)`,
    );
    problems.push(
      ...checkRatio(js.gzip, bareJs.gzip),
      ...checkRatio(page.js.gzip, bareJs.gzip, FIRST_PAGE_RATIO, "the first page's JavaScript"),
    );
  } finally {
    bare.remove();
  }
  if (problems.length > 0) {
    console.error(`Bundle check failed:\n- ${problems.join('\n- ')}`);
    return 1;
  }
  console.log(
    'Bundle check passed: jspdf, its plugins and docx load only on export, and the first load and ' +
      `first page are within the ${FIRST_LOAD_RATIO.toFixed(2)}× and ${FIRST_PAGE_RATIO.toFixed(2)}× ` +
      `CI allows (target ${TARGET_RATIO.toFixed(1)}× for the first load, not yet met).`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv[2] ?? 'dist');
}
