import { describe, expect, it } from 'vitest';
import { bundledCatalogue, bundledCatalogueReady } from '../../src/store/catalogue.ts';
import { bundledCatalogue as loadedFromFiles } from '../fixtures/catalogue.ts';

describe('the built-in catalogue the app starts with', () => {
  it('is, once its details have loaded, the catalogue in controls/ field for field', async () => {
    expect(await bundledCatalogueReady).toBe(bundledCatalogue);
    // Through JSON, so the getters are read and compared as the data they return.
    expect(JSON.parse(JSON.stringify(bundledCatalogue))).toStrictEqual(
      JSON.parse(JSON.stringify(loadedFromFiles())),
    );
    expect(bundledCatalogue.incidents.length).toBeGreaterThan(0);
    expect(bundledCatalogue.controls[0]?.rationale).toEqual(
      loadedFromFiles().controls[0]?.rationale,
    );
  });
});
