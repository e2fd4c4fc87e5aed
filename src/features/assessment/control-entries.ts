import { useCallback, useSyncExternalStore } from 'react';
import type { Answer, Assessment, ControlMeta } from '../../domain/assessment/schema.ts';
import { selectActiveAssessment, useAppStore, type AppState } from '../../store/app-store.ts';

/** One control's answer and details in the open assessment. */
export type ControlEntry = readonly [Answer | undefined, ControlMeta | undefined];

type Listener = () => void;

const NONE: ControlEntry = [undefined, undefined];

/**
 * One store subscription shared by every card, which calls only the cards whose answer or details
 * changed. A subscription per card made every change (an answer, the undo history, a save) call a
 * thousand listeners on a large catalogue, each asking React to compare its card's value.
 */
export interface ControlEntries {
  readonly subscribe: (controlId: string, listener: Listener) => () => void;
  readonly entry: (controlId: string) => ControlEntry;
}

export function controlEntries(store: {
  readonly getState: () => AppState;
  readonly subscribe: (listener: (state: AppState, previous: AppState) => void) => () => void;
}): ControlEntries {
  const listeners = new Map<string, Set<Listener>>();
  // The pair last handed out per control, kept while its parts stay the same objects: React
  // compares entries by identity, so an unchanged control must get the same pair back.
  const entries = new Map<string, ControlEntry>();
  let stop: (() => void) | null = null;

  /** The cards of the controls whose value differs between two records of the assessment. */
  const collect = <T>(
    now: Readonly<Record<string, T>> | undefined,
    before: Readonly<Record<string, T>> | undefined,
    due: Set<Listener>,
  ): void => {
    if (now === before) return;
    const add = (id: string): void => listeners.get(id)?.forEach((l) => due.add(l));
    // The records' own keys, not every card's: most controls have no value in either, and
    // reading a key an object lacks is the slow case.
    for (const id in now) if (now[id] !== before?.[id]) add(id);
    for (const id in before) if (now === undefined || !Object.hasOwn(now, id)) add(id);
  };

  const changed = (now: Assessment | undefined, before: Assessment | undefined): void => {
    if (now === before) return;
    // Collected first: a listener may re-render and subscribe or unsubscribe cards.
    const due = new Set<Listener>();
    collect(now?.answers, before?.answers, due);
    collect(now?.meta, before?.meta, due);
    for (const listener of due) listener();
  };

  return {
    subscribe: (controlId, listener) => {
      stop ??= store.subscribe((state, previous) => {
        changed(selectActiveAssessment(state), selectActiveAssessment(previous));
      });
      let set = listeners.get(controlId);
      if (!set) listeners.set(controlId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size > 0) return;
        listeners.delete(controlId);
        entries.delete(controlId);
        if (listeners.size === 0) {
          stop?.();
          stop = null;
        }
      };
    },
    entry: (controlId) => {
      const active = selectActiveAssessment(store.getState());
      const answer = active?.answers[controlId];
      const meta = active?.meta[controlId];
      const last = entries.get(controlId) ?? NONE;
      if (last[0] === answer && last[1] === meta) return last;
      const next: ControlEntry = [answer, meta];
      entries.set(controlId, next);
      return next;
    },
  };
}

const appEntries = controlEntries(useAppStore);

/** The control's answer and details in the open assessment; re-renders only when they change. */
export function useControlEntry(controlId: string): ControlEntry {
  const subscribe = useCallback(
    (listener: Listener) => appEntries.subscribe(controlId, listener),
    [controlId],
  );
  const snapshot = useCallback(() => appEntries.entry(controlId), [controlId]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
