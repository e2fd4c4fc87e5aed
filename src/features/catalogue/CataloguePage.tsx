import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { catalogueCoverage, incidentsForControl } from '../../domain/catalogue/coverage.ts';
import { controlMatches, listedControlMatches } from '../../domain/catalogue/search.ts';
import type { Catalogue, Control, Incident } from '../../domain/catalogue/schema.ts';
import { formatUsd } from '../../domain/format.ts';
import { newAssessment, useAppStore } from '../../store/app-store.ts';
import {
  catalogueDetailsError,
  catalogueIncidentCounts,
  loadCatalogueDetails,
  useCatalogueDetails,
  useViewedCatalogue,
  type DetailsStatus,
} from '../../store/catalogue.ts';
import { CatalogueSource } from './CatalogueSource.tsx';
import { OscalCatalogButton } from './OscalCatalogButton.tsx';

const EFFECT_LABEL: Readonly<Record<string, string>> = {
  prevents: 'prevents',
  detects: 'detects',
  'limits-loss': 'limits loss',
  'speeds-response': 'speeds response',
};

/**
 * Runs `run` just after the next frame has been painted (requestAnimationFrame comes just before
 * it); at once in a hidden tab, which paints nothing. Returns what cancels it.
 */
function afterNextPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (document.visibilityState === 'hidden') {
    timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** Asks for the details (again, after a failure); the page shows the outcome where it waits. */
const askForDetails = (catalogue: Catalogue) => (): void =>
  void loadCatalogueDetails(catalogue).catch(() => undefined);

/**
 * What stands where a part of the page needs the built-in catalogue's details while they are on
 * their way (a moment after the list is drawn), or if they failed to arrive.
 */
function DetailsPending({ catalogue, status }: { catalogue: Catalogue; status: DetailsStatus }) {
  if (status === 'failed') {
    return (
      <div role="alert" className="callout error">
        <p>The controls' details could not be loaded: {catalogueDetailsError(catalogue)}.</p>
        <button type="button" onClick={askForDetails(catalogue)}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <p role="status" className="muted">
      Loading the controls' details…
    </p>
  );
}

function ControlDetail({
  control,
  catalogue,
  details,
  showIncident,
}: {
  control: Control;
  catalogue: Catalogue;
  details: DetailsStatus;
  showIncident: (id: string) => void;
}) {
  // From the list part: the card says it before the incidents themselves have loaded.
  const incidents = catalogueIncidentCounts(catalogue).byControl[control.id] ?? 0;
  // The details are drawn when opened, not for every card folded: on a large catalogue they were
  // most of the page's elements. The app's filter searches the catalogue, not the page, so it
  // still finds a control by what its details say.
  const [open, setOpen] = useState(false);
  return (
    <article
      className="control-card"
      id={`control-${control.id}`}
      aria-labelledby={`cat-${control.id}`}
    >
      <h3 id={`cat-${control.id}`}>
        <span className="control-id">{control.id}</span> {control.title}
      </h3>
      <p className="objective">{control.objective}</p>
      <p className="control-meta">
        Severity <strong>{control.severity}</strong> · Effort <strong>{control.effort}</strong> ·
        Baseline target <strong>level {control.baseline}</strong>
        {incidents > 0 && (
          <>
            {' '}
            · In <strong>{incidents}</strong> incident{incidents === 1 ? '' : 's'}
          </>
        )}
      </p>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          Details<span className="visually-hidden"> of {control.id}</span>
        </summary>
        {open &&
          (details === 'loaded' ? (
            <ControlDetailBody
              control={control}
              catalogue={catalogue}
              showIncident={showIncident}
            />
          ) : (
            <DetailsPending catalogue={catalogue} status={details} />
          ))}
      </details>
    </article>
  );
}

/** What a control's folded details hold: why, the levels, vectors, verification and incidents. */
function ControlDetailBody({
  control,
  catalogue,
  showIncident,
}: {
  control: Control;
  catalogue: Catalogue;
  showIncident: (id: string) => void;
}) {
  const vectorName = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
  const incidents = incidentsForControl(catalogue, control.id);
  return (
    <>
      <h4>Why it matters</h4>
      <p>{control.rationale}</p>
      <h4>Maturity levels</h4>
      <ol className="level-list" start={0}>
        {control.levels.map((descriptor, level) => (
          <li key={level}>
            <strong>
              {level} {catalogue.scale[level]?.name}:
            </strong>{' '}
            {descriptor}
          </li>
        ))}
      </ol>
      <h4>Attack vectors</h4>
      <ul>
        {control.vectors.map((v) => (
          <li key={v.vector}>
            {vectorName.get(v.vector) ?? v.vector}:{' '}
            {v.effects.map((e) => EFFECT_LABEL[e] ?? e).join(', ')}
          </li>
        ))}
      </ul>
      <h4>How an auditor verifies it</h4>
      <p>{control.verification}</p>
      <h4>Evidence</h4>
      <ul>
        {control.evidence.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      {control.references && control.references.length > 0 && (
        <>
          <h4>References</h4>
          <ul>
            {control.references.map((r) => (
              <li key={`${r.framework}-${r.id}`}>
                {r.framework} {r.id}
                {r.title ? ` — ${r.title}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {incidents.length > 0 && (
        <>
          <h4>Real incidents it would have broken</h4>
          <ul>
            {incidents.map((i) => {
              const steps = i.steps.flatMap((s, n) =>
                s.breaks
                  .filter((b) => b.control === control.id)
                  .map(
                    (b) =>
                      `step ${String(n + 1)} at level ${String(b.level)} (${EFFECT_LABEL[b.effect] ?? b.effect})`,
                  ),
              );
              return (
                <li key={i.id}>
                  <button type="button" className="link" onClick={() => showIncident(i.id)}>
                    {i.name}
                  </button>{' '}
                  ({i.date}): {steps.join('; ')}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}

function IncidentCard({ incident, catalogue }: { incident: Incident; catalogue: Catalogue }) {
  const vectorName = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
  const controlTitle = new Map(catalogue.controls.map((c) => [c.id, c.title]));
  return (
    <article
      className="incident-card"
      id={`incident-${incident.id}`}
      aria-labelledby={`inc-${incident.id}`}
    >
      <h3 id={`inc-${incident.id}`} tabIndex={-1}>
        {incident.name}
      </h3>
      <p className="control-meta">
        {incident.date} · {formatUsd(incident.loss.usd)} · {incident.victim}
      </p>
      <p>{incident.summary}</p>
      <details>
        <summary>
          Attack path and sources<span className="visually-hidden"> of {incident.name}</span>
        </summary>
        <dl className="incident-facts">
          <dt>Loss</dt>
          <dd>{incident.loss.note}</dd>
          <dt>Root cause</dt>
          <dd>{incident.rootCause}</dd>
          <dt>Attack vectors</dt>
          <dd>{incident.vectors.map((v) => vectorName.get(v) ?? v).join(', ')}</dd>
          {incident.attribution && (
            <>
              <dt>Attribution</dt>
              <dd>{incident.attribution}</dd>
            </>
          )}
        </dl>
        <h4>Attack path</h4>
        <ol className="attack-path">
          {incident.steps.map((step, n) => (
            <li key={n}>
              <strong>{step.title}.</strong> {step.description}
              {step.unknowns && step.unknowns.length > 0 && (
                <span className="row-note">Unknown: {step.unknowns.join(' ')}</span>
              )}
              <span className="row-note">
                {step.breaks.length === 0
                  ? 'No operational control in the catalogue breaks this step.'
                  : `Broken by: ${step.breaks
                      .map(
                        (b) =>
                          `${b.control} ${controlTitle.get(b.control) ?? ''} at level ${String(b.level)} (${EFFECT_LABEL[b.effect] ?? b.effect})`,
                      )
                      .join('; ')}`}
              </span>
            </li>
          ))}
        </ol>
        {incident.detection && (
          <>
            <h4>Detection</h4>
            <p>{incident.detection}</p>
          </>
        )}
        {incident.response && (
          <>
            <h4>Response</h4>
            <p>{incident.response}</p>
          </>
        )}
        {incident.unknowns && incident.unknowns.length > 0 && (
          <>
            <h4>Not known from the public record</h4>
            <ul>
              {incident.unknowns.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          </>
        )}
        <h4>Sources</h4>
        <ul>
          {incident.sources.map((s) => (
            <li key={s.title}>
              {s.url ? (
                <a href={s.url} target="_blank" rel="noreferrer noopener">
                  {s.title}
                </a>
              ) : (
                s.title
              )}
              {s.note && <span className="muted"> — {s.note}</span>}
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}

/**
 * Cards drawn at once: 112 draw in a blink, NIST 800-53's 1,007 (an imported OSCAL catalog) took
 * several seconds of DOM work before the page answered, so past this the rest wait for a click.
 */
const CARD_LIMIT = 200;

function ControlsView({
  catalogue,
  details,
  showIncident,
}: {
  catalogue: Catalogue;
  details: DetailsStatus;
  showIncident: (id: string) => void;
}) {
  const [query, setQuery] = useState('');
  const [domain, setDomain] = useState('');
  const [vector, setVector] = useState('');
  const [showAll, setShowAll] = useState(false);
  const deferred = useDeferredValue(query);
  const searchId = useId();
  const domainId = useId();
  const vectorId = useId();
  // Until the details arrive a query reads the fields the list has, says so, and is run again on
  // every field once they are here.
  const searchedAll = details === 'loaded';
  const shown = useMemo(
    () =>
      catalogue.controls.filter(
        (c) =>
          (domain === '' || c.domain === domain) &&
          (vector === '' || c.vectors.some((v) => v.vector === vector)) &&
          (searchedAll ? controlMatches(c, deferred) : listedControlMatches(c, deferred)),
      ),
    [catalogue, domain, vector, deferred, searchedAll],
  );
  const partSearched = !searchedAll && deferred.trim() !== '';
  const drawn = showAll ? shown : shown.slice(0, CARD_LIMIT);
  return (
    <>
      <div className="filters" role="search">
        <div>
          <label htmlFor={searchId}>Search controls</label>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder="id, title, objective…"
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={domainId}>Domain</label>
          <select id={domainId} value={domain} onChange={(e) => setDomain(e.target.value)}>
            <option value="">All domains</option>
            {catalogue.domains.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={vectorId}>Attack vector</label>
          <select id={vectorId} value={vector} onChange={(e) => setVector(e.target.value)}>
            <option value="">All vectors</option>
            {catalogue.vectors.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" className="muted">
        Showing {drawn.length} of {catalogue.controls.length} controls.
        {drawn.length < shown.length &&
          ` ${String(shown.length)} match; the first ${String(CARD_LIMIT)} are drawn so the page stays quick (narrow by domain or search, or show them all).`}
        {partSearched &&
          (details === 'failed'
            ? " The controls' details could not be loaded, so the search read only their ids, titles and objectives."
            : " Searched ids, titles and objectives so far; the controls' details are still loading, and the search runs again on them once they are here.")}
      </p>
      {partSearched && details === 'failed' && (
        <button type="button" className="secondary" onClick={askForDetails(catalogue)}>
          Load the details and search them too
        </button>
      )}
      {drawn.length < shown.length && (
        <button type="button" className="secondary" onClick={() => setShowAll(true)}>
          Show all {shown.length} controls
        </button>
      )}
      {catalogue.domains.map((d) => {
        const members = drawn.filter((c) => c.domain === d.id);
        if (members.length === 0) return null;
        return (
          <section key={d.id} aria-labelledby={`domain-${d.id}`} className="domain">
            <h2 id={`domain-${d.id}`}>{d.name}</h2>
            <p className="muted">{d.description}</p>
            {members.map((c) => (
              <ControlDetail
                key={c.id}
                control={c}
                catalogue={catalogue}
                details={details}
                showIncident={showIncident}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}

/** The scale is in the list part; the counts and the changelog wait for the details. */
function CoverageView({ catalogue, details }: { catalogue: Catalogue; details: DetailsStatus }) {
  return (
    <>
      <section aria-labelledby="scale-title" className="scale">
        <h2 id="scale-title">Maturity scale</h2>
        <dl>
          {catalogue.scale.map((s) => (
            <div key={s.level}>
              <dt>
                {s.level} {s.name}
              </dt>
              <dd>{s.meaning}</dd>
            </div>
          ))}
        </dl>
      </section>
      {details === 'loaded' ? (
        <CoverageDetails catalogue={catalogue} />
      ) : (
        <DetailsPending catalogue={catalogue} status={details} />
      )}
    </>
  );
}

function CoverageDetails({ catalogue }: { catalogue: Catalogue }) {
  const cov = catalogueCoverage(catalogue);
  return (
    <>
      <section aria-labelledby="vectors-cov-title">
        <h2 id="vectors-cov-title">Attack vectors</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Vector</th>
              <th scope="col">Controls that prevent</th>
              <th scope="col">Controls that detect, limit or respond</th>
              <th scope="col">Incidents</th>
            </tr>
          </thead>
          <tbody>
            {cov.vectors.map((v) => (
              <tr key={v.vectorId}>
                <th scope="row">
                  {v.name}
                  <span className="row-note">
                    {catalogue.vectors.find((x) => x.id === v.vectorId)?.description}
                    {v.amplifier &&
                      ' Amplifier: makes losses larger; threat profiles do not weight it.'}
                  </span>
                </th>
                <td>{v.preventing}</td>
                <td>{v.mitigating}</td>
                <td>{v.incidents}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          {cov.controlsInIncidents} of {cov.controls} controls break at least one step of a real
          incident. Framework references:{' '}
          {Object.entries(cov.references)
            .map(([f, n]) => `${f} ${String(n)}`)
            .join(', ') || 'none'}
          .
        </p>
      </section>
      {catalogue.meta.changelog && (
        <section aria-labelledby="changelog-title">
          <h2 id="changelog-title">Changelog</h2>
          {catalogue.meta.changelog.map((entry) => (
            <div key={entry.version}>
              <h3>
                {entry.version} <span className="muted">({entry.date})</span>
              </h3>
              <ul>
                {entry.changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
    </>
  );
}

const VIEWS = [
  { id: 'controls', label: 'Controls' },
  { id: 'incidents', label: 'Incidents' },
  { id: 'coverage', label: 'Scale, vectors and changes' },
] as const;
type View = (typeof VIEWS)[number]['id'];

export function CataloguePage() {
  return <CatalogueView catalogue={useViewedCatalogue()} />;
}

/**
 * The page for one catalogue. The built-in one comes with its list part only: the list is drawn
 * from that, and its details are asked for in the frame after, so their parsing never holds up
 * the first paint; what needs them says they are loading until they are here. A team's own
 * catalogue is whole from the start.
 */
export function CatalogueView({ catalogue }: { catalogue: Catalogue }) {
  const details = useCatalogueDetails(catalogue);
  useEffect(
    () => (details === 'loading' ? afterNextPaint(askForDetails(catalogue)) : undefined),
    [catalogue, details],
  );
  const [view, setView] = useState<View>('controls');
  const addAssessment = useAppStore((s) => s.addAssessment);
  const [started, setStarted] = useState<string | null>(null);
  // Set by a control's incident link; read once the incidents view has rendered.
  const focusIncident = useRef<string | null>(null);
  useEffect(() => {
    const id = focusIncident.current;
    if (view !== 'incidents' || id === null) return;
    focusIncident.current = null;
    const card = document.getElementById(`incident-${id}`);
    card?.querySelector('details')?.setAttribute('open', '');
    card?.scrollIntoView();
    card?.querySelector<HTMLElement>('h3')?.focus();
  }, [view]);
  const showIncident = (id: string): void => {
    focusIncident.current = id;
    setView('incidents');
  };
  return (
    <>
      <div className="page-head">
        <h1>Catalogue</h1>
        <p>
          {catalogue.meta.name}{' '}
          <span className="muted">
            ({catalogue.meta.id} {catalogue.meta.version})
          </span>
          : {catalogue.controls.length} controls in {catalogue.domains.length} domains,{' '}
          {catalogueIncidentCounts(catalogue).total} real incidents.
        </p>
        <p className="muted">{catalogue.meta.description}</p>
        <div className="toolbar">
          <button
            type="button"
            onClick={() => {
              const name = `Assessment against ${catalogue.meta.name}`;
              addAssessment(newAssessment(crypto.randomUUID(), new Date(), name, catalogue));
              setStarted(name);
            }}
          >
            Start an assessment with this catalogue
          </button>
          <OscalCatalogButton catalogue={catalogue} />
          <span role="status">
            {started && (
              <>
                Started “{started}”. <a href="#/assessment">Go to the assessment</a>
              </>
            )}
          </span>
        </div>
      </div>
      <CatalogueSource />
      <nav aria-label="Catalogue views" className="view-switch">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            aria-pressed={view === v.id}
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </nav>
      {view === 'controls' && (
        <ControlsView catalogue={catalogue} details={details} showIncident={showIncident} />
      )}
      {view === 'incidents' && (
        <section aria-labelledby="incidents-title">
          <h2 id="incidents-title">Real incidents as attack paths</h2>
          <p className="muted">
            Facts come from public post-mortems and reports, with their sources; what the record
            does not establish is listed as unknown. Which controls would have broken each step is
            our analysis.
          </p>
          {details !== 'loaded' ? (
            <DetailsPending catalogue={catalogue} status={details} />
          ) : catalogue.incidents.length === 0 ? (
            <p>This catalogue has no incident scenarios.</p>
          ) : (
            catalogue.incidents.map((i) => (
              <IncidentCard key={i.id} incident={i} catalogue={catalogue} />
            ))
          )}
        </section>
      )}
      {view === 'coverage' && <CoverageView catalogue={catalogue} details={details} />}
    </>
  );
}
