import {
  createElement,
  Suspense,
  use,
  useEffect,
  useSyncExternalStore,
  type ComponentType,
} from 'react';
import { loadBundledFrameworks } from '../store/bundled-frameworks.ts';
import { bundledCatalogue, loadCatalogueDetails } from '../store/catalogue.ts';

export const ROUTES = [
  { path: 'catalogue', label: 'Catalogue' },
  { path: 'assessment', label: 'Assessment' },
  { path: 'workshop', label: 'Workshop' },
  { path: 'report', label: 'Report' },
  { path: 'readiness', label: 'Frameworks' },
] as const;

export type RoutePath = (typeof ROUTES)[number]['path'];

/**
 * Hash routes, so the built files work from any static host or folder without rewrite rules.
 * Unknown hashes fall back to the catalogue, the page a newcomer should see first.
 */
export function parseRoute(hash: string): RoutePath {
  const path = hash.replace(/^#\/?/, '');
  // A live room's link (`#/room/<key>.<facilitator>`) opens in the Workshop page's chunk, which
  // shows the participant's view: a route of its own would change the first load's chunks.
  if (path.startsWith('room/')) return 'workshop';
  return ROUTES.find((r) => r.path === path)?.path ?? 'catalogue';
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): RoutePath {
  return useSyncExternalStore(subscribe, () => parseRoute(window.location.hash));
}

let firstDrawn: () => void = () => undefined;
/** Settles once the first page the app draws is on screen (committed, its effects run). */
const firstPageDrawn = new Promise<void>((resolve) => {
  firstDrawn = resolve;
});

/** A page's component, telling `firstPageDrawn` once it is committed. */
function Drawn({ page }: { readonly page: ComponentType }) {
  useEffect(() => firstDrawn(), []);
  return createElement(page);
}

/**
 * Each page is its own chunk, so the first load carries only the page on screen. A page is drawn
 * from its module as soon as that has loaded, without suspending: `React.lazy` alone suspends on
 * the first render of every page, and the user saw the fallback before the page even when the code
 * was already there.
 */
interface PageModule {
  readonly Page: ComponentType;
  readonly preload: () => Promise<ComponentType>;
}

/**
 * A page may show or score the built-in catalogue's details, so it waits for them too, unless it
 * waits for them itself, only where it shows them (`ownDetails`).
 */
function pageModule(
  load: () => Promise<ComponentType>,
  { ownDetails = false }: { readonly ownDetails?: boolean } = {},
): PageModule {
  let loaded: ComponentType | undefined;
  let pending: Promise<ComponentType> | undefined;
  const preload = (): Promise<ComponentType> => {
    pending ??= (
      ownDetails
        ? load()
        : Promise.all([load(), loadCatalogueDetails(bundledCatalogue)]).then(([c]) => c)
    ).then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        // A chunk that failed to arrive (the network dropped before the first visit finished) is
        // asked for again the next time the page is opened.
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  function Suspending() {
    return createElement(Drawn, { page: use(preload()) });
  }
  function Page() {
    if (loaded) return createElement(Drawn, { page: loaded });
    // Only a page opened before its code arrived waits, and then the space stays empty rather
    // than flashing a placeholder: the header and navigation are already drawn.
    return createElement(Suspense, { fallback: null }, createElement(Suspending));
  }
  return { Page, preload };
}

const MODULES: Readonly<Record<RoutePath, PageModule>> = {
  // The page the app opens on draws its list from the catalogue's list part, and asks for the
  // details once that is on screen: their 360 KB of JSON are not parsed before the first paint.
  catalogue: pageModule(
    () => import('../features/catalogue/CataloguePage.tsx').then((m) => m.CataloguePage),
    { ownDetails: true },
  ),
  assessment: pageModule(() =>
    import('../features/assessment/AssessmentPage.tsx').then((m) => m.AssessmentPage),
  ),
  workshop: pageModule(() =>
    import('../features/workshop/WorkshopPage.tsx').then((m) => m.WorkshopPage),
  ),
  // The two pages that read the framework crosswalks wait for them as well.
  report: pageModule(() =>
    Promise.all([import('../features/report/ReportPage.tsx'), loadBundledFrameworks()]).then(
      ([m]) => m.ReportPage,
    ),
  ),
  readiness: pageModule(() =>
    Promise.all([import('../features/readiness/ReadinessPage.tsx'), loadBundledFrameworks()]).then(
      ([m]) => m.ReadinessPage,
    ),
  ),
};

export const PAGES: Readonly<Record<RoutePath, ComponentType>> = {
  catalogue: MODULES.catalogue.Page,
  assessment: MODULES.assessment.Page,
  workshop: MODULES.workshop.Page,
  report: MODULES.report.Page,
  readiness: MODULES.readiness.Page,
};

/** Loads every page's code; resolves when all of it is there. */
export function preloadPages(): Promise<void> {
  return Promise.all(ROUTES.map((r) => MODULES[r.path].preload())).then(() => undefined);
}

/**
 * The page the address names is fetched at once, while the rest of the app starts; the others
 * once it is on screen and the browser is idle, so a click on the navigation never waits for the
 * network (and the service worker has them for offline use). Not sooner: the idle callback's
 * timeout fired while React was still drawing the Catalogue page, in slices, and the details the
 * other pages wait for were parsed before its first paint.
 */
function preloadAtStart(): void {
  if (typeof window === 'undefined') return;
  const rest = (): void => void preloadPages().catch(() => undefined);
  const later = (): void => {
    if (typeof window.requestIdleCallback === 'function')
      window.requestIdleCallback(rest, { timeout: 2_000 });
    else setTimeout(rest, 200);
  };
  // A failure shows where the page is drawn; here it only must not stop the others loading.
  MODULES[parseRoute(window.location.hash)]
    .preload()
    .then(() => firstPageDrawn)
    .then(later, later);
}

preloadAtStart();
