import { useEffect, useState } from 'react';

type Apply = () => Promise<void>;

let registration: Promise<void> | undefined;
const listeners = new Set<(apply: Apply) => void>();
let waiting: Apply | undefined;

/**
 * Registers the service worker once per page, after the first paint: the registration code is its
 * own chunk, fetched once the app is on screen. A new version waits until the user chooses to
 * reload; it is never swapped in by itself, so nobody loses their place in the middle of an
 * assessment or a workshop.
 */
function register(): void {
  if (registration || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  registration = import('virtual:pwa-register').then(({ registerSW }) => {
    const update = registerSW({
      onNeedRefresh: () => {
        waiting = () => update(true);
        for (const listener of listeners) listener(waiting);
      },
    });
  });
}

/** Says a new version is ready and applies it on reload, when the user asks for it. */
export function UpdateBanner() {
  const [apply, setApply] = useState<Apply | undefined>(() => waiting);
  const [later, setLater] = useState(false);
  useEffect(() => {
    const listener = (next: Apply): void => setApply(() => next);
    listeners.add(listener);
    register();
    return () => {
      listeners.delete(listener);
    };
  }, []);
  if (!apply || later) return null;
  return (
    <div className="banners">
      <section className="banner" role="status" aria-labelledby="update-title">
        <h2 id="update-title">A new version of OpsReady is ready</h2>
        <p>
          Your work is saved in this browser. The new version starts when you reload; until then
          this one keeps running as it is.
        </p>
        <p className="banner-actions">
          <button type="button" onClick={() => void apply()}>
            Reload now
          </button>
          <button type="button" className="link-button" onClick={() => setLater(true)}>
            Later
          </button>
        </p>
      </section>
    </div>
  );
}
