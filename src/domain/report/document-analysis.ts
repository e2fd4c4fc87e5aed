import { heading, paragraph, table, tableSection, type Block } from './blocks.ts';
import type { VectorRow } from './vectors.ts';
import type { ReportModel } from './model.ts';

/** Where readiness and risk stand: by domain, by attack vector, against real incidents. */
export function domainBlocks(model: ReportModel): Block[] {
  return [
    heading('Readiness and risk by domain'),
    { kind: 'chart', chart: model.charts.readinessByDomain },
    { kind: 'chart', chart: model.charts.riskByDomain },
    table({
      id: 'domains',
      rows: model.domains,
      columns: [
        { head: 'Domain', width: 3, cell: (d) => d.name },
        { head: 'Readiness', width: 2, cell: (d) => d.display },
        {
          head: 'Answered',
          width: 2,
          cell: (d) => `${String(d.counts.answered)} / ${String(d.counts.total)}`,
          hideOnPhone: true,
        },
        { head: 'Below target', width: 2, cell: (d) => String(d.counts.gaps) },
        {
          head: 'N/A',
          width: 1,
          cell: (d) => String(d.counts.notApplicable),
          hideOnPhone: true,
        },
        { head: 'Weight', width: 1.6, cell: (d) => d.weightDisplay, hideOnPhone: true },
        { head: 'Risk removable', width: 2, cell: (d) => d.riskRemovedDisplay },
      ],
      empty: 'No domains.',
    }),
    paragraph(
      'Weight: residual-risk points between every control of the domain absent and every one at ' +
        'target. Risk removable: points removed if every gap in the domain reached its target.',
      'small',
    ),
  ];
}

export function vectorBlocks(model: ReportModel): Block[] {
  const remainder = model.profile.remainder;
  return [
    heading('Residual risk by attack vector'),
    { kind: 'chart', chart: model.charts.riskByVector },
    { kind: 'matrix', matrix: model.charts.riskMatrix },
    table({
      id: 'vectors',
      rows: model.vectors,
      columns: [
        {
          head: 'Vector',
          width: 3.4,
          cell: (v) => v.name + (v.uncovered === null ? '' : `\n${v.uncovered}`),
        },
        { head: 'Incidents', width: 2.2, cell: (v) => `${v.incidentShare} (${v.incidentsBasis})` },
        { head: 'Loss', width: 2.2, cell: (v) => `${v.lossShare} (${v.lossBasis})` },
        { head: 'Cost ×', width: 1.3, cell: (v) => v.costMultiplier, hideOnPhone: true },
        { head: 'Exposure', width: 1.5, cell: (v) => v.exposureDisplay, hideOnPhone: true },
        { head: 'Residual', width: 1.5, cell: (v) => v.residualDisplay },
        { head: 'Readiness', width: 1.6, cell: (v) => v.readinessDisplay, hideOnPhone: true },
      ],
      empty: 'The profile weights no vector.',
    }),
    paragraph(
      'Cost × is loss share over incident share. Exposure is the vector’s part of the modelled ' +
        'loss before controls; residual is what is left of it, and the residuals add up to the ' +
        'residual risk. Each residual comes from P, how far the controls that prevent the vector ' +
        'reach their targets, and M, the same for those that detect, limit or respond to it: ' +
        '“Appendix: where each residual comes from” gives both for every vector, the controls ' +
        `behind them and the arithmetic.${remainder === null ? '' : ` Outside the model: ${remainder}`}`,
      'small',
    ),
  ];
}

/**
 * Per vector, the P and M the residual is computed from and every control behind them, with the
 * arithmetic: enough to redo any row of the vector table by hand. In the appendix, being long.
 */
export function vectorFactorBlocks(model: ReportModel): Block[] {
  return [
    heading('Appendix: where each residual comes from', 2),
    paragraph(
      `Residual = exposure × (1 − α × P) × (1 − β × M), with α = ${String(model.riskFactors.prevention)} ` +
        `and β = ${String(model.riskFactors.mitigation)}. P is the weighted attainment of the ` +
        'applicable controls that prevent the vector, M of those that detect it, limit its loss or ' +
        'speed the response: each control below is listed as attainment × severity weight, and P ' +
        'or M is their sum over the sum of the weights. Unanswered controls count at 0; N/A ones ' +
        'are left out.',
      'small',
    ),
    table<VectorRow>({
      id: 'vector-factors',
      rows: model.vectors,
      columns: [
        {
          head: 'Vector and its residual',
          width: 3,
          rowHeader: true,
          cell: (v) => `${v.name}\n${v.residualWorking}`,
        },
        {
          head: 'P and the controls behind it',
          width: 5.5,
          cell: (v) => `P = ${v.preventionDisplay}\n${factorList(v.preventing)}`,
        },
        {
          head: 'M and the controls behind it',
          width: 5.5,
          cell: (v) => `M = ${v.mitigationDisplay}\n${factorList(v.mitigating)}`,
        },
      ],
      empty: 'The profile weights no vector.',
    }),
  ];
}

const factorList = (list: VectorRow['preventing']): string =>
  list.length === 0 ? 'no applicable control' : list.map((c) => c.display).join(', ');

export function exposureBlocks(model: ReportModel): Block[] {
  return [
    heading('Incident exposure'),
    paragraph(
      'Each real incident in the catalogue as an attack path, checked against these answers: ' +
        'would the controls as answered likely have stopped it, might they have, would they have ' +
        'detected it or limited the loss, or not stopped it? P is the modelled chance that they ' +
        'stop the path; the methodology gives its assumptions. The attack paths come from the ' +
        'public sources the catalogue cites; which control would have broken which step is the ' +
        'catalogue authors’ analysis, not sourced fact. Each row names every control its verdict ' +
        'counts.',
    ),
    table({
      id: 'exposure',
      rows: model.exposure,
      columns: [
        { head: 'Incident', width: 2.6, cell: (x) => `${x.name}\n${x.date} · ${x.lossDisplay}` },
        { head: 'Verdict', width: 1.8, cell: (x) => x.verdictDisplay, tone: (x) => x.outcome },
        { head: 'Why (analysis)', width: 4.4, cell: (x) => x.detail, hideOnPhone: true },
        { head: 'What would change it', width: 3, cell: (x) => x.change, hideOnPhone: true },
      ],
      empty: 'The catalogue has no incident scenarios.',
    }),
    paragraph(
      'p is the chance one break stops its step, P(step) that of the step; a break held by a ' +
        'vendor counts only through the vendor-assurance answers. What would change it: each ' +
        'answer that, raised alone to the level a break names, improves the verdict, the best ' +
        'verdict first, then the least effort.',
      'small',
    ),
  ];
}

export function notApplicableBlocks(model: ReportModel): Block[] {
  return tableSection('Not applicable', 1, {
    id: 'not-applicable',
    rows: model.notApplicable,
    columns: [
      { head: 'Control', width: 3, cell: (n) => `${n.controlId} ${n.title}` },
      { head: 'Justification', width: 6, cell: (n) => n.justification },
    ],
    empty: 'no control was marked not applicable.',
  });
}
