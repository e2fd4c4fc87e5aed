// Fails the build when a heavy, export-only library leaks into the first load. Reads Vite's
// manifest, walks the entry's static imports (what the browser fetches before the app is usable)
// and checks that none of them is, or contains, a forbidden package.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const FORBIDDEN_IN_FIRST_LOAD = [
  'jspdf',
  'jspdf-autotable',
  'html2canvas',
  'canvg',
  'dompurify',
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

/** The manifest keys, files and styles a browser loads before the app can run. */
export function firstLoad(manifest: Manifest): { keys: string[]; files: string[]; css: string[] } {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  if (entries.length === 0) throw new Error('the manifest has no entry chunk');
  const seen = new Set<string>();
  const stack = [...entries];
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
    if (/jsPDF\.API|jspdf-autotable|html2canvas/.test(readChunk(file))) {
      problems.push(`${file} (loaded at start-up) contains jspdf or its plugins`);
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

function main(dist: string): number {
  const manifest = JSON.parse(
    readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'),
  ) as Manifest;
  const problems = checkFirstLoad(manifest, (file) => readFileSync(join(dist, file), 'utf8'));
  const { files, css } = firstLoad(manifest);
  const size = (list: readonly string[]): { raw: number; gzip: number } => {
    let raw = 0;
    let gzip = 0;
    for (const file of list) {
      const bytes = readFileSync(join(dist, file));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { raw, gzip };
  };
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const js = size(files);
  const styles = size(css);
  console.log(
    `First load: ${files.length} JS file(s), ${kib(js.raw)} (${kib(js.gzip)} gzip); ` +
      `CSS ${kib(styles.raw)} (${kib(styles.gzip)} gzip)`,
  );
  if (problems.length > 0) {
    console.error(`Bundle check failed:\n- ${problems.join('\n- ')}`);
    return 1;
  }
  console.log('Bundle check passed: jspdf and its plugins load only on export.');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv[2] ?? 'dist');
}
