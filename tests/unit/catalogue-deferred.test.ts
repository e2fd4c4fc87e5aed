import { describe, expect, it } from 'vitest';
import { countIncidents, splitCatalogue } from '../../src/domain/catalogue/details.ts';
import {
  catalogueDetailsError,
  catalogueDetailsLoaded,
  catalogueIncidentCounts,
  loadCatalogueDetails,
  withDeferredDetails,
} from '../../src/store/catalogue.ts';
import { bundledCatalogue } from '../fixtures/catalogue.ts';

/** A promise the test settles when it likes, and how often it was asked for. */
function heldBack<T>() {
  const asked: { resolve: (value: T) => void; reject: (error: Error) => void }[] = [];
  const fetch = (): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      asked.push({ resolve, reject });
    });
  return { fetch, asked };
}

describe('a catalogue whose details come later', () => {
  const whole = bundledCatalogue();
  const { list, details } = splitCatalogue(whole);

  it('answers its list at once, throws on a detail, and is whole once they arrive', async () => {
    const held = heldBack<unknown>();
    const catalogue = withDeferredDetails(list, countIncidents(whole), held.fetch);
    expect(catalogue.controls.map((c) => c.title)).toEqual(whole.controls.map((c) => c.title));
    expect(catalogueDetailsLoaded(catalogue)).toBe(false);
    expect(() => catalogue.controls[0]?.rationale).toThrow(
      /^rationale of [A-Z]+-\d+ of the built-in catalogue was read before its details loaded/,
    );
    expect(() => catalogue.meta.changelog).toThrow(/^The changelog of the built-in catalogue/);
    // Nothing is fetched until something asks, and two asks fetch once.
    expect(held.asked).toHaveLength(0);
    const first = loadCatalogueDetails(catalogue);
    const second = loadCatalogueDetails(catalogue);
    expect(held.asked).toHaveLength(1);
    held.asked[0]?.resolve(details);
    expect(await first).toBe(catalogue);
    expect(await second).toBe(catalogue);
    expect(catalogueDetailsLoaded(catalogue)).toBe(true);
    expect(JSON.parse(JSON.stringify(catalogue))).toStrictEqual(JSON.parse(JSON.stringify(whole)));
    // Loaded: asking again fetches nothing.
    await loadCatalogueDetails(catalogue);
    expect(held.asked).toHaveLength(1);
  });

  it('says why the details failed to arrive, and fetches them again when asked', async () => {
    const held = heldBack<unknown>();
    const catalogue = withDeferredDetails(list, countIncidents(whole), held.fetch);
    const failed = loadCatalogueDetails(catalogue);
    held.asked[0]?.reject(new Error('Failed to fetch dynamically imported module'));
    await expect(failed).rejects.toThrow('Failed to fetch dynamically imported module');
    expect(catalogueDetailsLoaded(catalogue)).toBe(false);
    expect(catalogueDetailsError(catalogue)).toBe('Failed to fetch dynamically imported module');
    expect(() => catalogue.incidents).toThrow(/read before its details loaded/);

    const again = loadCatalogueDetails(catalogue);
    expect(held.asked).toHaveLength(2);
    expect(catalogueDetailsError(catalogue)).toBeNull();
    held.asked[1]?.resolve(details);
    await again;
    expect(catalogue.incidents).toStrictEqual(whole.incidents);
  });

  it('counts incidents from its list part before its details load, and any other catalogue from its incidents', () => {
    const counts = { total: 99, byControl: { 'KEY-01': 7 } };
    const catalogue = withDeferredDetails(list, counts, () => Promise.resolve(details));
    // The counts it was made with, not a recount (which would throw: no incidents yet).
    expect(catalogueIncidentCounts(catalogue)).toBe(counts);
    expect(catalogueIncidentCounts(whole)).toStrictEqual(countIncidents(whole));
    expect(catalogueDetailsLoaded(whole)).toBe(true);
    expect(catalogueDetailsError(whole)).toBeNull();
  });
});
