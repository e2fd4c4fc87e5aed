import { z } from 'zod';
import { assessmentSchema } from '../assessment/schema.ts';
import {
  fail,
  findUnsafeKeys,
  formatPath,
  ok,
  problemsFromZod,
  type Problem,
  type Result,
} from '../validation.ts';
import { defineHistory, migrate, type MigrationStep } from './migrations.ts';

/**
 * The versions of what the browser stores between visits, oldest first. When this shape changes,
 * name the new version here, append its step to the history below and add a frozen example of the
 * old version under tests/fixtures/persisted/ (a test refuses a version without one).
 */
export const StoredVersions = {
  Initial: 1,
  /** Per-control meta (target, owner, evidence, confidence, revisit) in each assessment. */
  ControlMeta: 2,
  /** An optional `workshop` per assessment and two optional follow-up fields in meta. */
  Workshop: 3,
} as const;

export const PERSISTED_VERSION = StoredVersions.Workshop;

export const persistedStateSchema = z
  .strictObject({
    assessments: z.record(z.string().min(1), assessmentSchema),
    activeAssessmentId: z.string().min(1).nullable(),
  })
  .superRefine((state, ctx) => {
    for (const [key, assessment] of Object.entries(state.assessments)) {
      if (assessment.id !== key) {
        ctx.addIssue({
          code: 'custom',
          path: ['assessments', key, 'id'],
          message: `expected "${key}", the key the assessment is stored under`,
        });
      }
    }
    if (state.activeAssessmentId !== null && !(state.activeAssessmentId in state.assessments)) {
      ctx.addIssue({
        code: 'custom',
        path: ['activeAssessmentId'],
        message: 'expected the id of a stored assessment, or null',
      });
    }
  });
export type PersistedState = z.infer<typeof persistedStateSchema>;

export type { MigrationStep };

export const STORED_HISTORY = defineHistory('data version', StoredVersions, [
  {
    from: StoredVersions.Initial,
    up: (state) => {
      if (!isRecord(state) || !isRecord(state.assessments)) return state;
      const assessments = Object.fromEntries(
        Object.entries(state.assessments).map(([id, a]) => [
          id,
          isRecord(a) && !('meta' in a) ? { ...a, meta: {} } : a,
        ]),
      );
      return { ...state, assessments };
    },
  },
  {
    // Version 2 data is already valid version 3 data; the step exists so that a build that only
    // knows version 2 refuses version 3 data by its version instead of by an unknown key.
    from: StoredVersions.ControlMeta,
    up: (state) => state,
  },
]);

/** Append-only: one step per released version. */
export const MIGRATIONS: readonly MigrationStep[] = STORED_HISTORY.steps;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SOURCE = 'saved data';

/** Checks the envelope the store writes: `{ "state": …, "version": n }`. */
export const storedEnvelopeSchema = z.object({
  state: z.unknown(),
  version: z.int().min(0),
});

/**
 * Brings stored state of any known version up to the current one and validates the result. Never
 * guesses: a version newer than this build, a missing step or an invalid result are reported.
 */
export function migratePersisted(
  state: unknown,
  fromVersion: number,
  steps: readonly MigrationStep[] = MIGRATIONS,
  currentVersion: number = PERSISTED_VERSION,
): Result<Restored> {
  const migrated = migrate(state, fromVersion, {
    label: STORED_HISTORY.label,
    current: currentVersion,
    steps,
  });
  if (migrated.ok) return restorePersisted(migrated.value);
  const { failure } = migrated;
  const message =
    failure.kind === 'newer'
      ? `saved by a newer version of OpsReady (data version ${failure.version}; this build reads up to ${currentVersion})`
      : failure.message;
  return fail([
    { source: SOURCE, path: failure.kind === 'step-failed' ? '(root)' : 'version', message },
  ]);
}

export interface Restored {
  readonly state: PersistedState;
  /** Assessments that were left out because they are invalid; the caller must back them up. */
  readonly dropped: readonly Problem[];
}

/**
 * Validates stored state. When only some assessments are invalid, the valid ones are kept and the
 * others reported, so one damaged assessment does not take every other one down with it.
 */
export function restorePersisted(state: unknown): Result<Restored> {
  const unsafe = findUnsafeKeys(SOURCE, state);
  if (unsafe.length > 0) return fail(unsafe);
  const whole = persistedStateSchema.safeParse(state);
  if (whole.success) return ok({ state: whole.data, dropped: [] });

  const shape = z
    .object({ assessments: z.record(z.string(), z.unknown()), activeAssessmentId: z.unknown() })
    .safeParse(state);
  if (!shape.success) return fail(problemsFromZod(SOURCE, whole.error));

  const kept: PersistedState['assessments'] = {};
  const dropped: Problem[] = [];
  for (const [key, value] of Object.entries(shape.data.assessments)) {
    const one = assessmentSchema.safeParse(value);
    if (one.success && one.data.id === key) {
      kept[key] = one.data;
    } else if (one.success) {
      dropped.push({
        source: SOURCE,
        path: formatPath(['assessments', key, 'id']),
        message: `expected "${key}", the key the assessment is stored under`,
      });
    } else {
      dropped.push(...problemsFromZod(SOURCE, one.error, ['assessments', key]));
    }
  }
  const active = shape.data.activeAssessmentId;
  const activeAssessmentId =
    typeof active === 'string' && active in kept ? active : (Object.keys(kept)[0] ?? null);
  return ok({ state: { assessments: kept, activeAssessmentId }, dropped });
}

/** Parses the raw text the store wrote; used before any migration so corrupt JSON is caught too. */
export function parseStoredText(raw: string): Result<z.infer<typeof storedEnvelopeSchema>> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    const problem: Problem = {
      source: SOURCE,
      path: '(root)',
      message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
    return fail([problem]);
  }
  const envelope = storedEnvelopeSchema.safeParse(json);
  return envelope.success ? ok(envelope.data) : fail(problemsFromZod(SOURCE, envelope.error));
}
