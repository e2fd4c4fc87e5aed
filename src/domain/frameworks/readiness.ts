import type { Answer, Assessment } from '../assessment/schema.ts';
import type { Catalogue, Control } from '../catalogue/schema.ts';
import { applyArchitecture, effectiveAnswers } from '../scoring/architecture.ts';
import type { DirectAnswer } from './answer-schema.ts';
import {
  ccssRequirementKey,
  CCSS_TOP_LEVEL,
  type CcssAspect,
  type CcssComponent,
  type CcssLevelRequirement,
  type Frameworks,
  type MappingRule,
  type Requirement,
  type SfcControl,
  type SfcModule,
} from './schema.ts';

/**
 * Readiness against an outside framework, derived from the answers the team already gave. The
 * rules, in the order they apply, so a reader can recompute any status by hand:
 *
 * A mapped catalogue control is *met* when its answer is a level at or above the level the
 * crosswalk names (a stored level above the top of the scale counts as 0, as in scoring). It is
 * *N/A* when answered not applicable, or when the team does not operate what it applies to; its
 * justification is carried. N/A controls leave the mapping.
 *
 * From the catalogue (`satisfiedBy`):
 * - every mapped control N/A → N/A, with their justifications;
 * - rule `all`, every remaining control met (rule `any`: at least one) → implemented;
 * - otherwise, some remaining control at level 1 or more → partial (some controls at their
 *   level, or a level below the one required);
 * - otherwise, some remaining control unanswered → unanswered;
 * - otherwise (every one answered at 0) → not implemented.
 *
 * A direct answer (the team's own yes / partial / no / N/A) decides a requirement the catalogue
 * does not cover. Where a mapping lists `notAssessed` items, the direct answer speaks for those
 * items and the two combine: implemented only when both are, partial when either gives some credit,
 * not implemented when neither does and one says no, unanswered otherwise. A direct answer to a
 * requirement the catalogue covers in full is ignored (and reported), so a status is never
 * stronger than the catalogue evidence behind it. Nothing unanswered is ever implemented.
 */

export const STATUSES = ['implemented', 'partial', 'not-implemented', 'na', 'unanswered'] as const;
export type RequirementStatus = (typeof STATUSES)[number];

export const STATUS_LABEL: Readonly<Record<RequirementStatus, string>> = {
  implemented: 'Implemented',
  partial: 'Partial',
  'not-implemented': 'Not implemented',
  na: 'N/A',
  unanswered: 'Unanswered',
};

/** How far a status goes towards passing: N/A with a justification passes like implemented. */
export const STATUS_CREDIT: Readonly<Record<RequirementStatus, number>> = {
  implemented: 2,
  na: 2,
  partial: 1,
  'not-implemented': 0,
  unanswered: 0,
};

export type Coverage = 'full' | 'partly' | 'none';

export interface MappedResult {
  readonly control: Pick<Control, 'id' | 'title'>;
  readonly required: number;
  readonly state: 'unanswered' | 'na' | 'level';
  /** The level counted (0 for a stored level off the scale); null when unanswered or N/A. */
  readonly level: number | null;
  readonly met: boolean;
  readonly justification?: string;
}

export interface RequirementResult {
  readonly status: RequirementStatus;
  readonly coverage: Coverage;
  readonly rule: MappingRule | null;
  /** The mapped controls with what each counts for; empty when the catalogue does not cover it. */
  readonly controls: readonly MappedResult[];
  /** Status from the catalogue alone; null when it does not cover the requirement. */
  readonly catalogueStatus: RequirementStatus | null;
  /** The direct answer used, if any. */
  readonly direct: DirectAnswer | null;
  /** True when a direct answer is stored for a requirement the catalogue covers in full. */
  readonly directIgnored: boolean;
  /** Why it is N/A: the catalogue controls' justifications, or the direct answer's. */
  readonly justification: string | null;
  readonly notAssessed: readonly string[];
  readonly related: readonly string[];
}

/** The facts about one catalogue control that the rules read. */
export interface ControlFact {
  readonly control: Control;
  readonly answer: Answer | undefined;
}

export type Facts = ReadonlyMap<string, ControlFact>;

/** The catalogue's controls with the answers scoring uses (architecture N/A applied). */
export function factsOf(catalogue: Catalogue, assessment: Assessment): Facts {
  const effect = applyArchitecture(catalogue, new Set(assessment.architecture?.notOperated ?? []));
  return factsFromAnswers(catalogue, effectiveAnswers(effect, assessment.answers));
}

/** The same from answers the architecture was already applied to (as the report model holds). */
export function factsFromAnswers(catalogue: Catalogue, answers: Assessment['answers']): Facts {
  return new Map(catalogue.controls.map((c) => [c.id, { control: c, answer: answers[c.id] }]));
}

function mappedResult(fact: ControlFact | undefined, id: string, required: number): MappedResult {
  const control = fact?.control ?? { id, title: id };
  const answer = fact?.answer;
  if (answer === undefined)
    return { control, required, state: 'unanswered', level: null, met: false };
  if (answer.status === 'na') {
    return {
      control,
      required,
      state: 'na',
      level: null,
      met: false,
      justification: answer.justification,
    };
  }
  const top = fact === undefined ? 0 : fact.control.levels.length - 1;
  const level = answer.level > top ? 0 : answer.level;
  return { control, required, state: 'level', level, met: level >= required };
}

function fromCatalogue(
  rule: MappingRule,
  controls: readonly MappedResult[],
): { status: RequirementStatus; justification: string | null } {
  const applicable = controls.filter((c) => c.state !== 'na');
  if (applicable.length === 0) {
    return {
      status: 'na',
      justification: controls.map((c) => `${c.control.id}: ${c.justification ?? ''}`).join('; '),
    };
  }
  const met = applicable.filter((c) => c.met).length;
  if (rule === 'all' ? met === applicable.length : met > 0) {
    return { status: 'implemented', justification: null };
  }
  if (applicable.some((c) => (c.level ?? 0) >= 1))
    return { status: 'partial', justification: null };
  if (applicable.some((c) => c.state === 'unanswered')) {
    return { status: 'unanswered', justification: null };
  }
  return { status: 'not-implemented', justification: null };
}

export function directStatus(answer: DirectAnswer | undefined): RequirementStatus {
  if (answer === undefined) return 'unanswered';
  switch (answer.state) {
    case 'yes':
      return 'implemented';
    case 'partial':
      return 'partial';
    case 'no':
      return 'not-implemented';
    case 'na':
      return 'na';
  }
}

/** The catalogue part and the directly answered remainder, each for what it speaks for. */
export function combine(
  catalogue: RequirementStatus,
  direct: RequirementStatus,
): RequirementStatus {
  if (catalogue === 'na') return 'na';
  if (direct === 'na') return catalogue;
  const c = STATUS_CREDIT[catalogue];
  const d = STATUS_CREDIT[direct];
  if (c === 2 && d === 2) return 'implemented';
  if (c + d >= 1) return 'partial';
  if (catalogue === 'not-implemented' || direct === 'not-implemented') return 'not-implemented';
  return 'unanswered';
}

export function evaluateRequirement(
  requirement: Requirement,
  facts: Facts,
  direct: DirectAnswer | undefined,
): RequirementResult {
  const notAssessed = requirement.notAssessed ?? [];
  const related = requirement.related ?? [];
  const mapping = requirement.satisfiedBy;
  if (mapping === undefined) {
    const status = directStatus(direct);
    return {
      status,
      coverage: 'none',
      rule: null,
      controls: [],
      catalogueStatus: null,
      direct: direct ?? null,
      directIgnored: false,
      justification: direct?.state === 'na' ? direct.justification : null,
      notAssessed,
      related,
    };
  }
  const controls = mapping.controls.map((m) =>
    mappedResult(facts.get(m.control), m.control, m.level),
  );
  const fromCat = fromCatalogue(mapping.rule, controls);
  if (notAssessed.length === 0) {
    return {
      status: fromCat.status,
      coverage: 'full',
      rule: mapping.rule,
      controls,
      catalogueStatus: fromCat.status,
      direct: null,
      directIgnored: direct !== undefined,
      justification: fromCat.justification,
      notAssessed,
      related,
    };
  }
  const status = combine(fromCat.status, directStatus(direct));
  const justification =
    fromCat.status === 'na'
      ? fromCat.justification
      : status === fromCat.status && direct?.state === 'na'
        ? direct.justification
        : null;
  return {
    status,
    coverage: 'partly',
    rule: mapping.rule,
    controls,
    catalogueStatus: fromCat.status,
    direct: direct ?? null,
    directIgnored: false,
    justification,
    notAssessed,
    related,
  };
}

export type StatusCounts = Readonly<Record<RequirementStatus, number>>;

function countStatuses(results: readonly { readonly result: RequirementResult }[]): StatusCounts {
  const counts: Record<RequirementStatus, number> = {
    implemented: 0,
    partial: 0,
    'not-implemented': 0,
    na: 0,
    unanswered: 0,
  };
  for (const { result } of results) counts[result.status] += 1;
  return counts;
}

export interface SfcControlReadiness {
  readonly control: SfcControl;
  readonly section: { readonly id: string; readonly title: string };
  readonly result: RequirementResult;
}

export interface ModuleReadiness {
  readonly module: SfcModule;
  readonly controls: readonly SfcControlReadiness[];
  readonly counts: StatusCounts;
  readonly coverage: Readonly<Record<Coverage, number>>;
  /** Every control implemented, or N/A with a justification: SEAL's rule for applying. */
  readonly ready: boolean;
  /** Controls that stand between the module and "ready", in module order. */
  readonly remaining: readonly SfcControlReadiness[];
}

export interface SealReadiness {
  readonly modules: readonly ModuleReadiness[];
  readonly counts: StatusCounts;
  readonly total: number;
}

export function sealReadiness(
  frameworks: Frameworks,
  facts: Facts,
  answers: Assessment['frameworks'],
): SealReadiness {
  const direct = answers?.seal ?? {};
  const modules = frameworks.seal.modules.map((module): ModuleReadiness => {
    const controls = module.sections.flatMap((section) =>
      section.controls.map((control) => ({
        control,
        section: { id: section.id, title: section.title },
        result: evaluateRequirement(control, facts, direct[control.id]),
      })),
    );
    const coverage: Record<Coverage, number> = { full: 0, partly: 0, none: 0 };
    for (const c of controls) coverage[c.result.coverage] += 1;
    const remaining = controls.filter((c) => STATUS_CREDIT[c.result.status] < 2);
    return {
      module,
      controls,
      counts: countStatuses(controls),
      coverage,
      ready: remaining.length === 0,
      remaining,
    };
  });
  const all = modules.flatMap((m) => m.controls);
  return { modules, counts: countStatuses(all), total: all.length };
}

export interface CcssLevelReadiness {
  readonly component: CcssComponent;
  readonly requirement: CcssLevelRequirement;
  readonly key: string;
  readonly result: RequirementResult;
}

export interface AspectReadiness {
  readonly aspect: CcssAspect;
  /** 0 (uncertified) to 3: every requirement at levels 1 to N met or N/A. */
  readonly level: number;
  readonly requirements: readonly CcssLevelReadiness[];
  /** What stands between the aspect and the next level; empty at level III. */
  readonly blocking: readonly CcssLevelReadiness[];
}

export interface CcssReadiness {
  readonly aspects: readonly AspectReadiness[];
  /** The lowest aspect level, as CCSS defines a system's level. */
  readonly level: number;
  /** The aspects at that lowest level. */
  readonly limiting: readonly AspectReadiness[];
}

export function ccssReadiness(
  frameworks: Frameworks,
  facts: Facts,
  answers: Assessment['frameworks'],
): CcssReadiness {
  const direct = answers?.ccss ?? {};
  const aspects = frameworks.ccss.aspects.map((aspect): AspectReadiness => {
    const requirements = aspect.components.flatMap((component) =>
      component.levels.map((requirement) => {
        const key = ccssRequirementKey(component.id, requirement.level);
        return {
          component,
          requirement,
          key,
          result: evaluateRequirement(requirement, facts, direct[key]),
        };
      }),
    );
    const passes = (r: CcssLevelReadiness): boolean => STATUS_CREDIT[r.result.status] === 2;
    let level = 0;
    while (
      level < CCSS_TOP_LEVEL &&
      requirements.filter((r) => r.requirement.level === level + 1).every(passes)
    ) {
      level += 1;
    }
    const blocking = requirements.filter((r) => r.requirement.level === level + 1 && !passes(r));
    return { aspect, level, requirements, blocking };
  });
  const level = aspects.reduce((min, a) => Math.min(min, a.level), CCSS_TOP_LEVEL);
  return { aspects, level, limiting: aspects.filter((a) => a.level === level) };
}

/** Whether the crosswalks map the catalogue this assessment was answered against. */
export function crosswalkApplies(frameworks: Frameworks, assessment: Assessment): boolean {
  return assessment.catalogue.id === frameworks.seal.crosswalk.catalogue;
}

export const CCSS_LEVEL_LABEL: readonly string[] = [
  'Uncertified',
  'Level I',
  'Level II',
  'Level III',
];
