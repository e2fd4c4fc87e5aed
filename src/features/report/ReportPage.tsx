import { useEffect, useMemo, useState } from 'react';
import { localDate } from '../../lib/dates.ts';
import { LoadDemoButton } from '../../components/LoadDemoButton.tsx';
import { downloadBlob } from '../../components/download.ts';
import { assessmentToJson } from '../../domain/assessment/export.ts';
import type { Assessment } from '../../domain/assessment/schema.ts';
import { reportMarkdown } from '../../domain/report/markdown.ts';
import { buildReportModel, type ReportInput } from '../../domain/report/model.ts';
import { prepareReportExport } from '../../lib/report-export.ts';
import { signedContent } from '../../domain/workshop/signoff.ts';
import { sha256Hex } from '../../lib/sha256.ts';
import { BarChartSvg } from './BarChartSvg.tsx';
import { selectActiveAssessment, useAppStore } from '../../store/app-store.ts';
import { useAssessmentCatalogue, useCatalogueStore } from '../../store/catalogue.ts';
import { MissingCatalogue } from '../../components/MissingCatalogue.tsx';
import { availableProfiles, resolveProfile } from '../../domain/threat/resolve.ts';
import { ProfilePanel } from './ProfilePanel.tsx';

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
function ExportButtons({ input }: { input: Omit<ReportInput, 'dataSha256'> }) {
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

interface Fingerprints {
  readonly dataSha256: string;
  /** Of what a sign-off covers, when there is a sign-off to compare it with. */
  readonly unsignedSha256?: string;
}

/** The SHA-256 of the assessment as exported (and as signed), for the screen; null until computed. */
function useDataFingerprint(assessment: Assessment | undefined): Fingerprints | null {
  const [result, setResult] = useState<{ json: string; value: Fingerprints } | null>(null);
  const json = useMemo(() => (assessment ? assessmentToJson(assessment) : null), [assessment]);
  const signedJson = useMemo(
    () =>
      assessment?.workshop?.signOff === undefined
        ? null
        : assessmentToJson(signedContent(assessment)),
    [assessment],
  );
  useEffect(() => {
    if (json === null) return;
    let live = true;
    Promise.all([sha256Hex(json), signedJson === null ? null : sha256Hex(signedJson)])
      .then(([dataSha256, unsignedSha256]) => {
        if (live) {
          setResult({
            json,
            value: { dataSha256, ...(unsignedSha256 === null ? {} : { unsignedSha256 }) },
          });
        }
      })
      // Without Web Crypto (an insecure context) the screen simply shows no fingerprint.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [json, signedJson]);
  return result !== null && result.json === json ? result.value : null;
}

const BASIS_LABEL = { reported: 'reported', derived: 'derived', assumption: 'assumed' } as const;

export function ReportPage() {
  const assessment = useAppStore(selectActiveAssessment);
  const catalogue = useAssessmentCatalogue(assessment);
  const validating = useCatalogueStore((s) => s.validating);
  const [order, setOrder] = useState<'risk' | 'effort'>('risk');
  // Fixed for the life of the page, so the screen and the PDF carry the same date.
  const [reportDate] = useState(() => localDate(new Date()));
  const profiles = useMemo(() => (catalogue ? availableProfiles(catalogue) : []), [catalogue]);
  const profile = useMemo(
    () => (assessment && catalogue ? resolveProfile(catalogue, assessment) : null),
    [catalogue, assessment],
  );
  const fingerprints = useDataFingerprint(assessment);
  const model = useMemo(
    () =>
      assessment && profile && catalogue
        ? buildReportModel({
            catalogue,
            assessment,
            profile,
            reportDate,
            ...fingerprints,
          })
        : null,
    [catalogue, assessment, profile, reportDate, fingerprints],
  );
  if (assessment && !catalogue) {
    if (validating) return <p role="status">Checking your saved catalogues…</p>;
    return (
      <>
        <h1>Report</h1>
        <MissingCatalogue assessment={assessment} />
      </>
    );
  }
  if (!model || !profile || !assessment || !catalogue) {
    return (
      <>
        <h1>Report</h1>
        <p>No assessment is selected.</p>
        <LoadDemoButton />
      </>
    );
  }
  const c = model.counts;
  const p = model.profile;
  const gaps = order === 'risk' ? model.gaps : model.gapsByEffort;
  return (
    <>
      <div className="page-head">
        <h1>Report</h1>
        <p>
          {model.assessmentName}
          {model.organisation && <> · {model.organisation}</>} · {model.reportDate}
        </p>
        <ExportButtons input={{ catalogue, assessment, profile, reportDate }} />
        <div className="demo-load">
          <LoadDemoButton />
        </div>
      </div>

      <section aria-labelledby="summary-title" className="summary">
        <h2 id="summary-title">Summary</h2>
        <div className="scores">
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
          <div className="score-block">
            <span className="score-label" id="risk-label">
              Residual risk (0–100, lower is better)
            </span>
            <span className="score-value" data-testid="residual-risk" aria-describedby="risk-label">
              {model.residualRisk.display}
            </span>
          </div>
        </div>
        <p>{model.readiness.sentence}</p>
        <p>{model.residualRisk.sentence}</p>
        <p>
          {c.total} controls: {c.answered} answered, {c.unanswered} unanswered, {c.notApplicable}{' '}
          not applicable; {c.gaps} below target.
        </p>
        {model.unansweredNote && <p className="callout">{model.unansweredNote}</p>}
        <p className="muted">
          Weighted with <strong>{p.name}</strong> ({p.period})
          {p.population && <>: {p.population}</>}.
          {p.hasAssumptions &&
            ' Some of its figures are assumptions; the vector table marks which.'}
          {p.sources.length > 0 && <> Source: {p.sources.map((src) => src.title).join('; ')}.</>}
        </p>
        {p.heavyTail && <p className="callout">{p.heavyTail}</p>}
        <dl className="facts">
          <dt>Scope</dt>
          <dd>{model.scope || 'Not set'}</dd>
          <dt>Assessors</dt>
          <dd>{model.assessors.length > 0 ? model.assessors.join(', ') : 'Not set'}</dd>
          <dt>Last changed</dt>
          <dd>{model.assessedOn}</dd>
          <dt>Catalogue</dt>
          <dd>
            {model.catalogue.name} ({model.catalogue.id} {model.catalogue.version})
          </dd>
          <dt>Assessment data</dt>
          <dd>
            {model.data.sha256 === null ? (
              'Fingerprint not computed yet.'
            ) : (
              <>
                SHA-256 <code data-testid="data-sha256">{model.data.sha256}</code> of{' '}
                {model.data.fileName} (Export data)
              </>
            )}
          </dd>
        </dl>
        {model.signOff && (
          <div className="signoff-summary">
            <h3>Sign-off</h3>
            <p>
              Signed on {model.signOff.date} by {model.signOff.signatories.join('; ')}.{' '}
              {model.signOff.statement}
            </p>
            <p className={model.signOff.unchanged === false ? 'callout' : 'muted'}>
              Data signed: SHA-256 <code>{model.signOff.dataSha256}</code>.{' '}
              {model.signOff.unchanged === null
                ? ''
                : model.signOff.unchanged
                  ? 'The answers are unchanged since.'
                  : 'The answers changed after the sign-off.'}
            </p>
          </div>
        )}
      </section>

      <ProfilePanel
        catalogue={catalogue}
        profiles={profiles}
        active={profile}
        isCustom={assessment.customProfile !== undefined}
      />

      <section aria-labelledby="domains-title">
        <h2 id="domains-title">Readiness and risk by domain</h2>
        <div className="charts">
          <BarChartSvg chart={model.charts.readinessByDomain} />
          <BarChartSvg chart={model.charts.riskByDomain} />
        </div>
        <table aria-labelledby="domains-title">
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">Readiness</th>
              <th scope="col" className="hide-narrow">
                Answered
              </th>
              <th scope="col">Below target</th>
              <th scope="col" className="hide-narrow">
                N/A
              </th>
              <th scope="col" className="hide-narrow">
                Weight
              </th>
              <th scope="col">Risk removable</th>
            </tr>
          </thead>
          <tbody>
            {model.domains.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.name}</th>
                <td>{d.display}</td>
                <td className="hide-narrow">
                  {d.counts.answered} / {d.counts.total}
                </td>
                <td>{d.counts.gaps}</td>
                <td className="hide-narrow">{d.counts.notApplicable}</td>
                <td className="hide-narrow">{d.weightDisplay}</td>
                <td>{d.riskRemovedDisplay}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Weight: residual-risk points between every control of the domain absent and every one at
          target. Risk removable: points removed if every gap in the domain reached its target.
        </p>
      </section>

      <section aria-labelledby="vectors-title">
        <h2 id="vectors-title">Residual risk by attack vector</h2>
        <div className="charts">
          <BarChartSvg chart={model.charts.riskByVector} />
        </div>
        <table aria-labelledby="vectors-title">
          <thead>
            <tr>
              <th scope="col">Vector</th>
              <th scope="col">Incidents</th>
              <th scope="col">Loss</th>
              <th scope="col" className="hide-narrow">
                Cost per incident
              </th>
              <th scope="col" className="hide-narrow">
                Exposure
              </th>
              <th scope="col">Residual</th>
              <th scope="col" className="hide-narrow">
                Readiness
              </th>
            </tr>
          </thead>
          <tbody>
            {model.vectors.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  {v.name}
                  {v.uncovered && <span className="row-note">{v.uncovered}</span>}
                </th>
                <td>
                  {v.incidentShare} <span className="basis">{BASIS_LABEL[v.incidentsBasis]}</span>
                </td>
                <td>
                  {v.lossShare} <span className="basis">{BASIS_LABEL[v.lossBasis]}</span>
                </td>
                <td className="hide-narrow">{v.costMultiplier}</td>
                <td className="hide-narrow">{v.exposureDisplay}</td>
                <td>{v.residualDisplay}</td>
                <td className="hide-narrow">{v.readinessDisplay}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Cost per incident is loss share over incident share. Exposure is the vector's part of the
          modelled loss before controls; residual is what is left of it, and the residuals add up to
          the residual risk. {p.remainder}
        </p>
      </section>

      <section aria-labelledby="gaps-title">
        <h2 id="gaps-title">Remediation plan</h2>
        <fieldset className="segmented">
          <legend>Order</legend>
          <label>
            <input
              type="radio"
              name="plan-order"
              checked={order === 'risk'}
              onChange={() => setOrder('risk')}
            />{' '}
            By risk removed
          </label>
          <label>
            <input
              type="radio"
              name="plan-order"
              checked={order === 'effort'}
              onChange={() => setOrder('effort')}
            />{' '}
            By risk removed per unit of effort
          </label>
        </fieldset>
        {gaps.length === 0 ? (
          <p>No gaps: every applicable control is at or above its target.</p>
        ) : (
          <table aria-labelledby="gaps-title">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Control</th>
                <th scope="col">Level → target</th>
                <th scope="col" className="hide-narrow">
                  Owner
                </th>
                <th scope="col" className="hide-narrow">
                  Effort
                </th>
                <th scope="col">Risk removed</th>
                <th scope="col" className="hide-narrow">
                  Vectors and incidents
                </th>
              </tr>
            </thead>
            <tbody>
              {gaps.map((g) => (
                <tr key={g.controlId}>
                  <td>{g.rank}</td>
                  <th scope="row">
                    {g.controlId} {g.title}
                    <span className="row-note">
                      {g.domainName} · {g.severity}
                    </span>
                    {g.actions.map((a) => (
                      <span key={a} className="row-note">
                        Action: {a}
                      </span>
                    ))}
                  </th>
                  <td>
                    {g.levelDisplay} → {g.target}
                  </td>
                  <td className="hide-narrow">{g.owner || '–'}</td>
                  <td className="hide-narrow">{g.effort}</td>
                  <td>
                    {order === 'risk' ? g.riskRemovedDisplay : `${g.perEffortDisplay} / unit`}
                  </td>
                  <td className="hide-narrow">
                    {g.vectors.join(', ')}
                    {g.incidents.length > 0 && (
                      <span className="row-note">Incidents: {g.incidents.join('; ')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {(model.actions.length > 0 || model.parkingLot.length > 0) && (
        <section aria-labelledby="workshop-actions-title">
          <h2 id="workshop-actions-title">Action items and parking lot</h2>
          {model.actions.length > 0 && (
            <table aria-label="Action items">
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  <th scope="col">Action</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Priority</th>
                </tr>
              </thead>
              <tbody>
                {model.actions.map((a, i) => (
                  <tr key={`${a.controlId}-${String(i)}`}>
                    <th scope="row">
                      {a.controlId} {a.title}
                    </th>
                    <td>{a.text}</td>
                    <td>{a.owner || '–'}</td>
                    <td>{a.due || '–'}</td>
                    <td>{a.priority}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {model.parkingLot.length > 0 && (
            <>
              <h3>Parking lot</h3>
              <ul>
                {model.parkingLot.map((r) => (
                  <li key={r.controlId}>
                    <strong>
                      {r.controlId} {r.title}
                    </strong>
                    :{' '}
                    {[r.revisit && 'revisit', r.evidenceRequested && 'evidence requested']
                      .filter(Boolean)
                      .join(', ')}
                    {(r.followUp || r.owner) && <> · owed: {r.followUp || r.owner}</>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {model.teamVsAuditor && (
        <section aria-labelledby="roles-report-title">
          <h2 id="roles-report-title">Team vs auditor</h2>
          <p className="muted">
            {model.teamVsAuditor.differing.length} of {model.teamVsAuditor.rows.length} controls
            rated by both differ (team: median of team members; auditor: verified level).
          </p>
          {model.teamVsAuditor.differing.length > 0 && (
            <table aria-labelledby="roles-report-title">
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  <th scope="col">Team</th>
                  <th scope="col">Auditor</th>
                </tr>
              </thead>
              <tbody>
                {model.teamVsAuditor.differing.map((r) => (
                  <tr key={r.controlId} className="differs">
                    <th scope="row">
                      {r.controlId} {r.title}
                    </th>
                    <td>{r.team}</td>
                    <td>{r.auditor}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      <section aria-labelledby="exposure-title">
        <h2 id="exposure-title">Incident exposure</h2>
        {model.exposure.length === 0 ? (
          <p>The catalogue has no incident scenarios.</p>
        ) : (
          <table aria-labelledby="exposure-title">
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col">Outcome with these answers</th>
                <th scope="col" className="hide-narrow">
                  Why
                </th>
              </tr>
            </thead>
            <tbody>
              {model.exposure.map((x) => (
                <tr key={x.id} data-outcome={x.outcome}>
                  <th scope="row">
                    {x.name}
                    <span className="row-note">
                      {x.date} · {x.lossDisplay}
                    </span>
                  </th>
                  <td className={`outcome outcome-${x.outcome}`}>{x.outcomeLabel}</td>
                  <td className="hide-narrow">{x.detail}</td>
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
        {model.methodology.map((section) => (
          <div key={section.title}>
            <h3>{section.title}</h3>
            {section.title === 'Worked example' ? (
              <ol>
                {section.paragraphs.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ol>
            ) : (
              section.paragraphs.map((text) => <p key={text}>{text}</p>)
            )}
          </div>
        ))}
        <h3>Sources of the threat profile</h3>
        {p.sources.length === 0 ? (
          <p>None: this profile is a reference point, not data.</p>
        ) : (
          <ul>
            {p.sources.map((src) => (
              <li key={src.id}>
                {src.title}
                {src.url && (
                  <>
                    {' '}
                    <span className="url">{src.url}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="muted">
          Catalogue: {model.catalogue.name} ({model.catalogue.id} {model.catalogue.version}).
        </p>
      </section>
    </>
  );
}
