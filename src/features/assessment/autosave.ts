import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Long enough that a word is one save, short enough that a pause is saved before anyone leaves. */
export const AUTOSAVE_DELAY_MS = 400;

export type AutosaveState = 'idle' | 'pending' | 'saved' | 'invalid';

export interface Autosave {
  /** Saves after the person stops typing for the delay; each call restarts the wait. */
  readonly schedule: () => void;
  /** Saves now what is waiting, if anything is. */
  readonly flush: () => void;
  /** True while a change waits for the delay. */
  readonly pending: () => boolean;
  readonly state: AutosaveState;
}

/**
 * Saves a form as it is typed: a short wait after the last keystroke, and at once when focus
 * leaves the form (the caller flushes on blur), when the page is hidden or left (pagehide,
 * beforeunload, a hidden tab) and when the form goes away (a route change unmounts it). `save`
 * returns false when a value does not pass its check: that value is not saved (the others are)
 * and the state says so.
 */
export function useAutosave(save: () => boolean, delay: number = AUTOSAVE_DELAY_MS): Autosave {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  const [state, setState] = useState<AutosaveState>('idle');
  const mounted = useRef(true);
  useLayoutEffect(() => {
    saveRef.current = save;
  });

  const flush = useCallback(() => {
    if (timer.current === null) return;
    clearTimeout(timer.current);
    timer.current = null;
    const ok = saveRef.current();
    if (mounted.current) setState(ok ? 'saved' : 'invalid');
  }, []);

  const schedule = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(flush, delay);
    setState('pending');
  }, [flush, delay]);

  const pending = useCallback(() => timer.current !== null, []);

  useEffect(() => {
    mounted.current = true;
    const onHidden = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onHidden);
      mounted.current = false;
      flush();
    };
  }, [flush]);

  return { schedule, flush, pending, state };
}

/** What the status next to an autosaved form says. */
export function autosaveText(state: AutosaveState): string {
  switch (state) {
    case 'idle':
      return '';
    case 'pending':
      return 'Saving…';
    case 'saved':
      return 'Saved.';
    case 'invalid':
      return 'The field marked above is not saved until it is corrected.';
  }
}
