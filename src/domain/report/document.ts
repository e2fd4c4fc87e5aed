import type { ReportModel } from './model.ts';

/**
 * The printable report as a list of blocks, computed without jspdf so the content and order of a
 * PDF can be tested in plain Node. The renderer only decides where blocks land on the page.
 */
export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'score'; readonly label: string; readonly value: string }
  | { readonly kind: 'keyValues'; readonly rows: readonly (readonly [string, string])[] }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
      readonly empty: string;
    };

export interface ReportDocument {
  readonly metadata: {
    readonly title: string;
    readonly subject: string;
    readonly author: string;
    readonly keywords: string;
  };
  /** Running header text, on every page. */
  readonly header: string;
  readonly fileName: string;
  readonly blocks: readonly Block[];
}

export function reportDocument(model: ReportModel): ReportDocument {
  const who = model.organisation || model.assessmentName;
  const c = model.counts;
  const p = model.profile;
  const blocks: Block[] = [
    { kind: 'heading', text: model.title },
    {
      kind: 'keyValues',
      rows: [
        ['Organisation', model.organisation || '(not set)'],
        ['Assessment', model.assessmentName],
        ['Scope', model.scope || '(not set)'],
        ['Assessors', model.assessors.length > 0 ? model.assessors.join(', ') : '(not set)'],
        ['Report date', model.reportDate],
        ['Catalogue', `${model.catalogue.name} (${model.catalogue.id} ${model.catalogue.version})`],
        ['Threat profile', `${p.name} (${p.period})${p.custom ? ', edited by the team' : ''}`],
      ],
    },
    { kind: 'score', label: 'Overall readiness (0-100)', value: model.readiness.display },
    {
      kind: 'score',
      label: 'Residual risk (0-100, lower is better)',
      value: model.residualRisk.display,
    },
    { kind: 'paragraph', text: model.residualRisk.sentence },
    {
      kind: 'paragraph',
      text:
        `${String(c.total)} controls: ${String(c.answered)} answered, ${String(c.unanswered)} unanswered, ` +
        `${String(c.notApplicable)} not applicable; ${String(c.gaps)} below target.` +
        (model.unansweredNote === null ? '' : ` ${model.unansweredNote}`),
    },
    ...(p.heavyTail === null ? [] : [{ kind: 'paragraph', text: p.heavyTail } as const]),
    { kind: 'heading', text: 'Readiness and risk by domain' },
    {
      kind: 'table',
      head: ['Domain', 'Readiness', 'Answered', 'Below target', 'N/A', 'Weight', 'Risk removable'],
      rows: model.domains.map((d) => [
        d.name,
        d.display,
        `${String(d.counts.answered)} / ${String(d.counts.total)}`,
        String(d.counts.gaps),
        String(d.counts.notApplicable),
        d.weightDisplay,
        d.riskRemovedDisplay,
      ]),
      empty: 'No domains.',
    },
    { kind: 'heading', text: 'Residual risk by attack vector' },
    {
      kind: 'table',
      head: ['Vector', 'Incidents', 'Loss', 'Cost ×', 'Exposure', 'Residual', 'Readiness'],
      rows: model.vectors.map((v) => [
        v.name,
        `${v.incidentShare} (${v.incidentsBasis})`,
        `${v.lossShare} (${v.lossBasis})`,
        v.costMultiplier,
        v.exposureDisplay,
        v.residualDisplay,
        v.readinessDisplay,
      ]),
      empty: 'The profile weights no vector.',
    },
    { kind: 'heading', text: 'Remediation plan, by risk removed' },
    {
      kind: 'table',
      head: ['#', 'Control', 'Level -> target', 'Effort', 'Risk removed', 'Vectors'],
      rows: model.gaps.map((g) => [
        String(g.rank),
        `${g.controlId} ${g.title}`,
        `${g.levelDisplay} -> ${String(g.target)}`,
        g.effort,
        g.riskRemovedDisplay,
        g.vectors.join(', '),
      ]),
      empty: 'No gaps: every applicable control is at or above its target.',
    },
    { kind: 'heading', text: 'Incident exposure' },
    {
      kind: 'table',
      head: ['Incident', 'Date', 'Loss', 'Outcome', 'Why'],
      rows: model.exposure.map((x) => [x.name, x.date, x.lossDisplay, x.outcomeLabel, x.detail]),
      empty: 'The catalogue has no incident scenarios.',
    },
    { kind: 'heading', text: 'Not applicable' },
    {
      kind: 'table',
      head: ['Control', 'Title', 'Justification'],
      rows: model.notApplicable.map((n) => [n.controlId, n.title, n.justification]),
      empty: 'No control was marked not applicable.',
    },
    { kind: 'heading', text: 'Methodology' },
    ...model.methodology.flatMap((section): Block[] => [
      { kind: 'paragraph', text: section.title },
      ...section.paragraphs.map((text): Block => ({ kind: 'paragraph', text })),
    ]),
    {
      kind: 'paragraph',
      text: `Threat profile sources: ${p.sources.map((src) => src.title + (src.url ? ` <${src.url}>` : '')).join('; ') || 'none (reference profile)'}.`,
    },
  ];
  return {
    metadata: {
      title: `${model.title}: ${who}`,
      subject: `Operational security readiness of ${who}, ${model.reportDate}`,
      author: model.assessors.join(', ') || 'OpsReady',
      keywords: `opsready, ${model.catalogue.id} ${model.catalogue.version}`,
    },
    header: `${who} - readiness report - ${model.reportDate}`,
    fileName: `${model.fileBaseName}.pdf`,
    blocks,
  };
}

const TYPOGRAPHIC: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u2022': '*',
  '\u2212': '-',
  '\u03a3': 'Sum',
  '\u0175': 'w',
  '\u2192': '->',
};

/**
 * The built-in PDF fonts cover Latin-1 only. Characters outside it are replaced with a visible "?"
 * rather than dropped, so a reader can see that something did not print.
 */
export function toLatin1(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const mapped = TYPOGRAPHIC[ch];
    if (mapped !== undefined) out += mapped;
    else {
      const code = ch.codePointAt(0) ?? 0;
      out +=
        code === 0x0a ||
        code === 0x09 ||
        (code >= 0x20 && code <= 0x7e) ||
        (code >= 0xa0 && code <= 0xff)
          ? ch
          : '?';
    }
  }
  return out;
}
