import type { Frameworks } from '../domain/frameworks/schema.ts';

/**
 * The SEAL and CCSS crosswalks, validated against the catalogue when the app was built
 * (scripts/build/catalogue-plugin.ts), so they are not parsed again on every load. They are read
 * only by the Readiness and Report pages, which wait for `loadBundledFrameworks` before they are
 * drawn (src/app/routes.ts): about a fifth of the first load before they were split off, and
 * nothing the first page shows.
 */
let loaded: Frameworks | undefined;
let pending: Promise<Frameworks> | undefined;

/** Loads the crosswalks once; a failed load (the network dropped) is tried again next time. */
export function loadBundledFrameworks(): Promise<Frameworks> {
  pending ??= import('virtual:opsready/frameworks').then(
    (m) => (loaded = m.default as Frameworks),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}

function read(): Frameworks {
  if (!loaded) {
    throw new Error(
      'the framework crosswalks were read before they loaded (wait for loadBundledFrameworks)',
    );
  }
  return loaded;
}

/**
 * One object from the start, so it can be passed around and compared before the data is there;
 * reading a crosswalk before it has loaded throws instead of answering with nothing.
 */
export const bundledFrameworks: Frameworks = Object.defineProperties({} as Frameworks, {
  seal: { enumerable: true, get: () => read().seal },
  ccss: { enumerable: true, get: () => read().ccss },
});
