import { orNotSet, type ReportDocument } from './blocks.ts';
import { appendixBlocks } from './document-appendix.ts';
import { boardBlocks } from './document-board.ts';
import { dollarBlocks } from './document-dollars.ts';
import {
  domainBlocks,
  exposureBlocks,
  notApplicableBlocks,
  vectorBlocks,
  vectorFactorBlocks,
} from './document-analysis.ts';
import { methodBlocks } from './document-method.ts';
import { profileComparisonBlocks } from './document-profiles.ts';
import { planBlocks } from './document-plan.ts';
import { readinessBlocks } from './document-readiness.ts';
import {
  factLines,
  READINESS_LABEL,
  RISK_LABEL,
  signOffLine,
  summaryBlocks,
} from './document-summary.ts';
import { workshopBlocks } from './document-workshop.ts';
import type { ReportModel } from './model.ts';
import { singleLine } from '../text.ts';

/**
 * The report as a document: the cover and contents, then each section from its own builder, in
 * the order a reader meets them. PDF, Markdown and the Report page all draw this.
 */
export function reportDocument(model: ReportModel): ReportDocument {
  const who = model.organisation || model.assessmentName;
  const lines = factLines(model);
  const signedOff = signOffLine(model);
  return {
    // Viewers show these fields on one line, and file managers and indexers read them unescaped.
    metadata: {
      title: singleLine(`${model.title}: ${who}`),
      subject: singleLine(`Operational security readiness of ${who}, ${model.reportDate}`),
      author: singleLine(model.assessors.join(', ')) || 'OpsReady',
      keywords: singleLine(`opsready, ${model.catalogue.id} ${model.catalogue.version}`),
    },
    header: `${who} · Readiness report · ${model.reportDate}`,
    footer:
      model.data.sha256 === null ? 'OpsReady' : `Data SHA-256 ${model.data.sha256.slice(0, 16)}…`,
    fileName: `${model.fileBaseName}.pdf`,
    blocks: [
      {
        kind: 'cover',
        title: model.title,
        organisation: who,
        rows: [
          { key: 'Assessment', value: model.assessmentName },
          { key: 'Scope', value: orNotSet(model.scope) },
          { key: 'Assessors', value: orNotSet(model.assessors.join(', ')) },
          { key: 'Last changed', value: model.assessedOn },
          { key: 'Report date', value: model.reportDate },
          { key: 'Catalogue', value: lines.catalogue },
          { key: 'Threat profile', value: lines.profile },
          lines.data,
          ...(signedOff === null ? [] : [{ key: 'Signed off', value: signedOff }]),
        ],
        scores: [
          { label: READINESS_LABEL, value: model.readiness.display },
          { label: RISK_LABEL, value: model.residualRisk.display },
        ],
      },
      { kind: 'toc', title: 'Contents' },
      ...boardBlocks(model),
      ...summaryBlocks(model),
      ...domainBlocks(model),
      ...vectorBlocks(model),
      ...planBlocks(model),
      ...dollarBlocks(model),
      ...exposureBlocks(model),
      ...notApplicableBlocks(model),
      ...readinessBlocks(model),
      ...workshopBlocks(model),
      ...methodBlocks(model),
      ...profileComparisonBlocks(model),
      ...appendixBlocks(model),
      ...vectorFactorBlocks(model),
    ],
  };
}
