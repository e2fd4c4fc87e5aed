import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue, Control, Framework } from '../catalogue/schema.ts';
import { scoreControl, targetsOf } from '../scoring/readiness.ts';
import type { Facts } from './readiness.ts';

/**
 * Per cited framework id, the catalogue controls that cite it and how far each is: a table a team
 * can paste into a statement of applicability. It reports attainment against the team's own
 * targets and claims nothing about the framework itself: a citation says the control addresses
 * the id, not that the control alone satisfies it.
 */

export const SOA_FRAMEWORKS = ['NIST-CSF-2.0', 'CIS-v8', 'ISO-27001-2022'] as const;
export type SoaFramework = (typeof SOA_FRAMEWORKS)[number];

export const FRAMEWORK_NAME: Readonly<Record<SoaFramework, string>> = {
  'NIST-CSF-2.0': 'NIST Cybersecurity Framework 2.0',
  'CIS-v8': 'CIS Critical Security Controls v8',
  'ISO-27001-2022': 'ISO/IEC 27001:2022 Annex A',
};

export type SoaStatus = 'at-target' | 'partly' | 'below-target' | 'na' | 'unanswered';

export const SOA_STATUS_LABEL: Readonly<Record<SoaStatus, string>> = {
  'at-target': 'All at target',
  partly: 'Some at target',
  'below-target': 'Below target',
  na: 'Not applicable',
  unanswered: 'Unanswered',
};

export interface SoaControl {
  readonly control: Pick<Control, 'id' | 'title'>;
  readonly state: 'unanswered' | 'na' | 'level';
  readonly level: number | null;
  readonly target: number;
  readonly atTarget: boolean;
  readonly justification?: string;
}

export interface SoaRow {
  readonly id: string;
  /** The title as the catalogue cites it; empty when no citation gives one. */
  readonly title: string;
  readonly controls: readonly SoaControl[];
  readonly status: SoaStatus;
}

export interface FrameworkCoverage {
  readonly framework: SoaFramework;
  readonly name: string;
  readonly rows: readonly SoaRow[];
}

/** "A.5.9" before "A.5.10", "6.2" before "15.1": numbers compare as numbers. */
function naturalCompare(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (i % 2 === 1 && !Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

function rowStatus(controls: readonly SoaControl[]): SoaStatus {
  const applicable = controls.filter((c) => c.state !== 'na');
  if (applicable.length === 0) return 'na';
  const at = applicable.filter((c) => c.atTarget).length;
  if (at === applicable.length) return 'at-target';
  if (at > 0) return 'partly';
  if (applicable.every((c) => c.state === 'unanswered')) return 'unanswered';
  return 'below-target';
}

export function frameworkCoverage(
  catalogue: Catalogue,
  assessment: Assessment,
  facts: Facts,
): FrameworkCoverage[] {
  const targets = targetsOf(assessment);
  return SOA_FRAMEWORKS.map((framework) => {
    const byId = new Map<string, { title: string; controls: SoaControl[] }>();
    for (const control of catalogue.controls) {
      for (const ref of control.references ?? []) {
        if (ref.framework !== (framework as Framework)) continue;
        const row = byId.get(ref.id) ?? { title: '', controls: [] };
        if (row.title === '' && ref.title !== undefined) row.title = ref.title;
        if (!row.controls.some((c) => c.control.id === control.id)) {
          const answer = facts.get(control.id)?.answer;
          const score = scoreControl(control, answer, targets[control.id]);
          row.controls.push({
            control: { id: control.id, title: control.title },
            state: score.state,
            level: score.offScale === true ? 0 : score.level,
            target: score.target,
            atTarget: score.state === 'level' && !score.gap,
            ...(answer?.status === 'na' ? { justification: answer.justification } : {}),
          });
        }
        byId.set(ref.id, row);
      }
    }
    const rows = [...byId.entries()]
      .sort(([a], [b]) => naturalCompare(a, b))
      .map(([id, row]) => ({
        id,
        title: row.title,
        controls: row.controls,
        status: rowStatus(row.controls),
      }));
    return { framework, name: FRAMEWORK_NAME[framework], rows };
  });
}
