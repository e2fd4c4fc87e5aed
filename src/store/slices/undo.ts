import { withRestored } from '../../domain/assessment/changes.ts';
import type { Answer, ControlMeta } from '../../domain/assessment/schema.ts';
import type { AppState, Slice, SliceDeps } from '../types.ts';
import { activeOf } from './shared.ts';

/**
 * One reversible change: the value a control had before. Undo puts back that one value, so it
 * cannot wipe out changes made since to other controls, here or in another tab.
 */
export interface UndoEntry {
  readonly assessmentId: string;
  readonly controlId: string;
  readonly kind: 'answer' | 'meta';
  readonly before: Answer | ControlMeta | undefined;
}

export interface UndoState {
  readonly history: readonly UndoEntry[];
}

export interface UndoSlice extends UndoState {
  /** Reverses the most recent answer or meta change still on the history. */
  undo: () => UndoEntry | null;
}

/** How many changes undo can reach back; kept in memory only, for this tab's session. */
export const UNDO_DEPTH = 50;

/** Puts the control's current value on the undo history before it changes. */
export function remember(
  get: () => AppState,
  set: (change: (state: AppState) => Partial<AppState>) => void,
  controlId: string,
  kind: UndoEntry['kind'],
): void {
  const state = get();
  const current = activeOf(state);
  if (state.activeAssessmentId === null || !current) return;
  const before = kind === 'answer' ? current.answers[controlId] : current.meta[controlId];
  const entry: UndoEntry = { assessmentId: state.activeAssessmentId, controlId, kind, before };
  set((s) => ({ history: [...s.history, entry].slice(-UNDO_DEPTH) }));
}

export const createUndoSlice =
  ({ now }: SliceDeps): Slice<UndoSlice> =>
  (set, get) => ({
    history: [],
    undo: () => {
      // Entries for assessments deleted since are dropped, not reported as undone.
      const live = get().history.filter((e) => Object.hasOwn(get().assessments, e.assessmentId));
      if (live.length !== get().history.length) set({ history: live });
      const entry = live[live.length - 1];
      if (!entry) return null;
      set((state) => {
        const target = state.assessments[entry.assessmentId];
        const rest = { history: state.history.slice(0, -1) };
        if (!target) return rest;
        const field = entry.kind === 'answer' ? 'answers' : 'meta';
        const restored = {
          ...withRestored(target, field, entry.controlId, entry.before),
          updatedAt: now().toISOString(),
        };
        return {
          ...rest,
          activeAssessmentId: entry.assessmentId,
          assessments: { ...state.assessments, [entry.assessmentId]: restored },
        };
      });
      return entry;
    },
  });
