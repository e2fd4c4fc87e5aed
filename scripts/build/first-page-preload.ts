import { relative } from 'node:path';
import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * What the page the app opens on (the Catalogue, src/app/routes.ts) waits for beyond the entry
 * before it draws its cards, as manifest keys: its own chunk. check:bundle counts it in the first
 * page's size (scripts/build/check-bundle.ts). The built-in catalogue's details are not in it:
 * the page draws its list from the list part and asks for them once that is on screen.
 */
export const FIRST_PAGE_CHUNKS = ['src/features/catalogue/CataloguePage.tsx'] as const;

/**
 * Preloaded as well, though the first page does not wait for them: the details, which it asks
 * for in the frame after its list is painted, and every other page waits for. Preloaded, they
 * are fetched and compiled off the main thread while the page starts, and only evaluated (their
 * JSON parsed) when asked for: at CPU ×4 they were ready a median 90 ms after the list was
 * painted, against 270 ms when fetched only then, and the list painted no later (2026-12-02,
 * nine interleaved runs each).
 */
export const PRELOADED_AFTER_FIRST_PAGE = ['virtual:opsready/catalogue-details'] as const;

/**
 * Names all these chunks, and the chunks they import, in index.html as module preloads. Without
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
        for (const key of [...FIRST_PAGE_CHUNKS, ...PRELOADED_AFTER_FIRST_PAGE]) {
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
