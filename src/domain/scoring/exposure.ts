import type { Answer, Assessment } from '../assessment/schema.ts';
import type { Catalogue, Incident, StepBreak, VectorEffect } from '../catalogue/schema.ts';

/**
 * Incident exposure: replays each real incident's attack path against the team's answers. A step
 * is broken by a control the team has at or above the level the scenario names. An attack path
 * is a chain, so one prevented step prevents the incident; otherwise the strongest remaining
 * effect decides the outcome (detected before limited). Unanswered and not-applicable controls
 * break nothing: the team has not shown that they are in place.
 */
export type ExposureOutcome = 'prevented' | 'detected' | 'limited' | 'not-stopped';

export const OUTCOME_LABEL: Readonly<Record<ExposureOutcome, string>> = {
  prevented: 'Prevented',
  detected: 'Detected',
  limited: 'Loss limited',
  'not-stopped': 'Not stopped',
};

export interface BreakState extends StepBreak {
  /** The team's level for the control, or null when unanswered or not applicable. */
  readonly teamLevel: number | null;
  readonly met: boolean;
}

export interface StepExposure {
  readonly index: number;
  readonly title: string;
  readonly breaks: readonly BreakState[];
  /** The effects of the breaks the team meets. */
  readonly effects: readonly VectorEffect[];
}

export interface IncidentExposure {
  readonly incident: Incident;
  readonly outcome: ExposureOutcome;
  /** 0-based index of the first step the team's controls break, or null. */
  readonly firstBrokenStep: number | null;
  readonly steps: readonly StepExposure[];
  /**
   * Preventive breaks the team does not meet, each with the level needed: what would have turned
   * this incident into a prevented one. Empty when it is already prevented.
   */
  readonly missingPrevention: readonly BreakState[];
}

function levelOf(answer: Answer | undefined): number | null {
  return answer?.status === 'level' ? answer.level : null;
}

export function computeExposure(
  catalogue: Catalogue,
  answers: Assessment['answers'],
): IncidentExposure[] {
  return catalogue.incidents.map((incident) => {
    const steps: StepExposure[] = incident.steps.map((step, index) => {
      const breaks = step.breaks.map((b) => {
        const teamLevel = levelOf(answers[b.control]);
        return { ...b, teamLevel, met: teamLevel !== null && teamLevel >= b.level };
      });
      const effects = [...new Set(breaks.filter((b) => b.met).map((b) => b.effect))];
      return { index, title: step.title, breaks, effects };
    });
    const has = (effect: VectorEffect): boolean => steps.some((s) => s.effects.includes(effect));
    const outcome: ExposureOutcome = has('prevents')
      ? 'prevented'
      : has('detects')
        ? 'detected'
        : has('limits-loss') || has('speeds-response')
          ? 'limited'
          : 'not-stopped';
    const first = steps.findIndex((s) => s.effects.length > 0);
    const missingPrevention =
      outcome === 'prevented'
        ? []
        : steps.flatMap((s) => s.breaks.filter((b) => b.effect === 'prevents' && !b.met));
    return {
      incident,
      outcome,
      firstBrokenStep: first === -1 ? null : first,
      steps,
      missingPrevention,
    };
  });
}
