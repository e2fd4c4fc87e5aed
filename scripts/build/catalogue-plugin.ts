import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { splitCatalogue } from '../../src/domain/catalogue/details.ts';
import { loadCatalogueDir, loadFrameworksDir } from './catalogue-files.ts';

const PUBLIC_ID = 'virtual:opsready/catalogue';
const RESOLVED_ID = '\0' + PUBLIC_ID;
const DETAILS_ID = 'virtual:opsready/catalogue-details';
const RESOLVED_DETAILS = '\0' + DETAILS_ID;
const FRAMEWORKS_ID = 'virtual:opsready/frameworks';
const RESOLVED_FRAMEWORKS = '\0' + FRAMEWORKS_ID;

/**
 * Validates the catalogue in `controls/` at build time and serves it to the app as a plain JSON
 * module: an invalid file stops `vite build` (and the dev server shows the error) instead of
 * reaching a user's browser.
 */
export function cataloguePlugin(dir: string): Plugin {
  const absolute = resolve(dir);
  // Both parts come from one reading of the files per build (and per change in the dev server).
  let split: ReturnType<typeof splitCatalogue> | undefined;
  return {
    name: 'opsready-catalogue',
    buildStart() {
      split = undefined;
    },
    resolveId(id) {
      if (id === FRAMEWORKS_ID) return RESOLVED_FRAMEWORKS;
      if (id === DETAILS_ID) return RESOLVED_DETAILS;
      return id === PUBLIC_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id === RESOLVED_FRAMEWORKS) {
        const frameworks = loadFrameworksDir(absolute, loadCatalogueDir(absolute));
        return `export default ${JSON.stringify(frameworks)};`;
      }
      if (id !== RESOLVED_ID && id !== RESOLVED_DETAILS) return undefined;
      // The list part for the first load, the details for later (src/domain/catalogue/details.ts).
      // As JSON text: the browser parses JSON.parse('…') faster than the same object literal.
      split ??= splitCatalogue(loadCatalogueDir(absolute));
      const { list, details } = split;
      const part = id === RESOLVED_ID ? list : details;
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(part))});`;
    },
    configureServer(server) {
      server.watcher.add(absolute);
      const reload = (file: string): void => {
        if (!file.startsWith(absolute)) return;
        split = undefined;
        for (const resolved of [RESOLVED_ID, RESOLVED_DETAILS, RESOLVED_FRAMEWORKS]) {
          const mod = server.moduleGraph.getModuleById(resolved);
          if (mod) server.moduleGraph.invalidateModule(mod);
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', reload);
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
    },
  };
}
