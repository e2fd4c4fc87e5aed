import { describe, expect, it } from 'vitest';
import { incidentsForControl } from '../../src/domain/catalogue/coverage.ts';
import {
  bundledCatalogue,
  catalogueDetailsLoaded,
  catalogueIncidentCounts,
  loadCatalogueDetails,
} from '../../src/store/catalogue.ts';
import { bundledCatalogue as loadedFromFiles } from '../fixtures/catalogue.ts';

describe('the built-in catalogue the app starts with', () => {
  // Before the next test loads the details: the Catalogue page's first paint reads these.
  it('says how many incidents each control is in before its details have loaded', () => {
    expect(catalogueDetailsLoaded(bundledCatalogue)).toBe(false);
    expect(() => bundledCatalogue.incidents).toThrow(/read before its details loaded/);
    const full = loadedFromFiles();
    const counts = catalogueIncidentCounts(bundledCatalogue);
    for (const control of full.controls) {
      expect(counts.byControl[control.id] ?? 0, control.id).toBe(
        incidentsForControl(full, control.id).length,
      );
    }
    expect(counts.total).toBe(full.incidents.length);
    expect(Object.keys(counts.byControl).length).toBeGreaterThan(10);
  });

  // The details module is built on first import by reading and validating every file in
  // controls/, which took 5.5 s on a loaded two-core machine: slowness is not what this checks.
  it(
    'is, once its details have loaded, the catalogue in controls/ field for field',
    { timeout: 60_000 },
    async () => {
      expect(await loadCatalogueDetails(bundledCatalogue)).toBe(bundledCatalogue);
      // Through JSON, so the getters are read and compared as the data they return.
      expect(JSON.parse(JSON.stringify(bundledCatalogue))).toStrictEqual(
        JSON.parse(JSON.stringify(loadedFromFiles())),
      );
      expect(bundledCatalogue.incidents.length).toBeGreaterThan(0);
      expect(bundledCatalogue.controls[0]?.rationale).toEqual(
        loadedFromFiles().controls[0]?.rationale,
      );
    },
  );
});
