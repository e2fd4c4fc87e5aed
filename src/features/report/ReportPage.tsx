import { useMemo, useState } from 'react';
import { LoadDemoButton } from '../../components/LoadDemoButton.tsx';
import { reportDocument } from '../../domain/report/document.ts';
import { buildReportModel, type ReportModel } from '../../domain/report/model.ts';
import { selectActiveAssessment, useAppStore } from '../../store/app-store.ts';
import { useCatalogue } from '../../store/catalogue.ts';

function ExportPdfButton({ model }: { model: ReportModel }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'error'>('idle');
  const [error, setError] = useState('');
  return (
    <div className="export">
      <button
        type="button"
        disabled={state === 'busy'}
        onClick={() => {
          setState('busy');
          import('./pdf.ts')
            .then(({ downloadPdf }) => downloadPdf(reportDocument(model), new Date()))
            .then(() => setState('done'))
            .catch((e: unknown) => {
              setError(e instanceof Error ? e.message : String(e));
              setState('error');
            });
        }}
      >
        Export PDF
      </button>
      <span role="status">
        {state === 'busy' && 'Preparing the PDF…'}
        {state === 'done' && `Saved ${model.fileBaseName}.pdf.`}
      </span>
      {state === 'error' && <p role="alert">The PDF could not be created: {error}</p>}
    </div>
  );
}

/** Today in the user's time zone, as yyyy-mm-dd. */
function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function ReportPage() {
  const catalogue = useCatalogue();
  const assessment = useAppStore(selectActiveAssessment);
  // Fixed for the life of the page, so the screen and the PDF carry the same date.
  const [reportDate] = useState(() => localDate(new Date()));
  const model = useMemo(
    () => (assessment ? buildReportModel({ catalogue, assessment, reportDate }) : null),
    [catalogue, assessment, reportDate],
  );
  if (!model) {
    return (
      <>
        <h1>Report</h1>
        <p>No assessment is selected.</p>
        <LoadDemoButton />
      </>
    );
  }
  const c = model.counts;
  return (
    <>
      <div className="page-head">
        <h1>Report</h1>
        <p>
          {model.assessmentName}
          {model.organisation && <> · {model.organisation}</>} · {model.reportDate}
        </p>
        <div className="toolbar">
          <ExportPdfButton model={model} />
          <LoadDemoButton />
        </div>
      </div>

      <section aria-labelledby="summary-title" className="summary">
        <h2 id="summary-title">Summary</h2>
        <div className="score-block">
          <span className="score-label" id="readiness-label">
            Overall readiness (0–100)
          </span>
          <span
            className="score-value"
            data-testid="overall-readiness"
            aria-describedby="readiness-label"
          >
            {model.readiness.display}
          </span>
        </div>
        <p>
          {c.total} controls: {c.answered} answered, {c.unanswered} unanswered, {c.notApplicable}{' '}
          not applicable; {c.gaps} below target.
        </p>
        {model.unansweredNote && <p className="callout">{model.unansweredNote}</p>}
      </section>

      <section aria-labelledby="domains-title">
        <h2 id="domains-title">Readiness by domain</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">Readiness</th>
              <th scope="col">Answered</th>
              <th scope="col">Below target</th>
              <th scope="col" className="hide-narrow">
                N/A
              </th>
            </tr>
          </thead>
          <tbody>
            {model.domains.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.name}</th>
                <td>{d.display}</td>
                <td>
                  {d.counts.answered} / {d.counts.total}
                </td>
                <td>{d.counts.gaps}</td>
                <td className="hide-narrow">{d.counts.notApplicable}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="gaps-title">
        <h2 id="gaps-title">Gaps, largest first</h2>
        {model.gaps.length === 0 ? (
          <p>No gaps: every applicable control is at or above its target.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col" className="hide-narrow">
                  Domain
                </th>
                <th scope="col">Severity</th>
                <th scope="col">Level → target</th>
                <th scope="col">Points</th>
              </tr>
            </thead>
            <tbody>
              {model.gaps.map((g) => (
                <tr key={g.controlId}>
                  <th scope="row">
                    {g.controlId} {g.title}
                  </th>
                  <td className="hide-narrow">{g.domainName}</td>
                  <td>{g.severity}</td>
                  <td>
                    {g.levelDisplay} → {g.target}
                  </td>
                  <td>{g.pointsDisplay}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="na-title">
        <h2 id="na-title">Not applicable</h2>
        {model.notApplicable.length === 0 ? (
          <p>No control was marked not applicable.</p>
        ) : (
          <ul>
            {model.notApplicable.map((n) => (
              <li key={n.controlId}>
                <strong>
                  {n.controlId} {n.title}
                </strong>
                : {n.justification}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="method-title">
        <h2 id="method-title">Methodology</h2>
        {model.methodology.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <p className="muted">
          Catalogue: {model.catalogue.name} ({model.catalogue.id} {model.catalogue.version}).
        </p>
      </section>
    </>
  );
}
