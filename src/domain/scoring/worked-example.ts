import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue, Control } from '../catalogue/schema.ts';
import type { ThreatProfile } from '../threat/profile.ts';
import {
  computeRisk,
  EFFORT_UNITS,
  MITIGATION_EFFICACY,
  PREVENTION_EFFICACY,
  type RiskResult,
} from './risk.ts';
import { idOrder, SEVERITY_WEIGHT, type ControlScore } from './readiness.ts';

/**
 * The worked example printed in every report's methodology. The text is built from the engine's
 * own result, and a unit test checks the same numbers against hand arithmetic, so the page a
 * reader recomputes and the code that scores their assessment cannot drift apart.
 */

function control(
  partial: Pick<Control, 'id' | 'domain' | 'title' | 'severity' | 'effort' | 'vectors'>,
): Control {
  return {
    objective: 'Example.',
    rationale: 'Example.',
    levels: ['Absent', 'Initial', 'Established', 'Verified'],
    baseline: 2,
    verification: 'Example.',
    evidence: ['Example.'],
    ...partial,
  };
}

export const WORKED_CATALOGUE: Catalogue = {
  meta: { id: 'worked-example', name: 'Worked example', version: '1.0.0', description: 'Example.' },
  scale: ['Absent', 'Initial', 'Established', 'Verified'].map((name, level) => ({
    level,
    name,
    meaning: name,
  })),
  domains: [
    { id: 'keys', name: 'Keys', prefix: 'KEY', description: 'Example.' },
    { id: 'approvals', name: 'Approvals', prefix: 'APR', description: 'Example.' },
    { id: 'incident-response', name: 'Incident response', prefix: 'IR', description: 'Example.' },
  ],
  vectors: [
    { id: 'key-compromise', name: 'Key compromise', description: 'Example.' },
    { id: 'smart-contract-exploit', name: 'Smart-contract exploit', description: 'Example.' },
  ],
  controls: [
    control({
      id: 'KEY-01',
      domain: 'keys',
      title: 'Keys in hardware',
      severity: 'critical',
      effort: 'M',
      vectors: [{ vector: 'key-compromise', effects: ['prevents'] }],
    }),
    control({
      id: 'APR-01',
      domain: 'approvals',
      title: 'Timelock on upgrades',
      severity: 'medium',
      effort: 'S',
      vectors: [{ vector: 'smart-contract-exploit', effects: ['prevents'] }],
    }),
    control({
      id: 'IR-01',
      domain: 'incident-response',
      title: 'Monitoring with paging',
      severity: 'high',
      effort: 'M',
      vectors: [
        { vector: 'key-compromise', effects: ['detects'] },
        { vector: 'smart-contract-exploit', effects: ['detects'] },
      ],
    }),
  ],
  incidents: [],
  profiles: [],
};

export const WORKED_PROFILE: ThreatProfile = {
  id: 'worked-example',
  name: 'Worked example',
  period: 'example',
  description: 'Two vectors.',
  sources: [],
  shares: [
    {
      vector: 'key-compromise',
      incidents: 0.15,
      loss: 0.76,
      incidentsBasis: 'assumption',
      lossBasis: 'assumption',
      note: 'Example.',
    },
    {
      vector: 'smart-contract-exploit',
      incidents: 0.6,
      loss: 0.24,
      incidentsBasis: 'assumption',
      lossBasis: 'assumption',
      note: 'Example.',
    },
  ],
};

export const WORKED_ANSWERS: Assessment['answers'] = {
  'KEY-01': { status: 'level', level: 1 },
  'APR-01': { status: 'level', level: 0 },
  'IR-01': { status: 'level', level: 2 },
};

export function workedExampleResult(): RiskResult {
  return computeRisk(WORKED_CATALOGUE, WORKED_ANSWERS, WORKED_PROFILE);
}

const n2 = (x: number): string => x.toFixed(2);
const n3 = (x: number): string => x.toFixed(3);
const n1 = (x: number): string => x.toFixed(1);

/** The example as numbered steps a reader can follow with a calculator. */
export function workedExampleSteps(): string[] {
  const r = workedExampleResult();
  const [key, sc] = r.vectors;
  const get = (id: string) => r.controls.find((c) => c.score.control.id === id);
  const k = get('KEY-01');
  const a = get('APR-01');
  const i = get('IR-01');
  if (!key || !sc || !k || !a || !i) throw new Error('worked example is incomplete');
  const alpha = PREVENTION_EFFICACY;
  const beta = MITIGATION_EFFICACY;
  const weightSum = k.score.weight + a.score.weight + i.score.weight;
  return [
    `A profile with two vectors: key compromise (${n2(key.incidentShare)} of incidents, ${n2(key.lossShare)} of loss) and smart-contract exploit (${n2(sc.incidentShare)}, ${n2(sc.lossShare)}). Cost per incident relative to average: ${n2(key.lossShare)} / ${n2(key.incidentShare)} = ${n2(key.costMultiplier ?? 0)} against ${n2(sc.lossShare)} / ${n2(sc.incidentShare)} = ${n2(sc.costMultiplier ?? 0)}. The loss shares add up to 1, so the weights are ŵ = ${n2(key.exposure / 100)} and ${n2(sc.exposure / 100)}.`,
    `Three controls, target level 2. KEY-01 (critical, weight ${String(k.score.weight)}) prevents key compromise and is at level 1: attainment 1 / 2 = ${n2(k.score.attainment ?? 0)}. APR-01 (medium, weight ${String(a.score.weight)}) prevents smart-contract exploits and is at level 0: attainment ${n2(a.score.attainment ?? 0)}. IR-01 (high, weight ${String(i.score.weight)}) detects both and is at level 2: attainment ${n2(i.score.attainment ?? 0)}.`,
    `Key compromise: P = ${n2(key.prevention)}, M = ${n2(key.mitigation)}, residual = ${n2(key.exposure / 100)} × (1 − ${String(alpha)} × ${n2(key.prevention)}) × (1 − ${String(beta)} × ${n2(key.mitigation)}) = ${n3(key.residual / 100)}.`,
    `Smart-contract exploit: P = ${n2(sc.prevention)}, M = ${n2(sc.mitigation)}, residual = ${n2(sc.exposure / 100)} × (1 − ${String(alpha)} × ${n2(sc.prevention)}) × (1 − ${String(beta)} × ${n2(sc.mitigation)}) = ${n3(sc.residual / 100)}.`,
    `Residual risk = 100 × (${n3(key.residual / 100)} + ${n3(sc.residual / 100)}) = ${n1(r.residualRisk)}. Readiness = 100 × (${String(k.score.weight)} × ${n2(k.score.attainment ?? 0)} + ${String(a.score.weight)} × ${n2(a.score.attainment ?? 0)} + ${String(i.score.weight)} × ${n2(i.score.attainment ?? 0)}) / ${String(weightSum)} = ${n1(r.readiness.readiness ?? 0)}.`,
    `Raising KEY-01 to target makes key compromise's P = 1, so its residual falls to ${n2(key.exposure / 100)} × ${n2(1 - alpha)} × ${n2(1 - beta * key.mitigation)}, removing ${n1(k.riskRemoved)} points; raising APR-01 removes ${n1(a.riskRemoved)}. KEY-01 tops the plan. Per unit of effort (M = ${String(EFFORT_UNITS.M)}, S = ${String(EFFORT_UNITS.S)}) the order flips: ${n1(k.riskRemovedPerEffort)} against ${n1(a.riskRemovedPerEffort)}.`,
  ];
}

export const SEVERITY_WEIGHTS_TEXT = Object.entries(SEVERITY_WEIGHT)
  .map(([severity, weight]) => `${severity} ${String(weight)}`)
  .join(', ');

export interface OwnGapTerm {
  readonly vectorId: string;
  readonly name: string;
  /** ŵ(v). */
  readonly weight: number;
  readonly preventers: readonly { id: string; weight: number; attainment: number }[];
  readonly mitigators: readonly { id: string; weight: number; attainment: number }[];
  readonly p: number;
  readonly m: number;
  readonly residual: number;
  /** P, M and the residual with the gap at target, others as answered. */
  readonly pAtTarget: number;
  readonly mAtTarget: number;
  readonly residualAtTarget: number;
}

export interface OwnGapExample {
  readonly controlId: string;
  readonly terms: readonly OwnGapTerm[];
  /** 100 × Σ (residual − residual at target): the plan's "risk removed". */
  readonly riskRemoved: number;
}

/**
 * The report's own top gap, recomputed term by term from the answers as a reader would by hand:
 * for each vector the gap addresses, P and M from the controls that make them up, the residual
 * now and with the gap at target. A unit test checks every figure against `computeRisk`.
 */
export function ownGapExample(risk: RiskResult, catalogue?: Catalogue): OwnGapExample | null {
  const top = risk.rankedGaps[0];
  if (!top) return null;
  const alpha = risk.prevention;
  const beta = risk.mitigation;
  const gapId = top.score.control.id;
  const byVector = new Map(risk.vectors.map((v) => [v.vectorId, v]));
  const totalExposure = risk.vectors.reduce((t, v) => t + v.exposure, 0);
  // The controls behind each of the gap's vectors, gathered in one pass over the scores in id
  // order: the same lists as sorting every applicable control by id and filtering it per vector
  // (the sort is stable and filtering keeps order), without sorting 10,000 controls. The id order
  // is the catalogue's cached one when the scores are its controls in order, else sorted here.
  const wanted = new Set(top.score.control.vectors.map((l) => l.vector));
  const lists = new Map<string, { preventing: ControlScore[]; mitigating: ControlScore[] }>();
  for (const vector of wanted) lists.set(vector, { preventing: [], mitigating: [] });
  for (const i of scoreOrder(risk, catalogue)) {
    const s = risk.controls[i]?.score;
    if (s?.attainment == null) continue;
    // A control may list a vector more than once; its links to a vector count together.
    const links = s.control.vectors;
    for (let k = 0; k < links.length; k++) {
      const link = links[k];
      const list = link === undefined ? undefined : lists.get(link.vector);
      if (!link || !list) continue;
      // Counted once per vector, at its first link to it.
      if (links.findIndex((l) => l.vector === link.vector) !== k) continue;
      let prevents = false;
      let mitigates = false;
      for (const l of links) {
        if (l.vector !== link.vector) continue;
        if (l.effects.some((e) => e === 'prevents')) prevents = true;
        if (l.effects.some((e) => e !== 'prevents')) mitigates = true;
      }
      if (prevents) list.preventing.push(s);
      if (mitigates) list.mitigating.push(s);
    }
  }
  const terms = top.score.control.vectors.flatMap((link): OwnGapTerm[] => {
    const v = byVector.get(link.vector);
    if (!v) return [];
    const members = (mitigating: boolean) => {
      const list = lists.get(link.vector);
      return ((mitigating ? list?.mitigating : list?.preventing) ?? []).map((s) => ({
        id: s.control.id,
        weight: s.weight,
        attainment: s.attainment ?? 0,
      }));
    };
    const preventers = members(false);
    const mitigators = members(true);
    const ratio = (list: typeof preventers, raised: boolean): number => {
      const w = list.reduce((t, c) => t + c.weight, 0);
      if (w === 0) return 0;
      const sum = list.reduce(
        (t, c) => t + c.weight * (raised && c.id === gapId ? 1 : c.attainment),
        0,
      );
      return sum / w;
    };
    const weight = totalExposure === 0 ? 0 : v.exposure / 100;
    const p = ratio(preventers, false);
    const m = ratio(mitigators, false);
    const pAtTarget = ratio(preventers, true);
    const mAtTarget = ratio(mitigators, true);
    return [
      {
        vectorId: v.vectorId,
        name: v.name,
        weight,
        preventers,
        mitigators,
        p,
        m,
        residual: weight * (1 - alpha * p) * (1 - beta * m),
        pAtTarget,
        mAtTarget,
        residualAtTarget: weight * (1 - alpha * pAtTarget) * (1 - beta * mAtTarget),
      },
    ];
  });
  const riskRemoved = 100 * terms.reduce((t, x) => t + x.residual - x.residualAtTarget, 0);
  return { controlId: gapId, terms, riskRemoved };
}

/**
 * Indices of `risk.controls` in control id order: the catalogue's cached order when the scores are
 * its controls in order (as `computeRisk` gives them), else sorted here.
 */
function scoreOrder(risk: RiskResult, catalogue: Catalogue | undefined): readonly number[] {
  const { controls } = risk;
  if (
    catalogue?.controls.length === controls.length &&
    catalogue.controls.every((c, i) => controls[i]?.score.control === c)
  )
    return idOrder(catalogue);
  const ids = controls.map((c) => c.score.control.id);
  return ids
    .map((_, i) => i)
    .sort((a, b) => {
      const x = ids[a] ?? '';
      const y = ids[b] ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
}

const n4 = (x: number): string => x.toFixed(4);

/** The own-gap example as numbered steps; null when the assessment has no gap. */
export function ownGapExampleSteps(risk: RiskResult, catalogue?: Catalogue): string[] | null {
  const ex = ownGapExample(risk, catalogue);
  const top = risk.rankedGaps[0];
  if (!ex || !top) return null;
  const s = top.score;
  const alpha = String(risk.prevention);
  const beta = String(risk.mitigation);
  // Thousands of terms at 10,000 controls, over a handful of distinct weights and attainments:
  // each "w × a" is formatted once.
  const factors = new Map<number, Map<number, string>>();
  const factor = (weight: number, attainment: number): string => {
    let byAttainment = factors.get(weight);
    if (!byAttainment) {
      byAttainment = new Map();
      factors.set(weight, byAttainment);
    }
    let text = byAttainment.get(attainment);
    if (text === undefined) {
      text = ` ${String(weight)} × ${n2(attainment)}`;
      byAttainment.set(attainment, text);
    }
    return text;
  };
  const list = (cs: OwnGapTerm['preventers']): string =>
    cs.length === 0
      ? 'none, so 0'
      : `(${cs.map((c) => c.id + factor(c.weight, c.attainment)).join(' + ')}) / ${String(cs.reduce((t, c) => t + c.weight, 0))}`;
  return [
    `Your report's top gap is ${s.control.id} ${s.control.title}: level ${s.level === null ? 'unanswered (counted as 0)' : String(s.level)}, target ${String(s.target)}, severity weight ${String(s.weight)}, attainment ${n2(s.attainment ?? 0)}. It addresses ${String(ex.terms.length)} weighted attack vector${ex.terms.length === 1 ? '' : 's'}; each line below uses the weights w and attainments of the applicable controls as answered.`,
    ...ex.terms.map(
      (t) =>
        `${t.name}: ŵ = ${n4(t.weight)}. P = ${list(t.preventers)} = ${n4(t.p)}. M = ${list(t.mitigators)} = ${n4(t.m)}. residual = ${n4(t.weight)} × (1 − ${alpha} × ${n4(t.p)}) × (1 − ${beta} × ${n4(t.m)}) = ${n4(t.residual)}. With ${s.control.id} at target (attainment 1): P = ${n4(t.pAtTarget)}, M = ${n4(t.mAtTarget)}, residual = ${n4(t.residualAtTarget)}.`,
    ),
    `Risk removed = 100 × (${ex.terms.map((t) => `(${n4(t.residual)} − ${n4(t.residualAtTarget)})`).join(' + ')}) = ${n1(ex.riskRemoved)} points, the figure the remediation plan gives ${s.control.id}.`,
  ];
}
