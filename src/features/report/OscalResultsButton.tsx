import { useRef, useState, type MouseEvent } from 'react';
import { downloadText } from '../../components/download.ts';
import type { ReportInput } from '../../domain/report/model.ts';
import { prepareReportExport } from '../../lib/report-export.ts';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'done'; readonly fileName: string }
  | { readonly kind: 'error'; readonly message: string };

/**
 * The assessment as OSCAL 1.1.3 assessment results (what `npm run oscal -- results` writes),
 * computed at the click from the same report model as the other exports, with the same data
 * fingerprint. The converter is loaded on the click.
 */
export function OscalResultsButton({
  input,
}: {
  input: Omit<ReportInput, 'dataSha256' | 'unsignedSha256'>;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const running = useRef(false);
  const run = (event: MouseEvent<HTMLButtonElement>): void => {
    if (running.current || event.detail > 1) return;
    running.current = true;
    setState({ kind: 'busy' });
    const work = async (): Promise<string> => {
      const [{ model }, { resultsToOscal }, { oscalJson }] = await Promise.all([
        prepareReportExport(input),
        import('../../domain/oscal/results-export.ts'),
        import('../../domain/oscal/catalog-export.ts'),
      ]);
      const document = resultsToOscal({
        catalogue: input.catalogue,
        assessment: input.assessment,
        model,
        ...(model.data.sha256 === null ? {} : { dataSha256: model.data.sha256 }),
      });
      const fileName = `${model.fileBaseName}-oscal-assessment-results.json`;
      downloadText(oscalJson(document), fileName);
      return fileName;
    };
    void work()
      .then(
        (fileName) => setState({ kind: 'done', fileName }),
        (e: unknown) =>
          setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
      )
      .finally(() => {
        running.current = false;
      });
  };
  return (
    <div className="export">
      <div className="toolbar">
        <button type="button" className="secondary" onClick={run} aria-busy={state.kind === 'busy'}>
          Export OSCAL assessment results (JSON)
        </button>
      </div>
      <p role="status" className="muted">
        {state.kind === 'busy' && 'Preparing the OSCAL assessment results…'}
        {state.kind === 'done' && `Saved ${state.fileName} (OSCAL 1.1.3 assessment results).`}
      </p>
      {state.kind === 'error' && (
        <p role="alert" className="callout error">
          The OSCAL assessment results could not be prepared: {state.message}
        </p>
      )}
    </div>
  );
}
