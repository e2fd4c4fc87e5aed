import type { ReactNode } from 'react';
import { usePersistenceStatus } from '../store/persistence-status.ts';

/**
 * Shows the app once the saved assessments are read. Saved state now loads asynchronously
 * (IndexedDB), and a page that took clicks before it would show a blank assessment the load then
 * replaces, with those clicks gone.
 */
export function LoadGate({ children }: { readonly children: ReactNode }) {
  const loaded = usePersistenceStatus((s) => s.loaded);
  if (loaded) return children;
  return (
    <p className="load-gate" role="status">
      Opening your saved assessments…
    </p>
  );
}
