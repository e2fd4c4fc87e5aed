import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { countIncidents, splitCatalogue } from '../../src/domain/catalogue/details.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { loadCatalogueDir, loadFrameworksDir } from './catalogue-files.ts';

const PUBLIC_ID = 'virtual:opsready/catalogue';
const RESOLVED_ID = '\0' + PUBLIC_ID;
const DETAILS_ID = 'virtual:opsready/catalogue-details';
const RESOLVED_DETAILS = '\0' + DETAILS_ID;
const FRAMEWORKS_ID = 'virtual:opsready/frameworks';
const RESOLVED_FRAMEWORKS = '\0' + FRAMEWORKS_ID;

/** The parts the app is served, all from one reading of the files. */
function parts(catalogue: Catalogue) {
  return { ...splitCatalogue(catalogue), incidentCounts: countIncidents(catalogue) };
}

/**
 * Validates the catalogue in `controls/` at build time and serves it to the app as a plain JSON
 * module: an invalid file stops `vite build` (and the dev server shows the error) instead of
 * reaching a user's browser.
 */
export function cataloguePlugin(dir: string): Plugin {
  const absolute = resolve(dir);
  // Every part comes from one reading of the files per build (and per change in the dev server).
  let split: ReturnType<typeof parts> | undefined;
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
      split ??= parts(loadCatalogueDir(absolute));
      const { list, details, incidentCounts } = split;
      const json = (part: unknown): string => JSON.stringify(JSON.stringify(part));
      if (id === RESOLVED_DETAILS) return `export default JSON.parse(${json(details)});`;
      // The Catalogue page says how many incidents each control is in before the details load.
      return (
        `export default JSON.parse(${json(list)});\n` +
        `export const incidentCounts = JSON.parse(${json(incidentCounts)});`
      );
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
