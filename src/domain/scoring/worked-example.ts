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
import { SEVERITY_WEIGHT } from './readiness.ts';

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
