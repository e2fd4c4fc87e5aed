import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Answer, Assessment } from '../domain/assessment/schema.ts';
import {
  migratePersisted,
  PERSISTED_VERSION,
  validatePersisted,
  type PersistedState,
} from '../domain/persistence/persisted.ts';
import type { Problem } from '../domain/validation.ts';
import { bundledCatalogue } from './catalogue.ts';
import { usePersistenceStatus } from './persistence-status.ts';
import { createGuardedStorage, PersistLoadError, type GuardedStorage } from './storage.ts';

export const STORAGE_KEY = 'opsready:state';
export const BACKUP_KEY_PREFIX = 'opsready:backup:';

export type AssessmentDetails = Pick<Assessment, 'name' | 'organisation' | 'scope' | 'assessors'>;

export interface AppActions {
  /** Sets or clears (null) the answer to one control of the active assessment. */
  setAnswer: (controlId: string, answer: Answer | null) => void;
  updateDetails: (details: AssessmentDetails) => void;
  /** Adds a validated assessment; returns false and changes nothing if the id is taken. */
  addAssessment: (assessment: Assessment) => boolean;
  setActiveAssessment: (id: string) => void;
}

export type AppState = PersistedState & AppActions;

export interface AppStoreOptions {
  readonly storage?: GuardedStorage;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export function newAssessment(id: string, now: Date, name = 'My assessment'): Assessment {
  const stamp = now.toISOString();
  return {
    id,
    name,
    organisation: '',
    scope: '',
    assessors: [],
    catalogue: { id: bundledCatalogue.meta.id, version: bundledCatalogue.meta.version },
    createdAt: stamp,
    updatedAt: stamp,
    answers: {},
  };
}

function problemsOf(error: unknown): readonly Problem[] {
  if (error instanceof PersistLoadError) return error.problems;
  return [
    {
      source: 'saved data',
      path: '(root)',
      message: error instanceof Error ? error.message : String(error),
    },
  ];
}

export function createAppStore({
  storage = createGuardedStorage(() => window.localStorage),
  now = () => new Date(),
  newId = () => crypto.randomUUID(),
}: AppStoreOptions = {}) {
  const first = newAssessment(newId(), now());

  /** Copies unreadable saved data aside before anything can overwrite it, and tells the user. */
  const onLoadFailure = (error: unknown): void => {
    const raw = storage.lastRaw();
    let backupKey: string | null = null;
    if (raw !== null) {
      const key = `${BACKUP_KEY_PREFIX}${now().toISOString()}`;
      try {
        storage.backingStore().setItem(key, raw);
        backupKey = key;
      } catch {
        backupKey = null;
      }
    }
    usePersistenceStatus.setState({
      loadFailure: { problems: problemsOf(error), backupKey, raw },
      writesSuspended: raw !== null && backupKey === null,
    });
  };

  return create<AppState>()(
    persist(
      (set) => {
        const updateActive = (change: (a: Assessment) => Assessment): void => {
          set((state) => {
            const id = state.activeAssessmentId;
            const current = id === null ? undefined : state.assessments[id];
            if (id === null || current === undefined) return state;
            const next = { ...change(current), updatedAt: now().toISOString() };
            return { assessments: { ...state.assessments, [id]: next } };
          });
        };
        return {
          assessments: { [first.id]: first },
          activeAssessmentId: first.id,
          setAnswer: (controlId, answer) => {
            updateActive((a) => {
              const answers = Object.fromEntries(
                Object.entries(a.answers).filter(([id]) => id !== controlId),
              );
              if (answer !== null) answers[controlId] = answer;
              return { ...a, answers };
            });
          },
          updateDetails: (details) => {
            updateActive((a) => ({ ...a, ...details }));
          },
          addAssessment: (assessment) => {
            let added = false;
            set((state) => {
              if (assessment.id in state.assessments) return state;
              added = true;
              return {
                assessments: { ...state.assessments, [assessment.id]: assessment },
                activeAssessmentId: assessment.id,
              };
            });
            return added;
          },
          setActiveAssessment: (id) => {
            set((state) => (id in state.assessments ? { activeAssessmentId: id } : state));
          },
        };
      },
      {
        name: STORAGE_KEY,
        version: PERSISTED_VERSION,
        storage,
        partialize: (state): PersistedState => ({
          assessments: state.assessments,
          activeAssessmentId: state.activeAssessmentId,
        }),
        migrate: (stored, version) => {
          const result = migratePersisted(stored, version);
          if (!result.ok) throw new PersistLoadError(result.problems);
          // Keep the pre-migration text: a migration bug must never cost a user their answers.
          const raw = storage.lastRaw();
          if (raw !== null) {
            storage.backingStore().setItem(`${STORAGE_KEY}:before-v${PERSISTED_VERSION}`, raw);
          }
          return result.value;
        },
        merge: (stored, current) => {
          if (stored === undefined) return current;
          const result = validatePersisted(stored);
          if (!result.ok) throw new PersistLoadError(result.problems);
          return { ...current, ...result.value };
        },
        onRehydrateStorage: () => (_state, error) => {
          if (error !== undefined) onLoadFailure(error);
        },
      },
    ),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

export const useAppStore: AppStore = createAppStore();

export function selectActiveAssessment(state: AppState): Assessment | undefined {
  return state.activeAssessmentId === null
    ? undefined
    : state.assessments[state.activeAssessmentId];
}
