import type { ReportDocument } from '../domain/report/blocks.ts';
import { reportDocument } from '../domain/report/document.ts';
import { buildReportModel, type ReportInput, type ReportModel } from '../domain/report/model.ts';
import { fingerprintAssessment } from './fingerprint.ts';

export interface ReportExport {
  readonly model: ReportModel;
  readonly document: ReportDocument;
  /** The assessment exactly as "Export JSON" writes it; the report states its SHA-256. */
  readonly dataJson: string;
  /** The assessment as a sign-off covers it, when it has one; the report states its SHA-256. */
  readonly signedJson?: string;
}

/**
 * The report as it is exported, with the fingerprint of the data it was computed from. Shared by
 * the Report page and `npm run report`, so a file made in a pipeline and one made in the browser
 * state the same fingerprint for the same data.
 */
export async function prepareReportExport(
  input: Omit<ReportInput, 'dataSha256' | 'unsignedSha256' | 'dataFileName'> & {
    /**
     * Names the file whose SHA-256 the report states, given the exact text hashed: the command
     * line names its input when that is byte for byte the same. Left out, or undefined, the name
     * "Export JSON" gives the file.
     */
    readonly nameData?: (dataJson: string) => string | undefined;
  },
): Promise<ReportExport> {
  const { nameData, ...rest } = input;
  const { dataJson, signedJson, ...hashes } = await fingerprintAssessment(input.assessment);
  const dataFileName = nameData?.(dataJson);
  const model = buildReportModel({
    ...rest,
    ...hashes,
    ...(dataFileName === undefined ? {} : { dataFileName }),
  });
  return {
    model,
    document: reportDocument(model),
    dataJson,
    ...(signedJson === undefined ? {} : { signedJson }),
  };
}
