import { useSyncExternalStore } from 'react';

export const ROUTES = [
  { path: 'catalogue', label: 'Catalogue' },
  { path: 'assessment', label: 'Assessment' },
  { path: 'workshop', label: 'Workshop' },
  { path: 'report', label: 'Report' },
] as const;

export type RoutePath = (typeof ROUTES)[number]['path'];

/**
 * Hash routes, so the built files work from any static host or folder without rewrite rules.
 * Unknown hashes fall back to the catalogue, the page a newcomer should see first.
 */
export function parseRoute(hash: string): RoutePath {
  const path = hash.replace(/^#\/?/, '');
  return ROUTES.find((r) => r.path === path)?.path ?? 'catalogue';
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): RoutePath {
  return useSyncExternalStore(subscribe, () => parseRoute(window.location.hash));
}
