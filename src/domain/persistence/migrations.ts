/**
 * One migration history per saved format: the browser's stored state and the exported assessment
 * file each name their versions, oldest first, and give one `up` step from each version to the
 * next. A history is checked when it is defined, so a release that skips a version, repeats one or
 * forgets its step fails every test that loads the module instead of failing a user's load.
 */

/** Named versions of one format, oldest first, e.g. `{ Initial: 1, ControlMeta: 2 }`. */
export type VersionNames = Readonly<Record<string, number>>;

export interface MigrationStep {
  /** The version this step reads; it produces `from + 1`. */
  readonly from: number;
  /** Must not mutate its input: a failed load keeps the original for the backup. */
  readonly up: (data: unknown) => unknown;
}

export interface MigrationHistory {
  /** How a version of this format is named in messages, e.g. "data version". */
  readonly label: string;
  /** The oldest version this build reads. */
  readonly first: number;
  /** The version this build writes. */
  readonly current: number;
  /** Ordered: the step leaving `first` comes first. */
  readonly steps: readonly MigrationStep[];
}

/** Why a history is malformed, or undefined when it is sound. */
export function historyProblem(
  versions: VersionNames,
  steps: readonly MigrationStep[],
): string | undefined {
  const named = Object.entries(versions);
  const [start] = named;
  if (start === undefined) return 'names no version';
  const first = start[1];
  if (!Number.isInteger(first) || first < 0) {
    return `"${start[0]}" is ${String(first)}; expected a whole number`;
  }
  for (const [i, [name, version]] of named.entries()) {
    if (version !== first + i) {
      return `"${name}" is ${String(version)}; expected ${String(first + i)} (versions follow one another, oldest first, with no gap or repeat)`;
    }
  }
  const leaving = named.slice(0, -1);
  for (const [i, [name, version]] of leaving.entries()) {
    const step = steps[i];
    if (step === undefined) return `no step from ${String(version)} ("${name}")`;
    if (step.from !== version) {
      return `step ${String(i + 1)} reads ${String(step.from)}; expected ${String(version)} ("${name}"), one step per version in order`;
    }
  }
  if (steps.length > leaving.length) {
    return `${String(steps.length - leaving.length)} step(s) beyond the newest version, ${String(first + leaving.length)}`;
  }
  return undefined;
}

/** Checks the history at once; a malformed one is a programming error, so it throws. */
export function defineHistory(
  label: string,
  versions: VersionNames,
  steps: readonly MigrationStep[],
): MigrationHistory {
  const problem = historyProblem(versions, steps);
  if (problem !== undefined) throw new Error(`${label} history: ${problem}`);
  const all = Object.values(versions);
  return { label, first: all[0] ?? 0, current: all[all.length - 1] ?? 0, steps };
}

/** The version numbers a history reads, oldest first. */
export function knownVersions(history: MigrationHistory): number[] {
  return Array.from({ length: history.current - history.first + 1 }, (_, i) => history.first + i);
}

export type MigrationFailure =
  | { readonly kind: 'not-a-version'; readonly message: string }
  | { readonly kind: 'newer'; readonly version: number; readonly message: string }
  | { readonly kind: 'missing-step'; readonly version: number; readonly message: string }
  | { readonly kind: 'step-failed'; readonly version: number; readonly message: string };

export type Migrated =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly failure: MigrationFailure };

/**
 * Brings data of version `from` up to the history's current version, each step once and in order.
 * Never guesses: a version newer than this build, a missing step or a step that throws is reported
 * (the caller words it for its format) and the input is left as it was.
 */
export function migrate(
  data: unknown,
  from: unknown,
  history: Pick<MigrationHistory, 'label' | 'current' | 'steps'>,
): Migrated {
  const { label, current, steps } = history;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    const message = `expected a whole number, got ${String(from)}`;
    return { ok: false, failure: { kind: 'not-a-version', message } };
  }
  if (from > current) {
    const message = `${label} ${String(from)} is newer than this build reads (up to ${String(current)})`;
    return { ok: false, failure: { kind: 'newer', version: from, message } };
  }
  let value = data;
  for (let version = from; version < current; version += 1) {
    const step = steps.find((s) => s.from === version);
    if (!step) {
      const message = `no migration from ${label} ${String(version)}`;
      return { ok: false, failure: { kind: 'missing-step', version, message } };
    }
    try {
      value = step.up(value);
    } catch (e) {
      const message = `migration from ${label} ${String(version)} failed: ${e instanceof Error ? e.message : String(e)}`;
      return { ok: false, failure: { kind: 'step-failed', version, message } };
    }
  }
  return { ok: true, value };
}
