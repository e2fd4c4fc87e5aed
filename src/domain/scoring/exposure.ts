import type { Answer, Assessment } from '../assessment/schema.ts';
import type {
  BreakKind,
  Catalogue,
  Incident,
  StepBreak,
  VectorEffect,
} from '../catalogue/schema.ts';
import { EFFORT_UNITS } from './risk.ts';

/**
 * Incident exposure: replays each real incident's attack path against the team's answers and says
 * how likely the controls as answered were to stop it. The break mapping is analysis, and every
 * figure below is an assumption, so the verdict claims no more than the mapping and the figures
 * support: training alone can never make an incident "likely stopped", a vendor's control counts
 * only through what the team knows of its vendors, and a break the incident's own unknowns leave
 * open counts for less.
 */
export type ExposureOutcome = 'likely' | 'possible' | 'contained' | 'not-stopped';

/** Best first: a verdict is never worse than one later in this list. */
export const OUTCOME_ORDER: readonly ExposureOutcome[] = [
  'likely',
  'possible',
  'contained',
  'not-stopped',
];

export const OUTCOME_LABEL: Readonly<Record<ExposureOutcome, string>> = {
  likely: 'Would likely have been stopped',
  possible: 'Might have been stopped',
  contained: 'Detected or loss limited',
  'not-stopped': 'Not stopped',
};

/** Chance that a fully attained preventive control of each kind breaks its step. */
export const EFFICACY: Readonly<Record<BreakKind, number>> = {
  technical: 0.9,
  procedure: 0.6,
  training: 0.25,
};

/** Share of the efficacy a team keeps one level below the break's level (never at level 0). */
export const ONE_LEVEL_BELOW = 0.3;

/** Multiplies the chance of a break the incident's own unknowns leave open. */
export const UNCERTAIN_FACTOR = 0.5;

/**
 * Chance that the team's vendor assurance, fully attained, would have made a vendor's control hold:
 * contract terms and reviews bind a vendor, they do not operate its controls.
 */
export const VENDOR_ASSURANCE_EFFICACY = 0.2;

/** The level at which the vendor-assurance answers count in full (Established). */
export const VENDOR_ASSURANCE_LEVEL = 2;

/** "Would likely have been stopped" at or above this chance (with a certain technical break met). */
export const LIKELY = 0.8;

/** "Might have been stopped" at or above this chance. */
export const POSSIBLE = 0.3;

export interface BreakState extends StepBreak {
  /** The team's level for the control, or null when unanswered or not applicable. */
  readonly teamLevel: number | null;
  /** The team has the control at or above the break's level. */
  readonly met: boolean;
  /**
   * Chance that this break stops the step through the team's own answer; 0 for a vendor-held break
   * (it counts through vendor assurance) and for breaks that detect, limit or respond.
   */
  readonly p: number;
  /**
   * For a team-held preventive break with p > 0: false when the same control breaks another step
   * with a larger chance (or an equal one earlier), where it is counted instead. One control does
   * not fail independently twice.
   */
  readonly counted: boolean;
}

export interface StepExposure {
  readonly index: number;
  readonly title: string;
  readonly breaks: readonly BreakState[];
  /** 1 − Π(1 − p) over the step's counted breaks. */
  readonly probability: number;
}

export interface VendorAssurance {
  /** The vendor-assurance controls with the team's levels, in catalogue order. */
  readonly answers: readonly { readonly control: string; readonly teamLevel: number | null }[];
  /** The best attainment factor among them (0 to 1). */
  readonly attainment: number;
  /** VENDOR_ASSURANCE_EFFICACY × attainment when the incident has a preventive vendor-held break. */
  readonly probability: number;
}

/** One answer raised to what a break names, and the verdict it would give. */
export interface VerdictChange {
  readonly control: string;
  readonly level: number;
  readonly teamLevel: number | null;
  readonly outcome: ExposureOutcome;
  readonly probability: number;
}

export interface IncidentExposure {
  readonly incident: Incident;
  readonly outcome: ExposureOutcome;
  /** Chance that the team's controls stop the attack path, 0 to 1. */
  readonly probability: number;
  readonly steps: readonly StepExposure[];
  /** Present when the incident has a preventive vendor-held break. */
  readonly vendor: VendorAssurance | null;
  /**
   * Every single answer that, raised alone to the level a break names, would improve the verdict:
   * the better verdict first, then the least effort, then the larger chance.
   */
  readonly changes: readonly VerdictChange[];
  /**
   * The verdict with every answer the breaks name raised to its level at once, and those answers:
   * the most this incident's mapping lets the team claim.
   */
  readonly ceiling: {
    readonly raised: readonly { readonly control: string; readonly level: number }[];
    readonly outcome: ExposureOutcome;
    readonly probability: number;
  };
}

type Answers = Assessment['answers'];

function levelOf(answer: Answer | undefined): number | null {
  return answer?.status === 'level' ? answer.level : null;
}

/** 1 at or above the level named, ONE_LEVEL_BELOW one level under it (above 0), else 0. */
export function attainmentFactor(teamLevel: number | null, level: number): number {
  if (teamLevel === null || teamLevel <= 0) return 0;
  if (teamLevel >= level) return 1;
  return teamLevel === level - 1 ? ONE_LEVEL_BELOW : 0;
}

/** The chance that one break, through the team's own answer, stops its step. */
export function breakProbability(b: StepBreak, teamLevel: number | null): number {
  if (b.holder === 'vendor' || b.effect !== 'prevents') return 0;
  const factor = b.uncertain === true ? UNCERTAIN_FACTOR : 1;
  return EFFICACY[b.kind] * attainmentFactor(teamLevel, b.level) * factor;
}

const AMELIORATING: readonly VectorEffect[] = ['detects', 'limits-loss', 'speeds-response'];

/** The team's level for a control id, or null when unanswered or not applicable. */
type LevelLookup = (control: string) => number | null;

/**
 * What a replay decides, before it is written out as states: per break (by step, then in the
 * step's order) the team's level, its chance and whether it is counted; per step its chance; the
 * vendor term; the verdict. The search for answers that improve a verdict replays an incident
 * once per candidate and needs only the verdict, so it stops here instead of building a state
 * object per break: one code path for the arithmetic either way.
 */
interface Decision {
  readonly levels: readonly (readonly (number | null)[])[];
  readonly chances: readonly (readonly number[])[];
  readonly counted: readonly (readonly boolean[])[];
  readonly stepProbability: readonly number[];
  /** The vendor-assurance attainment, or null when no vendor-held break prevents a step. */
  readonly vendorAttainment: number | null;
  readonly probability: number;
  readonly outcome: ExposureOutcome;
}

function decide(
  incident: Incident,
  levelAt: LevelLookup,
  assuranceIds: readonly string[],
): Decision {
  const levels = incident.steps.map((step) => step.breaks.map((b) => levelAt(b.control)));
  const chances = incident.steps.map((step, s) =>
    step.breaks.map((b, index) => breakProbability(b, levels[s]?.[index] ?? null)),
  );
  // Where each control is counted: its largest chance, the earliest step on a tie.
  const best = new Map<string, { step: number; index: number; p: number }>();
  incident.steps.forEach((step, s) =>
    step.breaks.forEach((b, index) => {
      const p = chances[s]?.[index] ?? 0;
      const seen = best.get(b.control);
      if (p > 0 && (seen === undefined || p > seen.p)) best.set(b.control, { step: s, index, p });
    }),
  );
  const counted = incident.steps.map((step, s) =>
    step.breaks.map((b, index) => {
      const at = best.get(b.control);
      return (chances[s]?.[index] ?? 0) > 0 && at?.step === s && at.index === index;
    }),
  );
  const stepProbability = incident.steps.map(
    (step, s) =>
      1 -
      step.breaks.reduce(
        (q, _, index) => (counted[s]?.[index] === true ? q * (1 - (chances[s]?.[index] ?? 0)) : q),
        1,
      ),
  );

  const hasVendorPrevention = incident.steps.some((s) =>
    s.breaks.some((b) => b.holder === 'vendor' && b.effect === 'prevents'),
  );
  const vendorAttainment = hasVendorPrevention
    ? Math.max(
        0,
        ...assuranceIds.map((control) =>
          attainmentFactor(levelAt(control), VENDOR_ASSURANCE_LEVEL),
        ),
      )
    : null;
  const vendorProbability =
    vendorAttainment === null ? 0 : VENDOR_ASSURANCE_EFFICACY * vendorAttainment;

  const stopped = 1 - stepProbability.reduce((q, p) => q * (1 - p), 1) * (1 - vendorProbability);
  const probability = Math.min(1, Math.max(0, stopped));
  // Set in the callbacks below; typed as boolean so the checker does not narrow them to false.
  let certainTechnical = false as boolean;
  let ameliorated = false as boolean;
  incident.steps.forEach((step, s) => {
    step.breaks.forEach((b, index) => {
      const teamLevel = levels[s]?.[index] ?? null;
      if (b.holder !== 'team' || teamLevel === null || teamLevel < b.level) return;
      if (b.effect === 'prevents' && b.kind === 'technical' && b.uncertain !== true)
        certainTechnical = true;
      if (AMELIORATING.includes(b.effect)) ameliorated = true;
    });
  });
  const outcome: ExposureOutcome =
    probability >= LIKELY && certainTechnical
      ? 'likely'
      : probability >= POSSIBLE
        ? 'possible'
        : ameliorated
          ? 'contained'
          : 'not-stopped';
  return { levels, chances, counted, stepProbability, vendorAttainment, probability, outcome };
}

function replay(
  incident: Incident,
  levelAt: LevelLookup,
  assuranceIds: readonly string[],
): Omit<IncidentExposure, 'changes' | 'ceiling'> {
  const d = decide(incident, levelAt, assuranceIds);
  const steps: StepExposure[] = incident.steps.map((step, s) => ({
    index: s,
    title: step.title,
    breaks: step.breaks.map((b, index): BreakState => {
      const teamLevel = d.levels[s]?.[index] ?? null;
      return {
        ...b,
        teamLevel,
        met: teamLevel !== null && teamLevel >= b.level,
        p: d.chances[s]?.[index] ?? 0,
        counted: d.counted[s]?.[index] === true,
      };
    }),
    probability: d.stepProbability[s] ?? 0,
  }));
  const vendor: VendorAssurance | null =
    d.vendorAttainment === null
      ? null
      : {
          answers: assuranceIds.map((control) => ({ control, teamLevel: levelAt(control) })),
          attainment: d.vendorAttainment,
          probability: VENDOR_ASSURANCE_EFFICACY * d.vendorAttainment,
        };
  return { incident, outcome: d.outcome, probability: d.probability, steps, vendor };
}

const rank = (o: ExposureOutcome): number => OUTCOME_ORDER.indexOf(o);

interface ControlFacts {
  readonly effort: ReadonlyMap<string, number>;
  readonly tops: ReadonlyMap<string, number>;
}

const factsCache = new WeakMap<Catalogue, ControlFacts>();

/**
 * Each control's effort units and top level by id, kept per catalogue (never mutated): building
 * them for every report walked all controls twice, while the replay reads a few dozen.
 */
function controlFacts(catalogue: Catalogue): ControlFacts {
  let facts = factsCache.get(catalogue);
  if (!facts) {
    facts = {
      effort: new Map(catalogue.controls.map((c) => [c.id, EFFORT_UNITS[c.effort]])),
      tops: new Map(catalogue.controls.map((c) => [c.id, c.levels.length - 1])),
    };
    factsCache.set(catalogue, facts);
  }
  return facts;
}

export function computeExposure(catalogue: Catalogue, answers: Answers): IncidentExposure[] {
  const assuranceIds = catalogue.vendorAssurance ?? [];
  const { effort, tops } = controlFacts(catalogue);
  // A saved level above the control's scale (an answer from a catalogue with a longer scale)
  // says nothing the replay can credit, as readiness gives it no attainment.
  const levelAt: LevelLookup = (control) => {
    const level = levelOf(answers[control]);
    const top = tops.get(control);
    return level !== null && top !== undefined && level > top ? null : level;
  };
  return catalogue.incidents.map((incident) => {
    const now = replay(incident, levelAt, assuranceIds);
    // Candidates: every level a team-held break names above the team's answer, and the
    // vendor-assurance controls at their level when a vendor-held break could use them.
    const candidates = new Map<string, number[]>();
    const consider = (control: string, level: number): void => {
      const teamLevel = levelAt(control);
      if (teamLevel !== null && teamLevel >= level) return;
      const levels = candidates.get(control) ?? [];
      if (!levels.includes(level))
        candidates.set(
          control,
          [...levels, level].sort((a, b) => a - b),
        );
    };
    for (const s of now.steps) {
      for (const b of s.breaks) if (b.holder === 'team') consider(b.control, b.level);
    }
    if (now.vendor) for (const a of now.vendor.answers) consider(a.control, VENDOR_ASSURANCE_LEVEL);
    // The raised levels are looked up over the answers instead of merged into a copy of them:
    // copying every answer for every candidate made a 10,000-control report take seconds.
    const raise = (extra: ReadonlyMap<string, number>): Decision =>
      decide(incident, (control) => extra.get(control) ?? levelAt(control), assuranceIds);
    const changes: VerdictChange[] = [];
    for (const [control, levels] of candidates) {
      // The lowest level that improves the verdict is the cheapest way to claim it.
      for (const level of levels) {
        const raised = raise(new Map([[control, level]]));
        if (rank(raised.outcome) < rank(now.outcome)) {
          changes.push({
            control,
            level,
            teamLevel: levelOf(answers[control]),
            outcome: raised.outcome,
            probability: raised.probability,
          });
          break;
        }
      }
    }
    changes.sort(
      (a, b) =>
        rank(a.outcome) - rank(b.outcome) ||
        (effort.get(a.control) ?? 0) - (effort.get(b.control) ?? 0) ||
        b.probability - a.probability ||
        (a.control < b.control ? -1 : a.control > b.control ? 1 : 0),
    );
    const raised = [...candidates].map(([control, levels]) => ({
      control,
      level: Math.max(...levels),
    }));
    const all = raise(new Map(raised.map((r) => [r.control, r.level])));
    return {
      ...now,
      changes,
      ceiling: { raised, outcome: all.outcome, probability: all.probability },
    };
  });
}
