import { useRef, useState, type MouseEvent } from 'react';
import { downloadBlob } from '../../components/download.ts';
import { reportMarkdown } from '../../domain/report/markdown.ts';
import type { ReportInput } from '../../domain/report/model.ts';
import { prepareReportExport } from '../../lib/report-export.ts';

type ExportKind = 'pdf' | 'docx' | 'markdown' | 'data' | 'signed';

const EXPORT_LABEL: Record<ExportKind, string> = {
  pdf: 'PDF',
  docx: 'Word document',
  markdown: 'Markdown',
  data: 'assessment data (JSON)',
  signed: 'signed content (JSON)',
};

/** Where an export has got to, in words, and as a fraction when the work can be counted. */
interface Progress {
  readonly step: string;
  readonly done?: number;
  readonly total?: number;
}

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly what: ExportKind; readonly progress: Progress }
  | { readonly kind: 'done'; readonly fileName: string }
  | { readonly kind: 'error'; readonly what: ExportKind; readonly message: string };

/**
 * The exports of one report. Each is prepared from the assessment as it is at the click, with its
 * fingerprint computed then, so a PDF and a data file exported together always match. One export
 * runs at a time, and the second click of a double click starts nothing: a PDF takes seconds, and
 * a double click on a fast export would otherwise save the file twice.
 */
export function ExportButtons({
  input,
}: {
  input: Omit<ReportInput, 'dataSha256' | 'unsignedSha256'>;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  // The state updates a render later; the ref refuses a second start at once.
  const running = useRef(false);
  const signed = input.assessment.workshop?.signOff !== undefined;

  const run = (what: ExportKind, event: MouseEvent<HTMLButtonElement>): void => {
    if (running.current || event.detail > 1) return;
    running.current = true;
    const step = (progress: Progress): void => setState({ kind: 'busy', what, progress });
    step({ step: 'computing the report and its fingerprint' });
    const work = async (): Promise<string> => {
      const { model, document, dataJson, signedJson } = await prepareReportExport(input);
      if (what === 'pdf') {
        step({ step: 'loading the PDF code and font' });
        const { pdfBytes } = await import('./pdf.ts');
        const bytes = await pdfBytes(document, new Date(), (done, total) =>
          step({ step: 'drawing the pages', done, total }),
        );
        downloadBlob(bytes, document.fileName, 'application/pdf');
        return document.fileName;
      }
      if (what === 'docx') {
        step({ step: 'loading the Word code' });
        const { DOCX_MIME, renderReportDocx } = await import('../../lib/report-docx.ts');
        const bytes = await renderReportDocx(document, {
          creationDate: new Date(),
          onProgress: (done, total) => step({ step: 'laying out the document', done, total }),
        });
        const fileName = `${model.fileBaseName}.docx`;
        downloadBlob(bytes, fileName, DOCX_MIME);
        return fileName;
      }
      if (what === 'markdown') {
        const fileName = `${model.fileBaseName}.md`;
        downloadBlob(reportMarkdown(document), fileName, 'text/markdown;charset=utf-8');
        return fileName;
      }
      if (what === 'signed') {
        if (signedJson === undefined) throw new Error('the assessment has no sign-off');
        downloadBlob(signedJson, model.data.signedFileName, 'application/json');
        return model.data.signedFileName;
      }
      downloadBlob(dataJson, model.data.fileName, 'application/json');
      return model.data.fileName;
    };
    work()
      .then((fileName) => setState({ kind: 'done', fileName }))
      .catch((e: unknown) =>
        setState({ kind: 'error', what, message: e instanceof Error ? e.message : String(e) }),
      )
      .finally(() => {
        running.current = false;
      });
  };
  const busy = state.kind === 'busy';
  const button = (what: ExportKind, label: string, secondary: boolean) => (
    <button
      type="button"
      className={secondary ? 'secondary' : undefined}
      disabled={busy}
      aria-busy={busy && state.what === what}
      onClick={(e) => run(what, e)}
    >
      {label}
    </button>
  );
  return (
    <div className="export">
      <div className="toolbar">
        {button('pdf', 'Export PDF', false)}
        {button('docx', 'Export Word (.docx)', true)}
        {button('markdown', 'Export Markdown', true)}
        {button('data', 'Export data (JSON)', true)}
        {signed && button('signed', 'Export signed content (JSON)', true)}
      </div>
      <span role="status">
        {state.kind === 'busy' &&
          `Preparing the ${EXPORT_LABEL[state.what]}: ${state.progress.step}` +
            (state.progress.done === undefined || state.progress.total === undefined
              ? '…'
              : ` (${String(state.progress.done)} of ${String(state.progress.total)} parts)…`)}
        {state.kind === 'done' && `Saved ${state.fileName}.`}
      </span>
      {state.kind === 'busy' && (
        <progress
          aria-label={`Preparing the ${EXPORT_LABEL[state.what]}`}
          {...(state.progress.done === undefined || state.progress.total === undefined
            ? {}
            : { value: state.progress.done, max: state.progress.total })}
        />
      )}
      {signed && (
        <p className="muted">
          The signed content is the assessment without its sign-off: the file whose SHA-256 the
          sign-off records, so sha256sum of it reproduces the value the report prints.
        </p>
      )}
      {state.kind === 'error' && (
        <p role="alert">
          The {EXPORT_LABEL[state.what]} could not be created: {state.message}
        </p>
      )}
    </div>
  );
}
