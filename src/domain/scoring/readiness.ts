import type { Answer, Assessment } from '../assessment/schema.ts';
import type { Catalogue, Control, Severity } from '../catalogue/schema.ts';

/**
 * Readiness, the first score the product shows: how close the team is to the catalogue's baseline,
 * weighted by each control's severity.
 *
 *   attainment(c) = min(level, target) / target          (0 when unanswered)
 *
 * The target is the catalogue's baseline unless the assessment sets its own for the control.
 *   readiness     = 100 × Σ w(c)·attainment(c) / Σ w(c)   over applicable controls
 *
 * Not-applicable controls leave both sums, so marking a control N/A is the same as removing it
 * from the catalogue. Exceeding the target earns nothing extra, so over-investing in one control
 * cannot hide a gap in another. The threat-weighted residual risk is computed separately.
 */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = {
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

export type ControlState = 'unanswered' | 'na' | 'level';

export interface ControlScore {
  readonly control: Control;
  readonly state: ControlState;
  readonly level: number | null;
  readonly target: number;
  /** Share of the target reached, in [0, 1]; null when not applicable. */
  readonly attainment: number | null;
  readonly weight: number;
  /** Below target, counting unanswered as below. */
  readonly gap: boolean;
  /**
   * A stored level above the top of the control's scale (data saved against a longer scale than
   * the catalogue has now). It scores as absent until someone answers again: counting it as
   * meeting the target would rescore the control silently.
   */
  readonly offScale?: true;
}

export interface Counts {
  readonly total: number;
  readonly answered: number;
  readonly unanswered: number;
  readonly notApplicable: number;
  readonly gaps: number;
}

export interface DomainReadiness {
  readonly domainId: string;
  /** 0–100, or null when every control of the domain is not applicable. */
  readonly readiness: number | null;
  readonly counts: Counts;
}

export interface ReadinessResult {
  readonly readiness: number | null;
  readonly counts: Counts;
  readonly domains: readonly DomainReadiness[];
  readonly controls: readonly ControlScore[];
}

/** Per-control targets that override the catalogue baseline, by control id. */
export type Targets = Readonly<Record<string, number>>;

/** The targets an assessment sets for itself. */
export function targetsOf(assessment: Pick<Assessment, 'meta'>): Targets {
  const targets: Record<string, number> = {};
  for (const [id, meta] of Object.entries(assessment.meta)) {
    if (meta.target !== undefined) targets[id] = meta.target;
  }
  return targets;
}

export function scoreControl(
  control: Control,
  answer: Answer | undefined,
  target: number = control.baseline,
): ControlScore {
  const weight = SEVERITY_WEIGHT[control.severity];
  if (answer === undefined) {
    return { control, state: 'unanswered', level: null, target, attainment: 0, weight, gap: true };
  }
  if (answer.status === 'na') {
    return { control, state: 'na', level: null, target, attainment: null, weight, gap: false };
  }
  if (answer.level > control.levels.length - 1) {
    return {
      control,
      state: 'level',
      level: answer.level,
      target,
      attainment: 0,
      weight,
      gap: true,
      offScale: true,
    };
  }
  const attainment = Math.min(answer.level, target) / target;
  return {
    control,
    state: 'level',
    level: answer.level,
    target,
    attainment,
    weight,
    gap: answer.level < target,
  };
}

/** Readiness and counts over the scores at `indices`, summed in that order. */
function aggregate(
  scores: readonly ControlScore[],
  indices: readonly number[],
): { readiness: number | null; counts: Counts } {
  let weighted = 0;
  let weights = 0;
  let answered = 0;
  let unanswered = 0;
  let notApplicable = 0;
  let gaps = 0;
  let total = 0;
  for (const i of indices) {
    const s = scores[i];
    if (!s) continue;
    total += 1;
    if (s.state === 'na') notApplicable += 1;
    else if (s.state === 'unanswered') unanswered += 1;
    else answered += 1;
    if (s.gap) gaps += 1;
    if (s.attainment !== null) {
      weighted += s.weight * s.attainment;
      weights += s.weight;
    }
  }
  return {
    readiness: weights === 0 ? null : (100 * weighted) / weights,
    counts: { total, answered, unanswered, notApplicable, gaps },
  };
}

const idOrders = new WeakMap<Catalogue, readonly number[]>();

/**
 * Control indices sorted by id. Scores are summed in this order: floating-point addition is not
 * associative, and the order of files or controls must not move a score even in its last digit.
 * Cached per catalogue object, which is never mutated.
 */
export function idOrder(catalogue: Catalogue): readonly number[] {
  const cached = idOrders.get(catalogue);
  if (cached) return cached;
  const ids = catalogue.controls.map((c) => c.id);
  const order = ids
    .map((_, i) => i)
    .sort((a, b) => {
      const x = ids[a] ?? '';
      const y = ids[b] ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
  idOrders.set(catalogue, order);
  return order;
}

const domainMemberCache = new WeakMap<Catalogue, readonly (readonly number[])[]>();

/** Per domain (in the catalogue's domain order), its control indices in id order. Cached. */
export function domainMembers(catalogue: Catalogue): readonly (readonly number[])[] {
  const cached = domainMemberCache.get(catalogue);
  if (cached) return cached;
  const position = new Map(catalogue.domains.map((d, i) => [d.id, i]));
  const members: number[][] = catalogue.domains.map(() => []);
  for (const i of idOrder(catalogue)) {
    const d = position.get(catalogue.controls[i]?.domain ?? '');
    if (d !== undefined) members[d]?.push(i);
  }
  domainMemberCache.set(catalogue, members);
  return members;
}

export function computeReadiness(
  catalogue: Catalogue,
  answers: Assessment['answers'],
  targets: Targets = {},
): ReadinessResult {
  // Behind Object.hasOwn: Node 20 is slow to read a key an object lacks (most controls have no
  // target, many no answer), about 3 ms per 10,000 misses. Control ids never name a prototype
  // property (CONTROL_ID_PATTERN), so the result is the same.
  const controls = catalogue.controls.map((c) =>
    scoreControl(
      c,
      Object.hasOwn(answers, c.id) ? answers[c.id] : undefined,
      Object.hasOwn(targets, c.id) ? targets[c.id] : undefined,
    ),
  );
  // Summed straight from the scores by index, without copying each domain's scores out first.
  const members = domainMembers(catalogue);
  const domains = catalogue.domains.map((d, di) => {
    const { readiness, counts } = aggregate(controls, members[di] ?? []);
    return { domainId: d.id, readiness, counts };
  });
  return { ...aggregate(controls, idOrder(catalogue)), domains, controls };
}
