import type { AppendixDomain, AppendixRow, BarChart, ReportModel } from './model.ts';

/**
 * The printable report as a list of blocks, computed without jspdf so the content and order of a
 * PDF can be tested in plain Node. The PDF renderer only decides where blocks land on the page,
 * and the Markdown export renders the same list, so the two cannot disagree on a word.
 */
export type Block =
  | {
      readonly kind: 'cover';
      readonly title: string;
      readonly organisation: string;
      readonly rows: readonly (readonly [string, string])[];
      readonly scores: readonly { readonly label: string; readonly value: string }[];
    }
  /** The table of contents: every level-1 heading, with its page in the PDF and a link in Markdown. */
  | { readonly kind: 'toc'; readonly title: string }
  | {
      readonly kind: 'heading';
      readonly level: 1 | 2;
      readonly text: string;
      /** The anchor GitHub gives the heading, so Markdown links resolve. */
      readonly id: string;
    }
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: 'note' | 'small' }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'score'; readonly label: string; readonly value: string }
  | { readonly kind: 'keyValues'; readonly rows: readonly (readonly [string, string])[] }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
      readonly empty: string;
      /** Relative column widths; the renderer scales them to the page. */
      readonly widths?: readonly number[];
    }
  | { readonly kind: 'chart'; readonly chart: BarChart };

export interface ReportDocument {
  readonly metadata: {
    readonly title: string;
    readonly subject: string;
    readonly author: string;
    readonly keywords: string;
  };
  /** Running header, on every page but the cover. */
  readonly header: string;
  /** Running footer, beside the page number: ties every page to the data it came from. */
  readonly footer: string;
  readonly fileName: string;
  readonly blocks: readonly Block[];
}

/** The anchor GitHub generates for a heading: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

const heading = (text: string, level: 1 | 2 = 1): Block => ({
  kind: 'heading',
  level,
  text,
  id: headingAnchor(text),
});

const orNotSet = (text: string): string => text || '(not set)';

export function reportDocument(model: ReportModel): ReportDocument {
  const who = model.organisation || model.assessmentName;
  const c = model.counts;
  const p = model.profile;
  const dataLine =
    model.data.sha256 === null
      ? 'not computed'
      : `SHA-256 ${model.data.sha256} of ${model.data.fileName}`;
  const profileLine = `${p.name} (${p.period})${p.custom ? ', edited by the team' : ''}`;
  const catalogueLine = `${model.catalogue.name} (${model.catalogue.id} ${model.catalogue.version})`;
  const so = model.signOff;
  const unchanged = so?.unchanged ?? null;
  const signedState =
    unchanged === null
      ? ''
      : unchanged
        ? '; the answers are unchanged since'
        : '; THE ANSWERS CHANGED AFTER SIGNING';
  const signOffLine =
    so === null ? null : `${so.date} by ${so.signatories.join('; ')}${signedState}`;

  const blocks: Block[] = [
    {
      kind: 'cover',
      title: model.title,
      organisation: who,
      rows: [
        ['Assessment', model.assessmentName],
        ['Scope', orNotSet(model.scope)],
        ['Assessors', orNotSet(model.assessors.join(', '))],
        ['Last changed', model.assessedOn],
        ['Report date', model.reportDate],
        ['Catalogue', catalogueLine],
        ['Threat profile', profileLine],
        ['Assessment data', dataLine],
        ...(signOffLine === null ? [] : [['Signed off', signOffLine] as const]),
      ],
      scores: [
        { label: 'Overall readiness (0-100)', value: model.readiness.display },
        { label: 'Residual risk (0-100, lower is better)', value: model.residualRisk.display },
      ],
    },
    { kind: 'toc', title: 'Contents' },

    heading('Executive summary'),
    {
      kind: 'keyValues',
      rows: [
        ['Organisation', orNotSet(model.organisation)],
        ['Assessment', model.assessmentName],
        ['Scope', orNotSet(model.scope)],
        ['Assessors', orNotSet(model.assessors.join(', '))],
        ['Last changed', model.assessedOn],
        ['Report date', model.reportDate],
        ['Catalogue', catalogueLine],
        ['Threat profile', profileLine],
        [
          'Profile source',
          p.sources.map((src) => src.title).join('; ') || 'none (reference profile)',
        ],
      ],
    },
    { kind: 'score', label: 'Overall readiness (0-100)', value: model.readiness.display },
    { kind: 'paragraph', text: model.readiness.sentence },
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
    {
      kind: 'paragraph',
      text:
        `Gaps are weighted with the threat profile ${profileLine}` +
        (p.population === null ? '' : `: ${p.population}`) +
        '.' +
        (p.hasAssumptions
          ? ' Some of its figures are assumptions; the vector table marks which.'
          : ''),
    },
    ...(p.heavyTail === null
      ? []
      : [{ kind: 'paragraph', text: p.heavyTail, tone: 'note' } as const]),

    ...signOffBlocks(model),

    heading('Readiness and risk by domain'),
    { kind: 'chart', chart: model.charts.readinessByDomain },
    { kind: 'chart', chart: model.charts.riskByDomain },
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
      widths: [3, 2, 2, 2, 1, 1.6, 2],
    },
    {
      kind: 'paragraph',
      tone: 'small',
      text:
        'Weight: residual-risk points between every control of the domain absent and every one at ' +
        'target. Risk removable: points removed if every gap in the domain reached its target.',
    },

    heading('Residual risk by attack vector'),
    { kind: 'chart', chart: model.charts.riskByVector },
    {
      kind: 'table',
      head: ['Vector', 'Incidents', 'Loss', 'Cost ×', 'Exposure', 'Residual', 'Readiness'],
      rows: model.vectors.map((v) => [
        v.name + (v.uncovered === null ? '' : `\n${v.uncovered}`),
        `${v.incidentShare} (${v.incidentsBasis})`,
        `${v.lossShare} (${v.lossBasis})`,
        v.costMultiplier,
        v.exposureDisplay,
        v.residualDisplay,
        v.readinessDisplay,
      ]),
      empty: 'The profile weights no vector.',
      widths: [3.4, 2.2, 2.2, 1.3, 1.5, 1.5, 1.6],
    },
    {
      kind: 'paragraph',
      tone: 'small',
      text:
        'Cost × is loss share over incident share. Exposure is the vector’s part of the modelled ' +
        'loss before controls; residual is what is left of it, and the residuals add up to the ' +
        `residual risk.${p.remainder === null ? '' : ` Outside the model: ${p.remainder}`}`,
    },

    heading('Remediation plan'),
    {
      kind: 'paragraph',
      text:
        'Every control below its target, ordered by the residual-risk points it would remove if it ' +
        'alone reached its target. “Per effort” divides that by the effort units, for teams that ' +
        'want the quickest wins first.',
    },
    {
      kind: 'table',
      head: [
        '#',
        'Control',
        'Now → target',
        'Owner',
        'Effort',
        'Risk removed',
        'Per effort',
        'Vectors and incidents',
      ],
      rows: model.gaps.map((g) => [
        String(g.rank),
        `${g.controlId} ${g.title}` + g.actions.map((a) => `\nAction: ${a}`).join(''),
        `${g.levelDisplay} → ${String(g.target)}`,
        g.owner || '-',
        g.effort,
        g.riskRemovedDisplay,
        g.perEffortDisplay,
        g.vectors.join(', ') +
          (g.incidentsShort.length === 0 ? '' : `\nIncidents: ${g.incidentsShort.join(', ')}`),
      ]),
      empty: 'No gaps: every applicable control is at or above its target.',
      widths: [0.6, 3.9, 2.4, 2, 1.45, 1.55, 1.4, 4.3],
    },

    heading('Action items'),
    {
      kind: 'table',
      head: ['Control', 'Action', 'Owner', 'Due', 'Priority'],
      rows: model.actions.map((a) => [
        `${a.controlId} ${a.title}`,
        a.text,
        a.owner || '-',
        a.due || '-',
        a.priority,
      ]),
      empty: 'No remediation actions were recorded.',
      widths: [3, 5, 2, 1.6, 1.4],
    },

    heading('Parking lot'),
    {
      kind: 'paragraph',
      text: 'Controls flagged to revisit or waiting for evidence, with who owes what.',
    },
    {
      kind: 'table',
      head: ['Control', 'Why', 'Who owes what'],
      rows: model.parkingLot.map((r) => [
        `${r.controlId} ${r.title}`,
        [r.revisit ? 'Revisit' : '', r.evidenceRequested ? 'Evidence requested' : '']
          .filter((x) => x !== '')
          .join('; '),
        r.followUp || r.owner || '-',
      ]),
      empty: 'Nothing is parked.',
      widths: [4, 2.5, 5],
    },

    heading('Incident exposure'),
    {
      kind: 'paragraph',
      text:
        'Each real incident in the catalogue as an attack path, checked against these answers: ' +
        'would the controls as answered have prevented it, detected it, limited the loss, or not stopped it?',
    },
    {
      kind: 'table',
      head: ['Incident', 'Outcome', 'Why'],
      rows: model.exposure.map((x) => [
        `${x.name}\n${x.date} · ${x.lossDisplay}`,
        x.outcomeLabel,
        x.detail,
      ]),
      empty: 'The catalogue has no incident scenarios.',
      widths: [3, 1.6, 6],
    },

    heading('Not applicable'),
    {
      kind: 'table',
      head: ['Control', 'Justification'],
      rows: model.notApplicable.map((n) => [`${n.controlId} ${n.title}`, n.justification]),
      empty: 'No control was marked not applicable.',
      widths: [3, 6],
    },

    ...workshopBlocks(model),

    heading('Methodology'),
    ...model.methodology.flatMap((section): Block[] => [
      heading(section.title, 2),
      ...(section.title === 'Worked example'
        ? [{ kind: 'list', items: section.paragraphs } as const]
        : section.paragraphs.map((text): Block => ({ kind: 'paragraph', text }))),
    ]),
    heading('Sources and data', 2),
    p.sources.length === 0
      ? {
          kind: 'paragraph',
          text: 'Threat profile sources: none; this profile is a reference point, not data.',
        }
      : {
          kind: 'list',
          items: p.sources.map((src) => src.title + (src.url === null ? '' : ` <${src.url}>`)),
        },
    {
      kind: 'keyValues',
      rows: [
        ['Catalogue', catalogueLine],
        ['Threat profile', profileLine],
        ['Assessment data', dataLine],
      ],
    },
    {
      kind: 'paragraph',
      tone: 'small',
      text:
        'To check that this report belongs to a data file, compute the file’s SHA-256 (for example ' +
        'with sha256sum or shasum -a 256) and compare it with the value above. The same ' +
        'data, catalogue, profile and report date always give the same report.',
    },

    heading('Appendix: every answer'),
    {
      kind: 'paragraph',
      text:
        'Each control as answered, with its target (* where the assessment set its own), owner, ' +
        'confidence, evidence and notes. "Flagged" marks controls the team chose to revisit.',
    },
    ...model.appendix.flatMap(appendixBlocks),
  ];
  return {
    metadata: {
      title: `${model.title}: ${who}`,
      subject: `Operational security readiness of ${who}, ${model.reportDate}`,
      author: model.assessors.join(', ') || 'OpsReady',
      keywords: `opsready, ${model.catalogue.id} ${model.catalogue.version}`,
    },
    header: `${who} · Readiness report · ${model.reportDate}`,
    footer:
      model.data.sha256 === null ? 'OpsReady' : `Data SHA-256 ${model.data.sha256.slice(0, 16)}…`,
    fileName: `${model.fileBaseName}.pdf`,
    blocks,
  };
}

function signOffBlocks(model: ReportModel): Block[] {
  const so = model.signOff;
  if (so === null) return [];
  return [
    heading('Sign-off', 2),
    {
      kind: 'keyValues',
      rows: [
        ['Signed by', so.signatories.join('; ')],
        ['Organisation', so.organisation || '(not set)'],
        ['Scope', so.scope || '(not set)'],
        ['Date', so.date],
        ['Statement', so.statement],
        [
          'Data signed',
          `SHA-256 ${so.dataSha256} (the assessed data, without the sign-off itself)`,
        ],
        [
          'Since signing',
          so.unchanged === null
            ? 'not checked'
            : so.unchanged
              ? 'The answers are unchanged.'
              : 'The answers changed after the sign-off: this report is not the one signed.',
        ],
        [
          'Assessment data',
          model.data.sha256 === null
            ? 'not computed'
            : `SHA-256 ${model.data.sha256} of ${model.data.fileName}`,
        ],
      ],
    },
  ];
}

function workshopBlocks(model: ReportModel): Block[] {
  if (model.participants.length === 0) return [];
  const roles = model.teamVsAuditor;
  const blocks: Block[] = [
    heading('Workshop participants'),
    {
      kind: 'paragraph',
      text:
        'Each participant answered on their own and their answers are kept beside the agreed ones; ' +
        'the scores above use the agreed answers.',
    },
    {
      kind: 'table',
      head: ['Participant', 'Role', 'Controls answered'],
      rows: model.participants.map((x) => [
        x.name,
        x.role === 'auditor' ? 'Auditor (verified)' : 'Team (self-assessed)',
        String(x.answered),
      ]),
      empty: 'No participants.',
      widths: [4, 3, 2],
    },
  ];
  if (roles === null) return blocks;
  return [
    ...blocks,
    heading('Team vs auditor', 2),
    {
      kind: 'paragraph',
      text:
        `Of ${String(roles.rows.length)} controls both the team and an auditor rated, ` +
        `${String(roles.differing.length)} differ. Team: median of the team members' levels; ` +
        'auditor: median of the auditors’ verified levels.',
    },
    {
      kind: 'table',
      head: ['Control', 'Team', 'Auditor', 'Difference'],
      rows: roles.differing.map((r) => [
        `${r.controlId} ${r.title}`,
        String(r.team),
        String(r.auditor),
        r.difference > 0 ? `+${String(r.difference)}` : String(r.difference),
      ]),
      empty: 'The team and the auditors agree on every control both rated.',
      widths: [5, 1.5, 1.5, 2],
    },
  ];
}

/**
 * Notes longer than this leave the appendix table, which is a narrow column, and follow it at full
 * width: a long note in a 50 mm column runs to pages of three words a line.
 */
export const INLINE_NOTE_LIMIT = 600;

function appendixBlocks(domain: AppendixDomain): Block[] {
  const notesOf = (r: AppendixRow): string =>
    [r.justification === '' ? '' : `N/A: ${r.justification}`, r.notes]
      .filter((x) => x !== '')
      .join('\n');
  const long = domain.rows.filter((r) => notesOf(r).length > INLINE_NOTE_LIMIT);
  return [
    heading(`Appendix: ${domain.name}`, 2),
    {
      kind: 'table',
      head: ['Control', 'Answer', 'Target', 'Owner and confidence', 'Evidence', 'Notes'],
      rows: domain.rows.map((r) => {
        const notes = notesOf(r);
        return [
          `${r.controlId} ${r.title}`,
          r.answerDisplay + (r.flagged ? '\nFlagged' : ''),
          `${String(r.target)}${r.ownTarget ? '*' : ''}${r.gap ? '\nbelow' : ''}`,
          [r.owner, r.confidence].filter((x) => x !== '').join('\n') || '-',
          r.evidence.join('\n') || '-',
          notes.length > INLINE_NOTE_LIMIT
            ? `${notes.slice(0, 240).trimEnd()}… (in full below the table)`
            : notes || '-',
        ];
      }),
      empty: 'No controls.',
      widths: [3, 2.4, 1.45, 2.2, 2.6, 4.8],
    },
    ...(long.length === 0
      ? []
      : [
          {
            kind: 'keyValues',
            rows: long.map((r) => [`${r.controlId} notes in full`, notesOf(r)] as const),
          } as const,
        ]),
  ];
}

/** The level-1 headings, in order: the table of contents. */
export function tableOfContents(doc: ReportDocument): { text: string; id: string }[] {
  return doc.blocks.flatMap((b) =>
    b.kind === 'heading' && b.level === 1 ? [{ text: b.text, id: b.id }] : [],
  );
}

/** Every string the renderer will print, for checking them against the font before drawing. */
export function documentTexts(doc: ReportDocument): string[] {
  // Metadata is not drawn with the font, so it is not counted.
  const texts = [doc.header, doc.footer];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'cover':
        texts.push(
          b.title,
          b.organisation,
          ...b.rows.flat(),
          ...b.scores.flatMap((s) => [s.label, s.value]),
        );
        break;
      case 'toc':
        texts.push(b.title);
        break;
      case 'heading':
      case 'paragraph':
        texts.push(b.text);
        break;
      case 'list':
        texts.push(...b.items);
        break;
      case 'score':
        texts.push(b.label, b.value);
        break;
      case 'keyValues':
        texts.push(...b.rows.flat());
        break;
      case 'table':
        texts.push(...b.head, ...b.rows.flat(), b.empty);
        break;
      case 'chart':
        texts.push(
          b.chart.title,
          b.chart.unit,
          ...b.chart.bars.flatMap((x) => [x.label, x.display]),
        );
        break;
    }
  }
  return texts;
}
