import { assessmentToJson } from '../domain/assessment/export.ts';
import { reportDocument, type ReportDocument } from '../domain/report/document.ts';
import { buildReportModel, type ReportInput, type ReportModel } from '../domain/report/model.ts';
import { signedContent } from '../domain/workshop/signoff.ts';
import { sha256Hex } from './sha256.ts';

export interface ReportExport {
  readonly model: ReportModel;
  readonly document: ReportDocument;
  /** The assessment exactly as "Export JSON" writes it; the report states its SHA-256. */
  readonly dataJson: string;
}

/**
 * The report as it is exported, with the fingerprint of the data it was computed from. Shared by
 * the Report page and `npm run report`, so a file made in a pipeline and one made in the browser
 * state the same fingerprint for the same data.
 */
export async function prepareReportExport(
  input: Omit<ReportInput, 'dataSha256' | 'unsignedSha256'>,
): Promise<ReportExport> {
  const dataJson = assessmentToJson(input.assessment);
  const model = buildReportModel({
    ...input,
    dataSha256: await sha256Hex(dataJson),
    ...(input.assessment.workshop?.signOff === undefined
      ? {}
      : { unsignedSha256: await sha256Hex(assessmentToJson(signedContent(input.assessment))) }),
  });
  return { model, document: reportDocument(model), dataJson };
}
