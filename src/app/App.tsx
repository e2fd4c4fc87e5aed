import { useEffect, useRef } from 'react';
import { FirstVisit } from '../components/FirstVisit.tsx';
import { PersistenceBanner } from '../components/PersistenceBanner.tsx';
import { StorageSpace } from '../components/StorageSpace.tsx';
import { UpdateBanner } from '../components/UpdateBanner.tsx';
import { PageBoundary } from './PageBoundary.tsx';
import { PAGES, ROUTES, useRoute } from './routes.ts';

export function App() {
  const route = useRoute();
  const Page = PAGES[route];
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // Moving focus to the new page tells keyboard and screen-reader users that the page changed.
  // Focusing alone would scroll the main area to the top of the window and push the header and
  // its navigation off screen, so the focus does not scroll and the page starts at its top.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    (document.scrollingElement ?? document.documentElement).scrollTop = 0;
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
        {/* The page a newcomer lands on says what to do first. */}
        {route === 'catalogue' && <FirstVisit where="start" />}
        {/* Keyed by route: another page starts without the failure of the last. */}
        <PageBoundary key={route}>
          <Page />
        </PageBoundary>
      </main>
      <footer className="app-footer">
        {/* A live room does send answers, end-to-end encrypted: the promise says so, or it is false
            on the one page where people most need it to be true. */}
        Everything stays in this browser: nothing is sent anywhere unless you export it, or open or
        join a live room, whose messages only the people in it can read.
        <StorageSpace />
      </footer>
    </>
  );
}
