import type { Page } from '@playwright/test';

/**
 * The app's saved state as the browser holds it (IndexedDB database "opsready", object store
 * "state"), read in the page. Never creates the database: an empty one without the store would
 * be a different starting point from a first visit.
 */
export async function savedText(page: Page, key = 'opsready:state'): Promise<string | null> {
  return page.evaluate(async (wanted) => {
    const known = await indexedDB.databases();
    if (!known.some((d) => d.name === 'opsready')) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('opsready');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    try {
      if (!db.objectStoreNames.contains('state')) return null;
      const value = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('state', 'readonly').objectStore('state').get(wanted);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
      return typeof value === 'string' ? value : null;
    } finally {
      db.close();
    }
  }, key);
}

/** The saved state, parsed; `{}` when nothing is saved. */
export async function savedState<T>(page: Page): Promise<T> {
  return JSON.parse((await savedText(page)) ?? '{}') as T;
}

/** Everything the app saved, gone, as on a new machine (the page should be reloaded after). */
export async function clearSaved(page: Page): Promise<void> {
  await page.evaluate(async () => {
    localStorage.clear();
    const known = await indexedDB.databases();
    if (!known.some((d) => d.name === 'opsready')) return;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('opsready');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    try {
      if (!db.objectStoreNames.contains('state')) return;
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('state', 'readwrite');
        tx.objectStore('state').clear();
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('clear failed'));
      });
    } finally {
      db.close();
    }
  });
}
