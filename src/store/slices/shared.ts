import { answerSchema, type Answer, type Assessment } from '../../domain/assessment/schema.ts';
import { maxLevel } from '../../domain/catalogue/schema.ts';
import { formatProblems, problemsFromZod, type Problem } from '../../domain/validation.ts';
import type { AppState, CatalogueLookup } from '../types.ts';

type Get = () => AppState;
type Set = (change: (state: AppState) => Partial<AppState> | AppState) => void;

/** The store refuses to hold what it could not load again: that would lose data on reload. */
export function assertValid(what: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new Error(`Refused to save ${what}:\n${formatProblems(problems)}`);
}

/** The open assessment, if there is one. */
export function activeOf(state: AppState): Assessment | undefined {
  return state.activeAssessmentId === null
    ? undefined
    : state.assessments[state.activeAssessmentId];
}

/** Applies a change to the open assessment and stamps the time of the change. */
export function updateActive(set: Set, now: () => Date, change: (a: Assessment) => Assessment) {
  set((state) => {
    const id = state.activeAssessmentId;
    const current = id === null ? undefined : state.assessments[id];
    if (id === null || current === undefined) return state;
    const next = { ...change(current), updatedAt: now().toISOString() };
    return { assessments: { ...state.assessments, [id]: next } };
  });
}

/** A level or target above the top of the open assessment's catalogue scale. */
export function aboveScale(
  get: Get,
  catalogues: CatalogueLookup,
  controlId: string,
  path: string,
  value: number,
): Problem[] {
  const active = activeOf(get());
  const top = maxLevel((active && catalogues.byId(active.catalogue.id)) ?? catalogues.bundled);
  return value > top
    ? [{ source: controlId, path, message: `above the top of the scale (${String(top)})` }]
    : [];
}

/** Refuses an answer the schema or the catalogue's scale would not load again. */
export function checkAnswer(
  get: Get,
  catalogues: CatalogueLookup,
  controlId: string,
  answer: Answer,
): void {
  const parsed = answerSchema.safeParse(answer);
  assertValid(
    `the answer to ${controlId}`,
    !parsed.success
      ? problemsFromZod(controlId, parsed.error)
      : answer.status === 'level'
        ? aboveScale(get, catalogues, controlId, 'level', answer.level)
        : [],
  );
}

/** Checked before a file is read, so a huge file is never loaded into memory. */
export function tooLarge(file: { readonly name: string; readonly size: number }, max: number) {
  return file.size > max
    ? [
        {
          source: file.name,
          path: '(root)',
          message: `file is too large (${String(file.size)} bytes; at most ${String(max)} accepted)`,
        },
      ]
    : [];
}
