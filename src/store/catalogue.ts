import bundled from 'virtual:opsready/catalogue';
import type { Catalogue } from '../domain/catalogue/schema.ts';

/**
 * Validated when the app is built (scripts/catalogue-plugin.ts fails the build on any problem), so
 * it is not parsed again on every page load.
 */
export const bundledCatalogue = bundled as Catalogue;

export function useCatalogue(): Catalogue {
  return bundledCatalogue;
}
