import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { loadCatalogueDir } from './catalogue-files.ts';

const PUBLIC_ID = 'virtual:opsready/catalogue';
const RESOLVED_ID = '\0' + PUBLIC_ID;

/**
 * Validates the catalogue in `controls/` at build time and serves it to the app as a plain JSON
 * module: an invalid file stops `vite build` (and the dev server shows the error) instead of
 * reaching a user's browser.
 */
export function cataloguePlugin(dir: string): Plugin {
  const absolute = resolve(dir);
  return {
    name: 'opsready-catalogue',
    resolveId(id) {
      return id === PUBLIC_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const catalogue = loadCatalogueDir(absolute);
      return `export default ${JSON.stringify(catalogue)};`;
    },
    configureServer(server) {
      server.watcher.add(absolute);
      const reload = (file: string): void => {
        if (!file.startsWith(absolute)) return;
        const mod = server.moduleGraph.getModuleById(RESOLVED_ID);
        if (mod) server.moduleGraph.invalidateModule(mod);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', reload);
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
    },
  };
}
