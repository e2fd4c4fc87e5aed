import { useEffect, useRef } from 'react';
import { PersistenceBanner } from '../components/PersistenceBanner.tsx';
import { StorageSpace } from '../components/StorageSpace.tsx';
import { UpdateBanner } from '../components/UpdateBanner.tsx';
import { PAGES, ROUTES, useRoute } from './routes.ts';

export function App() {
  const route = useRoute();
  const Page = PAGES[route];
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // Moving focus to the new page tells keyboard and screen-reader users that the page changed.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [route]);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash holds the route, so the link must not change it.
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">OpsReady</span>
          <span className="brand-tagline">Operational security readiness</span>
        </div>
        <nav aria-label="Main">
          <ul>
            {ROUTES.map((r) => (
              <li key={r.path}>
                <a href={`#/${r.path}`} aria-current={route === r.path ? 'page' : undefined}>
                  {r.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <PersistenceBanner />
      <UpdateBanner />
      <main id="main" ref={main} tabIndex={-1}>
        <Page />
      </main>
      <footer className="app-footer">
        Everything stays in this browser: nothing is sent anywhere unless you export it.
        <StorageSpace />
      </footer>
    </>
  );
}
