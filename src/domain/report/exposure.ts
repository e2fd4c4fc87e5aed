import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue, Control } from '../catalogue/schema.ts';
import { formatUsd } from '../format.ts';
import { targetsOf } from '../scoring/readiness.ts';
import { shortIncidentName } from './gaps.ts';
import {
  computeExposure,
  OUTCOME_LABEL,
  type BreakState,
  type ExposureOutcome,
  type IncidentExposure,
} from '../scoring/exposure.ts';

export interface ExposureRow {
  readonly id: string;
  readonly name: string;
  readonly date: string;
  readonly lossDisplay: string;
  readonly outcome: ExposureOutcome;
  readonly outcomeLabel: string;
  /** Chance that the controls as answered stop the path, 0 to 1. */
  readonly probability: number;
  /** The verdict with its chance, e.g. "Might have been stopped (P = 0.30)". */
  readonly verdictDisplay: string;
  /**
   * Which of the team's answers broke which step, at what level and with what chance; then the
   * vendor-held and uncertain breaks.
   */
  readonly detail: string;
  /** Every single answer that would improve the verdict, or why none would. */
  readonly change: string;
  /**
   * Every control the verdict counts, once each, in the order the path meets them: preventive
   * breaks with a chance, detecting, limiting or responding breaks met, and vendor assurance.
   */
  readonly counted: readonly string[];
  /** One line for a board: "Bybit-style attack (2025, $1.46B): might have been stopped (P = 0.74)". */
  readonly headline: string;
}

/**
 * Two decimals, rounded half up as a reader would: products such as 0.25 × 0.3 land a hair below
 * 0.075 in floating point and would otherwise print as 0.07.
 */
export const p2 = (p: number): string => (Math.round((p + Number.EPSILON) * 100) / 100).toFixed(2);

function answered(level: number | null): string {
  return level === null ? 'unanswered or N/A' : `at ${String(level)}`;
}

function stepName(x: IncidentExposure, index: number): string {
  return `step ${String(index + 1)} (${x.steps[index]?.title ?? ''})`;
}

function brokenLines(x: IncidentExposure): string[] {
  const lines: string[] = [];
  for (const s of x.steps) {
    const parts = s.breaks.flatMap((b): string[] => {
      if (b.holder !== 'team') return [];
      if (b.effect === 'prevents' && b.p > 0) {
        const where = b.counted ? '' : ', counted at its stronger step';
        const uncertain = b.uncertain === true ? ', uncertain' : '';
        return [
          `${b.control} ${answered(b.teamLevel)} of ${String(b.level)} (${b.kind}${uncertain}, p ${p2(b.p)}${where})`,
        ];
      }
      if (b.effect !== 'prevents' && b.met) {
        return [`${b.control} ${answered(b.teamLevel)} ${b.effect.replace('-', ' ')}`];
      }
      return [];
    });
    if (parts.length > 0) {
      const chance = s.probability > 0 ? `, P(step) ${p2(s.probability)}` : '';
      lines.push(`Step ${String(s.index + 1)} (${s.title}): ${parts.join('; ')}${chance}.`);
    }
  }
  return lines;
}

function vendorLines(x: IncidentExposure): string[] {
  const held = x.steps.flatMap((s) =>
    s.breaks
      .filter((b) => b.holder === 'vendor')
      .map((b) => `${stepName(x, s.index)} ${b.control}`),
  );
  if (held.length === 0) return [];
  let line = `Vendor-held, not credited through the team's own answers: ${held.join('; ')}.`;
  if (x.vendor) {
    const answers = x.vendor.answers.map((a) => `${a.control} ${answered(a.teamLevel)}`);
    line +=
      answers.length === 0
        ? ' The catalogue names no vendor-assurance answers, so they count for nothing.'
        : ` Counted once through vendor assurance (${answers.join(', ')}): p ${p2(x.vendor.probability)}.`;
  } else {
    line += ' None prevents a step, so vendor assurance does not enter.';
  }
  return [line];
}

function uncertainLines(x: IncidentExposure): string[] {
  return x.steps.flatMap((s) =>
    s.breaks
      .filter((b): b is BreakState & { because: string } => b.uncertain === true)
      .map((b) => `Uncertain: ${stepName(x, s.index)} ${b.control}: ${b.because}`),
  );
}

function changeText(x: IncidentExposure): string {
  if (x.outcome === 'likely') return 'Already the strongest verdict.';
  if (x.changes.length === 0) {
    const c = x.ceiling;
    if (c.raised.length > 0 && c.outcome !== x.outcome) {
      const all = c.raised.map((r) => `${r.control} to ${String(r.level)}`).join(', ');
      return `No single answer improves this verdict; all of ${all} together: ${OUTCOME_LABEL[c.outcome].toLowerCase()} (P = ${p2(c.probability)}).`;
    }
    const prevents = x.steps.some((s) =>
      s.breaks.some((b) => b.holder === 'team' && b.effect === 'prevents'),
    );
    if (!prevents && x.vendor === null) {
      return 'The attack path names no preventive control the team holds, so no answer here stops it.';
    }
    return `No answer the attack path names changes this verdict: with every break met it stays ${OUTCOME_LABEL[c.outcome].toLowerCase()} (P = ${p2(c.probability)}), because the rest are uncertain, held by a vendor or not technical.`;
  }
  return x.changes
    .map(
      (c) =>
        `${c.control} from ${c.teamLevel === null ? 'unanswered or N/A' : String(c.teamLevel)} to ${String(c.level)}: ${OUTCOME_LABEL[c.outcome].toLowerCase()} (P = ${p2(c.probability)})`,
    )
    .join('; ')
    .concat('.');
}

function countedControls(x: IncidentExposure): string[] {
  const ids = x.steps.flatMap((s) =>
    s.breaks
      .filter(
        (b) =>
          b.holder === 'team' &&
          ((b.effect === 'prevents' && b.counted) || (b.effect !== 'prevents' && b.met)),
      )
      .map((b) => b.control),
  );
  const vendor =
    x.vendor !== null && x.vendor.probability > 0
      ? x.vendor.answers
          .filter((a) => a.teamLevel !== null && a.teamLevel > 0)
          .map((a) => a.control)
      : [];
  return [...new Set([...ids, ...vendor])];
}

/** What the verdict says a board should know, in words: for "contained", what was in place. */
function verdictWords(x: IncidentExposure): string {
  const chance = `P = ${p2(x.probability)}`;
  if (x.outcome === 'likely') return `would likely have been stopped (${chance})`;
  if (x.outcome === 'possible') return `might have been stopped (${chance})`;
  const met = new Set(
    x.steps.flatMap((s) =>
      s.breaks
        .filter((b) => b.holder === 'team' && b.met && b.effect !== 'prevents')
        .map((b) => b.effect),
    ),
  );
  const did = [
    met.has('detects') ? 'detected' : '',
    met.has('limits-loss') ? 'loss limited' : '',
    met.has('speeds-response') ? 'response sped up' : '',
  ].filter((w) => w !== '');
  if (x.outcome === 'contained') {
    return `not stopped, ${did.join(' and ')}${did.length === 1 ? ' only' : ''} (${chance})`;
  }
  return `not stopped, not detected, loss not limited (${chance})`;
}

/**
 * For a step the public record leaves unexplained (no break can be named because the route is
 * unknown), the controls that prevent its vector whatever the route, and where the team stands on
 * each: the mapping cannot credit them, but they are what would help.
 */
function unknownRouteText(
  catalogue: Catalogue,
  assessment: Assessment,
  x: IncidentExposure,
  targets: Readonly<Record<string, number>>,
  vectorName: ReadonlyMap<string, string>,
): string | null {
  const lines = x.incident.steps.flatMap((step, i) => {
    if (step.breaks.length > 0 || (step.unknowns ?? []).length === 0) return [];
    const vector = step.vector ?? x.incident.vectors[0];
    if (vector === undefined) return [];
    const preventing = preventersOf(catalogue).get(vector) ?? [];
    const below: string[] = [];
    const met: string[] = [];
    for (const c of preventing) {
      const answer = assessment.answers[c.id];
      const target = targets[c.id] ?? c.baseline;
      if (answer?.status === 'na') continue;
      const level = answer?.status === 'level' ? answer.level : null;
      if (level !== null && level >= target) met.push(c.id);
      else
        below.push(`${c.id} ${level === null ? 'unanswered' : String(level)} of ${String(target)}`);
    }
    const name = vectorName.get(vector) ?? vector;
    return [
      `Step ${String(i + 1)} (${step.title}) has no known route, so no control is credited with ` +
        `breaking it. What would help whatever the route: the controls that prevent ${name.toLowerCase()}; ` +
        `below target: ${below.join(', ') || 'none'}; at target: ${met.join(', ') || 'none'}.`,
    ];
  });
  return lines.length === 0 ? null : lines.join(' ');
}

const preventerCache = new WeakMap<Catalogue, ReadonlyMap<string, readonly Control[]>>();

/**
 * Per vector, the controls that prevent it, in catalogue order; kept per catalogue (never
 * mutated). Filtering every control for each unexplained step cost a pass over the catalogue per
 * step and report.
 */
function preventersOf(catalogue: Catalogue): ReadonlyMap<string, readonly Control[]> {
  let index = preventerCache.get(catalogue);
  if (!index) {
    const map = new Map<string, Control[]>();
    for (const c of catalogue.controls) {
      // A control listing a vector twice is still one preventer of it, as `some` counts it.
      const vectors = new Set(
        c.vectors.filter((v) => v.effects.includes('prevents')).map((v) => v.vector),
      );
      for (const vector of vectors) {
        const list = map.get(vector);
        if (list) list.push(c);
        else map.set(vector, [c]);
      }
    }
    index = map;
    preventerCache.set(catalogue, index);
  }
  return index;
}

/** Each real incident of the catalogue replayed against the answers. */
export function exposureRows(catalogue: Catalogue, assessment: Assessment): ExposureRow[] {
  const targets = targetsOf(assessment);
  const vectorName = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
  return computeExposure(catalogue, assessment.answers).map((x) => {
    const broken = brokenLines(x);
    const counted = countedControls(x);
    const detail = [
      ...(broken.length > 0
        ? broken
        : ['No step of the attack path is broken by the controls as answered.']),
      ...vendorLines(x),
      ...uncertainLines(x),
      `Controls counted: ${counted.join(', ') || 'none'}.`,
    ].join('\n');
    const unknown = unknownRouteText(catalogue, assessment, x, targets, vectorName);
    const lead = shortIncidentName(x.incident).replace(/ \d{4}$/, '');
    return {
      id: x.incident.id,
      name: x.incident.name,
      date: x.incident.date,
      lossDisplay: formatUsd(x.incident.loss.usd),
      outcome: x.outcome,
      outcomeLabel: OUTCOME_LABEL[x.outcome],
      probability: x.probability,
      verdictDisplay: `${OUTCOME_LABEL[x.outcome]} (P = ${p2(x.probability)})`,
      detail,
      change: unknown === null ? changeText(x) : `${changeText(x)}\n${unknown}`,
      counted,
      headline: `${lead}-style attack (${x.incident.date.slice(0, 4)}, ${formatUsd(x.incident.loss.usd)}): ${verdictWords(x)}`,
    };
  });
}
