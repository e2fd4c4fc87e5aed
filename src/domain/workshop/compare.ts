import type { Answer, Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { targetsOf, type Targets } from '../scoring/readiness.ts';
import { computeRisk } from '../scoring/risk.ts';
import type { ThreatProfile } from '../threat/profile.ts';
import type { Participant } from './schema.ts';

/**
 * Two assessments of one organisation against one catalogue, side by side: a follow-up against
 * its baseline, or an auditor's verified answers against the team's self-assessment. The scores
 * are the engine's own; this module only lines them up and attributes the move in residual risk
 * to the controls whose answers changed.
 */

export type AnswerState =
  | { readonly kind: 'unanswered' }
  | { readonly kind: 'na' }
  | { readonly kind: 'level'; readonly level: number };

export type ControlChange =
  | 'improved' // level rose
  | 'regressed' // level fell
  | 'unchanged' // same level, or both N/A, or both unanswered
  | 'answered' // unanswered before, a level or N/A now
  | 'unanswered' // answered before, unanswered now
  | 'applicability'; // N/A on one side and a level on the other

export interface ControlDelta {
  readonly controlId: string;
  readonly title: string;
  readonly domainId: string;
  readonly before: AnswerState;
  readonly after: AnswerState;
  /** after − before when both are levels; null otherwise. */
  readonly delta: number | null;
  readonly change: ControlChange;
  /** Residual-risk points this control's change accounts for: risk with only this control set to its `after` answer (everything else as in the baseline) minus baseline risk. Negative = risk went down. 0 for unchanged. */
  readonly riskDelta: number;
}

export interface ScoreDelta {
  readonly before: number | null;
  readonly after: number | null;
  readonly delta: number | null;
}

export interface AssessmentComparison {
  readonly readiness: ScoreDelta;
  /** Both scored with the same profile, so the move is the answers', not the weights'. */
  readonly residualRisk: ScoreDelta;
  readonly domains: readonly (ScoreDelta & { readonly id: string; readonly name: string })[];
  /** Every catalogue control, catalogue order. */
  readonly controls: readonly ControlDelta[];
  /** Sorted by riskDelta ascending (largest risk reduction first), then catalogue order. */
  readonly improved: readonly ControlDelta[];
  /** Sorted by riskDelta descending (largest risk increase first), then catalogue order. */
  readonly regressed: readonly ControlDelta[];
  readonly counts: Readonly<Record<ControlChange, number>>;
}

const UNANSWERED: AnswerState = { kind: 'unanswered' };
const NOT_APPLICABLE: AnswerState = { kind: 'na' };

export function answerState(answer: Answer | undefined): AnswerState {
  if (answer === undefined) return UNANSWERED;
  if (answer.status === 'na') return NOT_APPLICABLE;
  return { kind: 'level', level: answer.level };
}

export function classifyChange(before: AnswerState, after: AnswerState): ControlChange {
  if (before.kind === 'unanswered') return after.kind === 'unanswered' ? 'unchanged' : 'answered';
  if (after.kind === 'unanswered') return 'unanswered';
  if (before.kind === 'level' && after.kind === 'level') {
    return after.level > before.level
      ? 'improved'
      : after.level < before.level
        ? 'regressed'
        : 'unchanged';
  }
  return before.kind === after.kind ? 'unchanged' : 'applicability';
}

function scoreDelta(before: number | null, after: number | null): ScoreDelta {
  return { before, after, delta: before === null || after === null ? null : after - before };
}

/** `record` with `id` set to `value`, or without `id` when `value` is undefined. */
function withEntry<T>(
  record: Readonly<Record<string, T>>,
  id: string,
  value: T | undefined,
): Record<string, T> {
  const { [id]: _dropped, ...rest } = record;
  return value === undefined ? rest : { ...rest, [id]: value };
}

/**
 * Compares `after` with `before` against one catalogue and one profile.
 *
 * Targets: each side is scored with its own targets (targetsOf), because a target is part of what
 * an assessment claims: an auditor who holds a control to a higher bar should see readiness move
 * for that reason too. So readiness and residual risk can move on a control whose answer did not,
 * when its target did; such a control still counts as unchanged, with a riskDelta of 0. A changed
 * control's riskDelta moves it to its `after` answer and `after` target together, since a level
 * means something only against the target it was given for.
 *
 * Readiness is null when every control is N/A, on either side or in a domain.
 */
export function compareAssessments(
  catalogue: Catalogue,
  before: Assessment,
  after: Assessment,
  profile: ThreatProfile,
): AssessmentComparison {
  const beforeTargets = targetsOf(before);
  const afterTargets = targetsOf(after);
  const base = computeRisk(catalogue, before.answers, profile, beforeTargets);
  const next = computeRisk(catalogue, after.answers, profile, afterTargets);

  // One rescoring per changed control: the interaction between controls on a vector is not
  // additive, so a control's share cannot be read off either side's totals. The per-control
  // deltas therefore need not add up to the total move.
  const riskDeltaOf = (id: string): number => {
    const answers = withEntry(before.answers, id, after.answers[id]);
    const targets: Targets = withEntry(beforeTargets, id, afterTargets[id]);
    return computeRisk(catalogue, answers, profile, targets).residualRisk - base.residualRisk;
  };

  const controls: ControlDelta[] = catalogue.controls.map((control) => {
    const was = answerState(before.answers[control.id]);
    const now = answerState(after.answers[control.id]);
    const change = classifyChange(was, now);
    return {
      controlId: control.id,
      title: control.title,
      domainId: control.domain,
      before: was,
      after: now,
      delta: was.kind === 'level' && now.kind === 'level' ? now.level - was.level : null,
      change,
      riskDelta: change === 'unchanged' ? 0 : riskDeltaOf(control.id),
    };
  });

  const position = new Map(controls.map((c, i) => [c, i]));
  const rank = (a: ControlDelta, b: ControlDelta): number =>
    (position.get(a) ?? 0) - (position.get(b) ?? 0);
  const improved = controls
    .filter((c) => c.change === 'improved')
    .sort((a, b) => a.riskDelta - b.riskDelta || rank(a, b));
  const regressed = controls
    .filter((c) => c.change === 'regressed')
    .sort((a, b) => b.riskDelta - a.riskDelta || rank(a, b));

  const counts: Record<ControlChange, number> = {
    improved: 0,
    regressed: 0,
    unchanged: 0,
    answered: 0,
    unanswered: 0,
    applicability: 0,
  };
  for (const c of controls) counts[c.change] += 1;

  const domains = catalogue.domains.map((d, i) => ({
    id: d.id,
    name: d.name,
    ...scoreDelta(
      base.readiness.domains[i]?.readiness ?? null,
      next.readiness.domains[i]?.readiness ?? null,
    ),
  }));

  return {
    readiness: scoreDelta(base.readiness.readiness, next.readiness.readiness),
    residualRisk: scoreDelta(base.residualRisk, next.residualRisk),
    domains,
    controls,
    improved,
    regressed,
    counts,
  };
}

/** Organisation names as a person compares them: case and spacing aside. */
const organisationKey = (name: string): string =>
  name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/**
 * The baseline a comparison starts from: the previous assessment of the same organisation, the
 * latest one started before `active` (else the latest changed, when none was started before it).
 * Never one without a single answer, which would show every control as newly answered; null when
 * there is no such assessment, and the person chooses.
 */
export function defaultBaseline(
  active: Assessment,
  others: readonly Assessment[],
): Assessment | null {
  const key = organisationKey(active.organisation);
  if (key === '') return null;
  const same = others.filter(
    (a) =>
      a.id !== active.id &&
      a.catalogue.id === active.catalogue.id &&
      organisationKey(a.organisation) === key &&
      Object.keys(a.answers).length > 0,
  );
  const latest = (list: readonly Assessment[], by: (a: Assessment) => string) =>
    list.reduce<Assessment | null>(
      (best, a) => (best === null || by(a) > by(best) ? a : best),
      null,
    );
  return (
    latest(
      same.filter((a) => a.createdAt < active.createdAt),
      (a) => a.createdAt,
    ) ?? latest(same, (a) => a.updatedAt)
  );
}

/**
 * A participant's own answers as an assessment to compare with: everything else (targets, scope,
 * architecture) is the active assessment's, so the comparison moves only with the answers.
 */
export function participantBaseline(active: Assessment, participant: Participant): Assessment {
  const { workshop: _workshop, ...rest } = active;
  return {
    ...rest,
    id: active.id,
    name: `${participant.name}’s own answers (${participant.source.fileName})`,
    answers: participant.answers,
  };
}
