import { useId, useState } from 'react';
import { ProblemList } from '../../components/ProblemList.tsx';
import type { Problem } from '../../domain/validation.ts';
import { bundledCatalogue, useCatalogueStore, validCatalogues } from '../../store/catalogue.ts';

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'loaded'; readonly text: string }
  | { readonly kind: 'failed'; readonly problems: readonly Problem[] };

/**
 * Which catalogue the page shows, and loading a team's own. A loaded file is validated exactly
 * like the built-in one; if it fails, nothing already loaded changes.
 */
export function CatalogueSource() {
  const user = useCatalogueStore((s) => s.user);
  const viewing = useCatalogueStore((s) => s.viewing);
  const view = useCatalogueStore((s) => s.view);
  const addFiles = useCatalogueStore((s) => s.addFiles);
  const remove = useCatalogueStore((s) => s.remove);
  const saveError = useCatalogueStore((s) => s.saveError);
  const loadProblems = useCatalogueStore((s) => s.loadProblems);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
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
        <label htmlFor={fileId}>Load your own catalogue (YAML or JSON, one or more files)</label>
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
            void addFiles(files, new Date())
              .then(
                (result) => {
                  setStatus(
                    result.ok
                      ? {
                          kind: 'loaded',
                          text: `Loaded ${result.value.meta.name} ${result.value.meta.version}: ${String(result.value.controls.length)} controls.`,
                        }
                      : { kind: 'failed', problems: result.problems },
                  );
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
