import * as z from '../zod.ts';
import { assessmentSchema } from '../assessment/schema.ts';
import { isReservedId } from '../ids.ts';
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
  /** An optional `architecture` (what the team does not operate) per assessment. */
  Architecture: 4,
  /**
   * Optional direct framework answers per assessment, and in the workshop: action status,
   * evidence link and edit time, who agrees, controls discussed, auditor verifications.
   */
  FollowUp: 5,
  /** An optional `funds` per assessment: what each funds pool holds, for the dollar view. */
  Funds: 6,
} as const;

export const PERSISTED_VERSION = StoredVersions.Funds;

export const persistedStateSchema = z
  .strictObject({
    assessments: z.record(z.string().check(z.minLength(1)), assessmentSchema),
    activeAssessmentId: z.nullable(z.string().check(z.minLength(1))),
  })
  .check(
    z.superRefine((state, ctx) => {
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
    }),
  );
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
  {
    // Without `architecture` an assessment operates everything, which is how version 3 scored it.
    from: StoredVersions.Workshop,
    up: (state) => state,
  },
  {
    // Everything 5 added is optional and means what its absence meant in version 4 (an action
    // without a status is open; nothing discussed or verified yet).
    from: StoredVersions.Architecture,
    up: (state) => state,
  },
  {
    // Version 5 assessments state no funds, which is what an assessment without `funds` means.
    from: StoredVersions.FollowUp,
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
  version: z.int().check(z.gte(0)),
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
 * others reported, so one damaged assessment does not take every other one down with it. That
 * holds for an entry stored under a key that reaches the prototype (`constructor`) or holding one:
 * that entry is left out and reported, the others load. The caller backs up the text it read.
 */
export function restorePersisted(state: unknown): Result<Restored> {
  const unsafe = findUnsafeKeys(SOURCE, state);
  const whole = persistedStateSchema.safeParse(state);
  if (unsafe.length === 0 && whole.success) return ok({ state: whole.data, dropped: [] });
  if (!isRecord(state) || !isRecord(state.assessments)) {
    return fail(unsafe.length > 0 || whole.success ? unsafe : problemsFromZod(SOURCE, whole.error));
  }
  // Unsafe keys outside the assessments belong to no entry that could be left out on its own.
  const { assessments, ...rest } = state;
  const outside = findUnsafeKeys(SOURCE, rest);
  if (outside.length > 0) return fail(outside);

  const kept: PersistedState['assessments'] = {};
  const dropped: Problem[] = [];
  for (const [key, value] of Object.entries(assessments)) {
    const problems = entryProblems(key, value);
    if (problems.length > 0) dropped.push(...problems);
    else kept[key] = assessmentSchema.parse(value);
  }
  const active = state.activeAssessmentId;
  const activeAssessmentId =
    typeof active === 'string' && Object.hasOwn(kept, active)
      ? active
      : (Object.keys(kept)[0] ?? null);
  return ok({ state: { assessments: kept, activeAssessmentId }, dropped });
}

/** Why one stored entry cannot be kept: its key, a key inside it, its shape or its id. */
function entryProblems(key: string, value: unknown): Problem[] {
  if (isReservedId(key)) {
    return [
      {
        source: SOURCE,
        path: formatPath(['assessments', key]),
        message: `the key "${key}" is not allowed; this entry was left out`,
      },
    ];
  }
  const unsafe = findUnsafeKeys(SOURCE, { assessments: { [key]: value } });
  if (unsafe.length > 0) return unsafe;
  const one = assessmentSchema.safeParse(value);
  if (!one.success) return problemsFromZod(SOURCE, one.error, ['assessments', key]);
  if (one.data.id !== key) {
    return [
      {
        source: SOURCE,
        path: formatPath(['assessments', key, 'id']),
        message: `expected "${key}", the key the assessment is stored under`,
      },
    ];
  }
  return [];
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
