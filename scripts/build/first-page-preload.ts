import { relative } from 'node:path';
import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * The page the app opens on (the Catalogue, src/app/routes.ts) and the built-in catalogue's
 * details, which every page waits for, as manifest keys. check:bundle counts them in the first
 * page's size (scripts/build/check-bundle.ts).
 */
export const FIRST_PAGE_CHUNKS = [
  'src/features/catalogue/CataloguePage.tsx',
  'virtual:opsready/catalogue-details',
] as const;

/**
 * Names those chunks, and the chunks they import, in index.html as module preloads. Without
 * them the browser asks for the chunks only once the entry has run and called `import()`; with
 * them it fetches and compiles them alongside the entry, on the second core, so they are ready
 * when the entry asks. A visit that starts on another page fetches the Catalogue page's code
 * ahead of time, which it would load once the browser was idle anyway.
 */
export function firstPagePreload(): Plugin {
  let root = process.cwd();
  return {
    name: 'opsready-first-page-preload',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const keyOf = (id: string | null): string | undefined =>
          id === null ? undefined : id.startsWith('\0') ? id.slice(1) : relative(root, id);
        // What the entry imports statically has module preloads of Vite's own already.
        const inEntry = new Set<string>();
        const addStatic = (file: string): void => {
          if (inEntry.has(file)) return;
          inEntry.add(file);
          for (const next of byFile.get(file)?.imports ?? []) addStatic(next);
        };
        for (const c of chunks) if (c.isEntry) addStatic(c.fileName);
        const wanted: string[] = [];
        const add = (file: string): void => {
          if (inEntry.has(file) || wanted.includes(file)) return;
          wanted.push(file);
          for (const next of byFile.get(file)?.imports ?? []) add(next);
        };
        for (const key of FIRST_PAGE_CHUNKS) {
          const chunk = chunks.find((c) => keyOf(c.facadeModuleId) === key);
          // A renamed page or module would otherwise silently stop being preloaded.
          if (!chunk) throw new Error(`first-page preload: no chunk is built from ${key}`);
          add(chunk.fileName);
        }
        return wanted.map((file): HtmlTagDescriptor => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head',
        }));
      },
    },
  };
}
