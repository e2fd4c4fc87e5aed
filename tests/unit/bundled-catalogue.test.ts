import { describe, expect, it } from 'vitest';
import { bundledCatalogue, bundledCatalogueReady } from '../../src/store/catalogue.ts';
import { bundledCatalogue as loadedFromFiles } from '../fixtures/catalogue.ts';

describe('the built-in catalogue the app starts with', () => {
  // The details module is built on first import by reading and validating every file in
  // controls/, which took 5.5 s on a loaded two-core machine: slowness is not what this checks.
  it(
    'is, once its details have loaded, the catalogue in controls/ field for field',
    { timeout: 60_000 },
    async () => {
      expect(await bundledCatalogueReady).toBe(bundledCatalogue);
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
