import { useState } from 'react';
import { downloadBlob } from '../../components/download.ts';
import { reportMarkdown } from '../../domain/report/markdown.ts';
import type { ReportInput } from '../../domain/report/model.ts';
import { prepareReportExport } from '../../lib/report-export.ts';

type ExportKind = 'pdf' | 'markdown' | 'data';

const EXPORT_LABEL: Record<ExportKind, string> = {
  pdf: 'PDF',
  markdown: 'Markdown',
  data: 'assessment data (JSON)',
};

/**
 * The three exports of one report. Each is prepared from the assessment as it is at the click,
 * with its fingerprint computed then, so a PDF and a data file exported together always match.
 */
export function ExportButtons({ input }: { input: Omit<ReportInput, 'dataSha256'> }) {
  const [state, setState] = useState<
    | { readonly kind: 'idle' }
    | { readonly kind: 'busy'; readonly what: ExportKind }
    | { readonly kind: 'done'; readonly fileName: string }
    | { readonly kind: 'error'; readonly what: ExportKind; readonly message: string }
  >({ kind: 'idle' });
  const run = (what: ExportKind): void => {
    setState({ kind: 'busy', what });
    const work = async (): Promise<string> => {
      const { model, document, dataJson } = await prepareReportExport(input);
      if (what === 'pdf') {
        const { pdfBytes } = await import('./pdf.ts');
        downloadBlob(await pdfBytes(document, new Date()), document.fileName, 'application/pdf');
        return document.fileName;
      }
      if (what === 'markdown') {
        const fileName = `${model.fileBaseName}.md`;
        downloadBlob(reportMarkdown(document), fileName, 'text/markdown;charset=utf-8');
        return fileName;
      }
      downloadBlob(dataJson, model.data.fileName, 'application/json');
      return model.data.fileName;
    };
    work()
      .then((fileName) => setState({ kind: 'done', fileName }))
      .catch((e: unknown) =>
        setState({ kind: 'error', what, message: e instanceof Error ? e.message : String(e) }),
      );
  };
  const busy = state.kind === 'busy';
  return (
    <div className="export">
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => run('pdf')}>
          Export PDF
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => run('markdown')}>
          Export Markdown
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => run('data')}>
          Export data (JSON)
        </button>
      </div>
      <span role="status">
        {state.kind === 'busy' && `Preparing the ${EXPORT_LABEL[state.what]}…`}
        {state.kind === 'done' && `Saved ${state.fileName}.`}
      </span>
      {state.kind === 'error' && (
        <p role="alert">
          The {EXPORT_LABEL[state.what]} could not be created: {state.message}
        </p>
      )}
    </div>
  );
}
