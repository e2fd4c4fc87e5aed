import { EMPTY_WORKSHOP, type Workshop } from '../workshop/schema.ts';
import type { Answer } from '../assessment/answer-schema.ts';
import type { Assessment, ControlMeta } from '../assessment/schema.ts';
import type { PersistedState } from './persisted.ts';

/**
 * Two tabs on the same data each write the whole state. If tab B writes before it has seen tab
 * A's last write, a plain write would erase A's change. So a write is merged three ways:
 *
 *   base    what this tab last read or wrote
 *   local   what this tab wants to write now
 *   stored  what is in storage now (another tab's write)
 *
 * Per assessment and per control: what this tab changed since `base` wins; everything else comes
 * from `stored`. Only a control both tabs changed is a conflict, and there this tab's newer edit
 * wins, which is what the person in front of it just did.
 */
export function mergeConcurrent(
  base: PersistedState,
  local: PersistedState,
  stored: PersistedState,
): PersistedState {
  return mergeReporting(base, local, stored).state;
}

/**
 * A control both tabs changed differently since they last agreed: its answer (level, N/A, notes)
 * or its details (target, owner, evidence, flags). This tab's value was kept.
 */
export type AnswerConflict = {
  readonly assessmentId: string;
  readonly assessmentName: string;
  readonly controlId: string;
} & (
  | {
      readonly kind: 'answer';
      /** This tab's answer, which the merge kept; undefined when this tab cleared it. */
      readonly kept: Answer | undefined;
      /** The other tab's answer, which the merge set aside. */
      readonly other: Answer | undefined;
    }
  | {
      readonly kind: 'details';
      readonly kept: ControlMeta | undefined;
      readonly other: ControlMeta | undefined;
    }
);

/** The merge, with every conflict it decided listed, so the user can be shown each one. */
export function mergeReporting(
  base: PersistedState,
  local: PersistedState,
  stored: PersistedState,
): { readonly state: PersistedState; readonly conflicts: readonly AnswerConflict[] } {
  const conflicts: AnswerConflict[] = [];
  const ids = new Set([
    ...Object.keys(base.assessments),
    ...Object.keys(local.assessments),
    ...Object.keys(stored.assessments),
  ]);
  const assessments: Record<string, Assessment> = {};
  for (const id of ids) {
    const b = base.assessments[id];
    const l = local.assessments[id];
    const s = stored.assessments[id];
    if (l === undefined) {
      // Deleted here (it was in base), or never seen here: keep what the other tab has unless
      // this tab deleted it.
      if (b === undefined && s !== undefined) assessments[id] = s;
      continue;
    }
    if (b === undefined) {
      // Created here.
      assessments[id] = l;
      continue;
    }
    if (s === undefined) {
      // Deleted in another tab: it stays deleted unless this tab has changed it since.
      if (!same(l, b)) assessments[id] = l;
      continue;
    }
    assessments[id] = mergeAssessment(b, l, s);
    const where = { assessmentId: id, assessmentName: l.name };
    for (const controlId of conflictingKeys(b.answers, l.answers, s.answers)) {
      conflicts.push({
        ...where,
        controlId,
        kind: 'answer',
        kept: l.answers[controlId],
        other: s.answers[controlId],
      });
    }
    for (const controlId of conflictingKeys(b.meta, l.meta, s.meta)) {
      conflicts.push({
        ...where,
        controlId,
        kind: 'details',
        kept: l.meta[controlId],
        other: s.meta[controlId],
      });
    }
  }
  let active = local.activeAssessmentId;
  // A tab opened before anything was saved starts on a blank assessment of its own. When another
  // tab has saved real work meanwhile, this tab joins that work instead of keeping an empty
  // assessment open beside it, where the user would not see the other tab's answers.
  const mine = active === null ? undefined : local.assessments[active];
  const theirs = stored.activeAssessmentId;
  if (
    active !== null &&
    mine !== undefined &&
    isBlank(mine) &&
    base.assessments[active] === undefined &&
    stored.assessments[active] === undefined &&
    theirs !== null &&
    assessments[theirs] !== undefined
  ) {
    Reflect.deleteProperty(assessments, active);
    active = theirs;
  }
  return {
    state: {
      assessments,
      activeAssessmentId:
        active !== null && active in assessments ? active : (Object.keys(assessments)[0] ?? null),
    },
    conflicts,
  };
}

/** The name of the assessment the app opens on a first visit. */
export const BLANK_ASSESSMENT_NAME = 'My assessment';

/** The assessment a first visit opens, untouched: nothing in it anyone could lose. */
export function isBlank(a: Assessment): boolean {
  return (
    a.name === BLANK_ASSESSMENT_NAME &&
    a.organisation === '' &&
    a.scope === '' &&
    a.assessors.length === 0 &&
    a.createdAt === a.updatedAt &&
    Object.keys(a.answers).length === 0 &&
    Object.keys(a.meta).length === 0 &&
    a.workshop === undefined &&
    a.profileId === undefined &&
    a.customProfile === undefined &&
    a.architecture === undefined &&
    a.frameworks === undefined
  );
}

/** Keys both sides changed since the base, to different values. */
function conflictingKeys<T>(
  base: Readonly<Record<string, T>>,
  local: Readonly<Record<string, T>>,
  stored: Readonly<Record<string, T>>,
): string[] {
  return [...new Set([...Object.keys(local), ...Object.keys(stored)])].filter(
    (key) =>
      !same(local[key], base[key]) &&
      !same(stored[key], base[key]) &&
      !same(local[key], stored[key]),
  );
}

/** The state with one control's details replaced (or removed): taking the other tab's details. */
export function withDetails(
  state: PersistedState,
  assessmentId: string,
  controlId: string,
  meta: ControlMeta | undefined,
): PersistedState {
  const assessment = state.assessments[assessmentId];
  if (assessment === undefined) return state;
  const all = Object.fromEntries(
    Object.entries(assessment.meta).filter(([key]) => key !== controlId),
  );
  if (meta !== undefined) all[controlId] = meta;
  return {
    ...state,
    assessments: { ...state.assessments, [assessmentId]: { ...assessment, meta: all } },
  };
}

/** The state with one answer replaced (or removed): how the user takes the other tab's answer. */
export function withAnswer(
  state: PersistedState,
  assessmentId: string,
  controlId: string,
  answer: Answer | undefined,
): PersistedState {
  const assessment = state.assessments[assessmentId];
  if (assessment === undefined) return state;
  const answers = Object.fromEntries(
    Object.entries(assessment.answers).filter(([key]) => key !== controlId),
  );
  if (answer !== undefined) answers[controlId] = answer;
  return {
    ...state,
    assessments: { ...state.assessments, [assessmentId]: { ...assessment, answers } },
  };
}

/** Where two states differ, per assessment: the controls whose answers differ, and whether more did. */
export interface Difference {
  readonly assessmentId: string;
  readonly assessmentName: string;
  readonly controlIds: readonly string[];
  /** Something besides answers differs: details, meta, the workshop, or the whole assessment. */
  readonly other: boolean;
}

/** What `local` holds that `saved` does not: what would be lost if this tab closed now. */
export function differences(saved: PersistedState | null, local: PersistedState): Difference[] {
  const out: Difference[] = [];
  for (const [id, l] of Object.entries(local.assessments)) {
    const s = saved?.assessments[id];
    if (s !== undefined && same(l, s)) continue;
    const controlIds =
      s === undefined
        ? Object.keys(l.answers)
        : [...new Set([...Object.keys(l.answers), ...Object.keys(s.answers)])].filter(
            (key) => !same(l.answers[key], s.answers[key]),
          );
    const other =
      s === undefined ||
      FIELDS.some((f) => !same(l[f], s[f])) ||
      !same(l.meta, s.meta) ||
      !same(l.workshop, s.workshop);
    out.push({ assessmentId: id, assessmentName: l.name, controlIds: controlIds.sort(), other });
  }
  return out;
}

/**
 * Equal as data: key order does not count and a missing key equals an undefined one, so a state
 * read back from storage equals the one written, and two tabs never echo the same state forever.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return [...new Set([...Object.keys(ra), ...Object.keys(rb)])].every((key) =>
    sameValue(ra[key], rb[key]),
  );
}

const same = sameValue;

function mergeRecord<T>(
  base: Readonly<Record<string, T>>,
  local: Readonly<Record<string, T>>,
  stored: Readonly<Record<string, T>>,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of new Set([
    ...Object.keys(base),
    ...Object.keys(local),
    ...Object.keys(stored),
  ])) {
    const value = same(local[key], base[key]) ? stored[key] : local[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const FIELDS = [
  'name',
  'organisation',
  'scope',
  'assessors',
  'catalogue',
  'profileId',
  'customProfile',
  'architecture',
  'frameworks',
] as const;

/** Lists of records with ids (participants, actions), merged by id like a record, in order. */
function mergeById<T extends { readonly id: string }>(
  base: readonly T[],
  local: readonly T[],
  stored: readonly T[],
): T[] {
  const byId = (list: readonly T[]) => Object.fromEntries(list.map((x) => [x.id, x]));
  const merged = mergeRecord(byId(base), byId(local), byId(stored));
  const order = [...new Set([...stored, ...local].map((x) => x.id))];
  return order.flatMap((id) => merged[id] ?? []);
}

/**
 * The workshop merges part by part: agreements per control, participants and actions per id, the
 * agenda and the sign-off whole. Each part this tab changed wins; the rest comes from storage.
 */
function mergeWorkshop(
  base: Workshop | undefined,
  local: Workshop | undefined,
  stored: Workshop | undefined,
): Workshop | undefined {
  if (local === undefined || stored === undefined) {
    return same(local, base) ? stored : local;
  }
  const b = base ?? EMPTY_WORKSHOP;
  const signOff = same(local.signOff, b.signOff) ? stored.signOff : local.signOff;
  const agreeing = same(local.agreeing, b.agreeing) ? stored.agreeing : local.agreeing;
  // Optional records: merged per control once either side has one, absent while neither does.
  const optionalRecord = <T>(
    base: Readonly<Record<string, T>> | undefined,
    mine: Readonly<Record<string, T>> | undefined,
    theirs: Readonly<Record<string, T>> | undefined,
  ): Record<string, T> | undefined =>
    mine === undefined && theirs === undefined
      ? undefined
      : mergeRecord(base ?? {}, mine ?? {}, theirs ?? {});
  const discussed = optionalRecord(b.discussed, local.discussed, stored.discussed);
  const verifications = optionalRecord(b.verifications, local.verifications, stored.verifications);
  return {
    agenda: same(local.agenda, b.agenda) ? stored.agenda : local.agenda,
    participants: mergeById(b.participants, local.participants, stored.participants),
    agreements: mergeRecord(b.agreements, local.agreements, stored.agreements),
    actions: mergeById(b.actions, local.actions, stored.actions),
    ...(signOff === undefined ? {} : { signOff }),
    ...(agreeing === undefined ? {} : { agreeing }),
    ...(discussed === undefined ? {} : { discussed }),
    ...(verifications === undefined ? {} : { verifications }),
  };
}

function mergeAssessment(base: Assessment, local: Assessment, stored: Assessment): Assessment {
  const changedHere = new Set(FIELDS.filter((f) => !same(local[f], base[f])));
  // Optional fields this tab removed must stay removed, so build from entries, not by deleting.
  const merged: Record<string, unknown> = Object.fromEntries(
    Object.entries(stored).filter(([key]) => !changedHere.has(key as (typeof FIELDS)[number])),
  );
  for (const field of changedHere) {
    if (local[field] !== undefined) merged[field] = local[field];
  }
  merged.answers = mergeRecord(base.answers, local.answers, stored.answers);
  merged.meta = mergeRecord(base.meta, local.meta, stored.meta);
  const workshop = mergeWorkshop(base.workshop, local.workshop, stored.workshop);
  if (workshop === undefined) delete merged.workshop;
  else merged.workshop = workshop;
  merged.updatedAt = local.updatedAt > stored.updatedAt ? local.updatedAt : stored.updatedAt;
  return merged as Assessment;
}
