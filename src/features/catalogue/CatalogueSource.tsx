import { useId, useState } from 'react';
import { ProblemList } from '../../components/ProblemList.tsx';
import type { SourceFile } from '../../domain/catalogue/load.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { catalogueUpdateImpact, type AssessmentImpact } from '../../domain/catalogue/update.ts';
import type { OscalImportReport } from '../../domain/oscal/catalog-import.ts';
import { fail, type Problem } from '../../domain/validation.ts';
import { useAppStore } from '../../store/app-store.ts';
import {
  bundledCatalogue,
  findCatalogue,
  useCatalogueStore,
  validCatalogues,
} from '../../store/catalogue.ts';
import { prepareSources } from './oscal-sources.ts';

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'loaded'; readonly text: string }
  | { readonly kind: 'failed'; readonly problems: readonly Problem[] }
  | {
      readonly kind: 'confirm';
      readonly sources: readonly SourceFile[];
      readonly next: Catalogue;
      readonly impacts: readonly AssessmentImpact[];
    };

function ImpactList({ impacts }: { impacts: readonly AssessmentImpact[] }) {
  return (
    <ul>
      {impacts.map((i) => (
        <li key={i.id}>
          “{i.name}”:
          {i.removed.length > 0 &&
            ` controls removed, their answers and details dropped: ${i.removed.join(', ')};`}
          {i.aboveScale.length > 0 &&
            ` answers above the new scale, removed and flagged to revisit with the old level noted (never rescored): ${i.aboveScale.map((a) => `${a.controlId} (level ${String(a.level)})`).join(', ')};`}
          {i.targetsAboveScale.length > 0 &&
            ` targets above the new scale, removed: ${i.targetsAboveScale.map((a) => a.controlId).join(', ')};`}
          {i.baselines.length > 0 &&
            ` baselines changed: ${i.baselines.map((b) => `${b.controlId} ${String(b.from)} → ${String(b.to)}`).join(', ')}.`}
        </li>
      ))}
    </ul>
  );
}

/** What an OSCAL catalog's conversion read and assumed, so nobody scores against a guess unknowingly. */
function OscalReport({ report }: { report: OscalImportReport }) {
  return (
    <section aria-labelledby="oscal-report-title" className="callout">
      <h3 id="oscal-report-title">Converted from OSCAL</h3>
      <p>
        “{report.title}” version {report.version} (OSCAL {report.oscalVersion}): {report.controls}{' '}
        controls in {report.domains} domains
        {report.withdrawn > 0 ? `, ${String(report.withdrawn)} withdrawn controls left out` : ''}.
      </p>
      {report.assumptions.length === 0 ? (
        <p>Nothing was assumed: the catalog carries every field OpsReady needs.</p>
      ) : (
        <>
          <p>
            OSCAL has no field for some of what OpsReady needs; this is what was assumed. To change
            it, convert the catalog with <code>npm run oscal -- import</code>, edit the file it
            writes and load that instead.
          </p>
          <ul>
            {report.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * Which catalogue the page shows, and loading a team's own. A loaded file is validated exactly
 * like the built-in one; if it fails, nothing already loaded changes.
 */
export function CatalogueSource() {
  const user = useCatalogueStore((s) => s.user);
  const viewing = useCatalogueStore((s) => s.viewing);
  const view = useCatalogueStore((s) => s.view);
  const add = useCatalogueStore((s) => s.add);
  const check = useCatalogueStore((s) => s.check);
  const updateCatalogue = useAppStore((s) => s.updateCatalogue);
  const remove = useCatalogueStore((s) => s.remove);
  const saveError = useCatalogueStore((s) => s.saveError);
  const loadProblems = useCatalogueStore((s) => s.loadProblems);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // What converting an OSCAL catalog assumed, shown with the result until the next file.
  const [oscal, setOscal] = useState<OscalImportReport | null>(null);
  const selectId = useId();
  const fileId = useId();
  const catalogues = validCatalogues(user);
  const invalid = user.filter((u) => !u.result.ok);

  return (
    <section aria-labelledby="source-title" className="catalogue-source">
      <h2 id="source-title" className="visually-hidden">
        Catalogue source
      </h2>
      <div className="profile-pick">
        <label htmlFor={selectId}>Show catalogue</label>
        <select id={selectId} value={viewing} onChange={(e) => view(e.target.value)}>
          {catalogues.map((c) => (
            <option key={c.meta.id} value={c.meta.id}>
              {c.meta.name} {c.meta.version}
              {c === bundledCatalogue ? ' (built in)' : ' (loaded)'}
            </option>
          ))}
        </select>
        {viewing !== bundledCatalogue.meta.id && (
          <button type="button" onClick={() => remove(viewing)}>
            Remove this catalogue
          </button>
        )}
      </div>
      <div className="file-load">
        <label htmlFor={fileId}>
          Load your own catalogue (YAML or JSON, one or more files, or an OSCAL catalog)
        </label>
        <input
          id={fileId}
          type="file"
          multiple
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          onChange={(e) => {
            const input = e.currentTarget;
            const files = [...(input.files ?? [])];
            if (files.length === 0) return;
            setStatus({ kind: 'reading' });
            setOscal(null);
            const loaded = (result: Awaited<ReturnType<typeof add>>): Status =>
              result.ok
                ? {
                    kind: 'loaded',
                    text: `Loaded ${result.value.meta.name} ${result.value.meta.version}: ${String(result.value.controls.length)} controls.`,
                  }
                : { kind: 'failed', problems: result.problems };
            void prepareSources(files)
              .then(async (prepared) => {
                if (!prepared.ok) return fail<Catalogue>(prepared.problems);
                const { sources } = prepared.value;
                const checked = await check(sources);
                if (checked.ok) setOscal(prepared.value.oscal);
                if (!checked.ok) return checked;
                const next = checked.value;
                const impacts = catalogueUpdateImpact(
                  Object.values(useAppStore.getState().assessments),
                  findCatalogue(user, next.meta.id),
                  next,
                );
                // Replacing a version assessments were made with is said, and agreed, first.
                if (impacts.length > 0 && findCatalogue(user, next.meta.id) !== undefined) {
                  setStatus({ kind: 'confirm', sources, next, impacts });
                  return null;
                }
                return add(sources, new Date());
              })
              .then(
                (result) => {
                  if (result !== null) setStatus(loaded(result));
                },
                (error: unknown) => {
                  setStatus({
                    kind: 'failed',
                    problems: [
                      {
                        source: files.map((f) => f.name).join(', '),
                        path: '(root)',
                        message: `could not be read: ${error instanceof Error ? error.message : String(error)}`,
                      },
                    ],
                  });
                },
              )
              .finally(() => {
                input.value = '';
              });
          }}
        />
        <p className="muted">
          The file is read in this browser and kept here; it is never uploaded. It must define the
          catalogue id, scale, domains, vectors and controls (see{' '}
          <a href="schemas/catalogue.schema.json">the JSON Schema</a>).
        </p>
      </div>
      <div role="status">{status.kind === 'loaded' && <p>{status.text}</p>}</div>
      {oscal && (status.kind === 'loaded' || status.kind === 'confirm') && (
        <OscalReport report={oscal} />
      )}
      {status.kind === 'confirm' && (
        <div role="group" aria-label="Replace the catalogue?" className="callout">
          <p>
            Replacing {status.next.meta.id} with version {status.next.meta.version} changes these
            assessments (export them first to keep a copy as they are now):
          </p>
          <ImpactList impacts={status.impacts} />
          <div className="form-actions">
            <button
              type="button"
              onClick={() => {
                const { sources, next } = status;
                void add(sources, new Date()).then((result) => {
                  if (result.ok) updateCatalogue(next);
                  setStatus(
                    result.ok
                      ? {
                          kind: 'loaded',
                          text: `Loaded ${next.meta.name} ${next.meta.version}; ${String(status.impacts.length)} assessment(s) updated, answers above the scale flagged to revisit.`,
                        }
                      : { kind: 'failed', problems: result.problems },
                  );
                });
              }}
            >
              Replace and update the assessments
            </button>
            <button type="button" className="secondary" onClick={() => setStatus({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {status.kind === 'failed' && (
        <div role="alert" className="callout error">
          <p>The catalogue was not loaded. Nothing already loaded changed. Problems found:</p>
          <ProblemList problems={status.problems} />
        </div>
      )}
      {saveError && (
        <p role="alert" className="callout error">
          Loaded for this session, but it could not be saved in this browser: {saveError}
        </p>
      )}
      {loadProblems.length > 0 && (
        <div role="alert" className="callout error">
          <p>
            Your saved catalogues could not be read, so they are left untouched and saving new ones
            is paused:
          </p>
          <ProblemList problems={loadProblems} />
        </div>
      )}
      {invalid.map((u) => (
        <div key={u.loadedAt} role="alert" className="callout error">
          <p>
            A saved catalogue ({u.files.map((f) => f.name).join(', ')}) no longer validates and is
            not used:
          </p>
          {!u.result.ok && <ProblemList problems={u.result.problems} />}
        </div>
      ))}
    </section>
  );
}
