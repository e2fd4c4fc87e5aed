import { csvRows } from '../csv.ts';
import {
  FRAMEWORK_NAME,
  SOA_STATUS_LABEL,
  type FrameworkCoverage,
  type SoaControl,
} from './coverage.ts';
import type {
  ModuleReadiness,
  RequirementResult,
  RequirementStatus,
  SealReadiness,
} from './readiness.ts';
import type { Frameworks } from './schema.ts';
import { workbook } from './xlsx.ts';

/**
 * SEAL's own self-assessment checklist (security-alliance/frameworks, components/cert/) records
 * per SFC control a state (yes / partial / no / N/A), an N/A justification and evidence, and
 * exports a sheet with the columns Section, Control ID, Question, Baseline Requirements, Response,
 * N/A Justification, Evidence / Notes. These exports follow that layout and those states, so a
 * team can carry its answers over. An unanswered control has no response (their import skips a
 * row without one) rather than their default "No".
 */

export const CHECKLIST_HEADER = [
  'Section',
  'Control ID',
  'Question',
  'Baseline Requirements',
  'Response',
  'N/A Justification',
  'Evidence / Notes',
] as const;

type SealState = 'yes' | 'partial' | 'no' | 'na';

const SEAL_STATE: Readonly<Record<RequirementStatus, SealState | null>> = {
  implemented: 'yes',
  partial: 'partial',
  'not-implemented': 'no',
  na: 'na',
  unanswered: null,
};

const RESPONSE_TEXT: Readonly<Record<SealState, string>> = {
  yes: 'Yes',
  partial: 'Partial',
  no: 'No',
  na: 'N/A',
};

function mappedText(r: RequirementResult): string {
  return r.controls
    .map((c) => {
      const answer =
        c.state === 'unanswered'
          ? 'unanswered'
          : c.state === 'na'
            ? 'N/A'
            : `level ${String(c.level ?? 0)}`;
      return `${c.control.id} ${answer} (counts from level ${String(c.required)})`;
    })
    .join('; ');
}

/** What the response rests on, in words a certifier can check against the OpsReady report. */
export function evidenceText(r: RequirementResult): string {
  const parts: string[] = [];
  if (r.coverage !== 'none') {
    parts.push(`OpsReady catalogue (${r.rule === 'any' ? 'any of' : 'all of'}): ${mappedText(r)}`);
  }
  if (r.coverage === 'partly') {
    parts.push(`Answered by the team, not assessed by the catalogue: ${r.notAssessed.join('; ')}`);
  }
  if (r.direct?.evidence !== undefined && r.direct.evidence !== '') {
    parts.push(`Team evidence: ${r.direct.evidence}`);
  }
  return parts.join('\n');
}

/** The rows of one module in SEAL's checklist layout, section headings included. */
export function checklistRows(m: ModuleReadiness): string[][] {
  const rows: string[][] = [];
  m.module.sections.forEach((section, i) => {
    rows.push([`Section ${String(i + 1)} — ${section.title}`, '', '', '', '', '', '']);
    for (const c of m.controls.filter((x) => x.section.id === section.id)) {
      const state = SEAL_STATE[c.result.status];
      rows.push([
        `Section ${String(i + 1)}`,
        c.control.id,
        c.control.description,
        c.control.baselines.map((b, n) => `${String(n + 1)}. ${b}`).join('\n'),
        state === null ? '' : RESPONSE_TEXT[state],
        c.result.status === 'na' ? (c.result.justification ?? '') : '',
        evidenceText(c.result),
      ]);
    }
  });
  return rows;
}

/** Every module in one CSV: SEAL's columns after a Module column, the attribution first. */
export function sealChecklistCsv(frameworks: Frameworks, seal: SealReadiness): string {
  return csvRows([
    [frameworks.seal.crosswalk.attribution],
    ['Module', ...CHECKLIST_HEADER],
    ...seal.modules.flatMap((m) =>
      checklistRows(m).map((row) => [`${m.module.title} ${m.module.version}`, ...row]),
    ),
  ]);
}

/** The key SEAL's web checklist stores a module's answers under, from the page it lives on. */
export function checklistName(m: ModuleReadiness): string {
  return (m.module.path.split('/').pop() ?? m.module.id).replace(/\.mdx?$/, '');
}

/**
 * SEAL's checklist data (`Record<controlId, { state, justification, evidence }>`) per module,
 * under the name their page stores it by, with the source and licence beside it.
 */
export function sealChecklistJson(frameworks: Frameworks, seal: SealReadiness): string {
  const { crosswalk } = frameworks.seal;
  const modules = Object.fromEntries(
    seal.modules.map((m) => [
      checklistName(m),
      Object.fromEntries(
        m.controls.flatMap((c) => {
          const state = SEAL_STATE[c.result.status];
          return state === null
            ? []
            : [
                [
                  c.control.id,
                  {
                    state,
                    justification: c.result.status === 'na' ? (c.result.justification ?? '') : '',
                    evidence: evidenceText(c.result),
                  },
                ],
              ];
        }),
      ),
    ]),
  );
  const file = {
    format: 'seal-sfc-checklist',
    source: { ...crosswalk.source, name: crosswalk.name },
    licence: crosswalk.licence.name,
    attribution: crosswalk.attribution,
    modules,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function soaControl(c: SoaControl): string {
  const answer =
    c.state === 'unanswered'
      ? 'unanswered'
      : c.state === 'na'
        ? `N/A (${c.justification ?? ''})`
        : `level ${String(c.level ?? 0)} of target ${String(c.target)}`;
  return `${c.control.id} ${c.control.title}: ${answer}`;
}

/** The statement-of-applicability table of each framework, one CSV. */
export function soaCsv(coverage: readonly FrameworkCoverage[]): string {
  return csvRows([
    ['Framework', 'Id', 'Title', 'Status', 'Catalogue controls'],
    ...coverage.flatMap((f) =>
      f.rows.map((r) => [
        FRAMEWORK_NAME[f.framework],
        r.id,
        r.title,
        SOA_STATUS_LABEL[r.status],
        r.controls.map(soaControl).join('\n'),
      ]),
    ),
  ]);
}

const CHECKLIST_WIDTHS = [12, 15, 80, 60, 12, 40, 50] as const;

/**
 * SEAL's checklist as an Excel workbook. One module gives the single "Certification Checklist"
 * sheet their module page imports; several give one sheet per module, as their "export all" does.
 */
export function sealChecklistXlsx(modules: readonly ModuleReadiness[]): Uint8Array<ArrayBuffer> {
  return workbook(
    modules.map((m) => ({
      name: modules.length === 1 ? 'Certification Checklist' : m.module.title,
      columns: CHECKLIST_HEADER.map((header, i) => ({ header, width: CHECKLIST_WIDTHS[i] ?? 20 })),
      rows: checklistRows(m).map((row) =>
        row[1] === '' ? { heading: row[0] ?? '' } : { cells: row },
      ),
      validation: { column: 4, values: ['No', 'Yes', 'Partial', 'N/A'] },
    })),
  );
}
