// The app saves to IndexedDB; jsdom has none, so the tests run on fake-indexeddb, a complete
// implementation of the standard (transactions included), installed before the store is created.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { preloadPages } from '../../src/app/routes.ts';
import { useAppStore } from '../../src/store/app-store.ts';
import { useCatalogueStore } from '../../src/store/catalogue.ts';
import { usePersistenceStatus } from '../../src/store/persistence-status.ts';
import type { GuardedStorage } from '../../src/store/storage.ts';

const appStorage = useAppStore.persist.getOptions().storage as GuardedStorage;

// Pages are separate chunks in the app; here every page is loaded before the first test, as the
// app preloads them all after the first paint, so a test renders a page at once.
beforeAll(() => preloadPages());

beforeEach(async () => {
  // What the last test asked to save lands before the slate is wiped, not in this test.
  await appStorage.flush();
  for (const key of await appStorage.backend.keys()) await appStorage.backend.remove(key);
  window.localStorage.clear();
  window.location.hash = '';
  useAppStore.setState(useAppStore.getInitialState(), true);
  useCatalogueStore.setState(useCatalogueStore.getInitialState(), true);
  usePersistenceStatus.setState(usePersistenceStatus.getInitialState(), true);
  await useAppStore.persist.rehydrate();
  await appStorage.flush();
});

afterEach(() => {
  cleanup();
});

// jsdom 27 lacks two standard browser APIs the app uses; these stand in for them in tests only.
if (!('text' in Blob.prototype)) {
  Object.defineProperty(Blob.prototype, 'text', {
    value(this: Blob): Promise<string> {
      return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
        reader.onerror = () => reject(reader.error ?? new Error('read failed'));
        reader.readAsText(this);
      });
    },
  });
}
if (!('scrollIntoView' in Element.prototype)) {
  // Nothing to scroll in jsdom: there is no layout.
  Object.defineProperty(Element.prototype, 'scrollIntoView', { value: () => undefined });
}
