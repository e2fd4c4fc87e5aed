import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { downloadText } from '../../components/download.ts';
import { ProblemList } from '../../components/ProblemList.tsx';
import {
  assessmentToCsv,
  assessmentToJson,
  type CatalogueDiff,
} from '../../domain/assessment/export.ts';
import { withSuffix } from '../../domain/assessment/changes.ts';
import { assessmentSchema, type Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { slugify } from '../../domain/format.ts';
import { localDate, localDateTime } from '../../lib/dates.ts';
import type { Problem } from '../../domain/validation.ts';
import { selectActiveAssessment, useAppStore } from '../../store/app-store.ts';
import { useAssessmentCatalogue, useCatalogueStore } from '../../store/catalogue.ts';

export interface AssessmentsPanelProps {
  /** The clock for the date in export file names; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Unfolded when first drawn; folded, it shows the open assessment's name in one line. */
  readonly initiallyOpen?: boolean;
}

type NameAction = 'new' | 'rename' | 'duplicate';

type Open =
  | { readonly kind: 'none' }
  | { readonly kind: 'name'; readonly action: NameAction; readonly id: string }
  | { readonly kind: 'delete'; readonly id: string };

type Status =
  | { readonly kind: 'none' }
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'backup';
      readonly imported: readonly { readonly name: string; readonly renamed: boolean }[];
      readonly skipped: readonly Problem[];
      readonly warnings: readonly Problem[];
    }
  | {
      readonly kind: 'imported';
      readonly name: string;
      readonly renamed: boolean;
      readonly warnings: readonly Problem[];
      readonly diff: CatalogueDiff;
      readonly from: string;
      readonly to: string;
    };

const NAME_FORM: Record<NameAction, { label: string; submit: string }> = {
  new: { label: 'Name of the new assessment', submit: 'Create' },
  rename: { label: 'New name', submit: 'Save name' },
  duplicate: { label: 'Name of the copy', submit: 'Create copy' },
};

function NameForm({
  action,
  initial,
  onSubmit,
  onCancel,
}: {
  action: NameAction;
  initial: string;
  onSubmit: (name: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();
  const { label, submit } = NAME_FORM[action];

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  return (
    <form
      className="field"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const checked = assessmentSchema.shape.name.safeParse(value);
        if (checked.success) onSubmit(checked.data);
        else setError(checked.error.issues[0]?.message ?? 'expected a name');
      }}
    >
      <label htmlFor={inputId}>{label}</label>
      <input
        ref={inputRef}
        id={inputId}
        value={value}
        maxLength={200}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      />
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">{submit}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DeleteConfirm({
  assessment,
  onConfirm,
  onCancel,
}: {
  assessment: Assessment;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice gets focus, so a stray Enter cannot delete anything.
  useEffect(() => cancelRef.current?.focus(), []);
  const escape = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') onCancel();
  };
  return (
    <div role="group" aria-labelledby={titleId} className="callout">
      <p id={titleId}>
        Delete “{assessment.name}” from this browser? Its answers cannot be recovered unless you
        have exported it.
      </p>
      <div className="form-actions">
        <button type="button" onClick={onConfirm} onKeyDown={escape}>
          Delete “{assessment.name}”
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="secondary"
          onClick={onCancel}
          onKeyDown={escape}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

function ImportSummary({ status }: { status: Extract<Status, { kind: 'imported' }> }) {
  const { diff } = status;
  return (
    <>
      <p>
        Imported “{status.name}”.
        {status.renamed &&
          ' An assessment with the same id was already here; it was kept, and the file was added as a new assessment.'}
      </p>
      {diff.versionChanged && (
        <p>
          It was made against catalogue version {status.from}; this browser has {status.to}.
        </p>
      )}
      {status.warnings.length > 0 && (
        <>
          <p>
            {status.warnings.length === 1
              ? 'One entry was left out because its control is no longer in the catalogue:'
              : `${String(status.warnings.length)} entries were left out because their controls are no longer in the catalogue:`}
          </p>
          <ProblemList problems={status.warnings} />
        </>
      )}
      {diff.removed.length > 0 && (
        <p>
          Controls removed since {status.from}: {diff.removed.join(', ')}.
        </p>
      )}
      {diff.added.length > 0 && (
        <p>
          Controls in {status.to} this file has no answer for ({String(diff.added.length)}),
          including any added since {status.from}: {diff.added.join(', ')}.
        </p>
      )}
    </>
  );
}

function BackupSummary({ status }: { status: Extract<Status, { kind: 'backup' }> }) {
  const { imported, skipped, warnings } = status;
  const copies = imported.filter((a) => a.renamed).length;
  return (
    <>
      <p>
        Imported{' '}
        {imported.length === 1 ? 'one assessment' : `${String(imported.length)} assessments`} from
        the backup: {imported.map((a) => `“${a.name}”`).join(', ')}.
        {copies > 0 &&
          ` ${copies === 1 ? 'One was' : `${String(copies)} were`} already here under the same id; those were kept, and the backup's added as new assessments.`}
      </p>
      {skipped.length > 0 && (
        <>
          <p>Left out of the backup, because they did not pass the checks an import makes:</p>
          <ProblemList problems={skipped} />
        </>
      )}
      {warnings.length > 0 && (
        <>
          <p>Entries left out because their controls are no longer in the catalogue:</p>
          <ProblemList problems={warnings} />
        </>
      )}
    </>
  );
}

function CatalogueFacts({
  assessment,
  catalogue,
  validating,
}: {
  assessment: Assessment;
  catalogue: Catalogue | undefined;
  validating: boolean;
}): ReactNode {
  const { id, version } = assessment.catalogue;
  let note = '';
  if (catalogue && catalogue.meta.version !== version) {
    note = ` (this browser has version ${catalogue.meta.version})`;
  } else if (!catalogue && !validating) {
    note = ' (not loaded in this browser)';
  }
  return (
    <>
      {id} {version}
      {note}
    </>
  );
}

/**
 * Several assessments side by side, and moving them between machines as files. Everything that
 * changes stored data goes through the store's validated actions; an import is parsed completely
 * before anything is stored, so a bad file leaves the saved assessments as they were.
 */
export function AssessmentsPanel({
  now = () => new Date(),
  initiallyOpen = true,
}: AssessmentsPanelProps) {
  const [startOpen] = useState(initiallyOpen);
  const assessments = useAppStore((s) => s.assessments);
  const active = useAppStore(selectActiveAssessment);
  const setActive = useAppStore((s) => s.setActiveAssessment);
  const createAssessment = useAppStore((s) => s.createAssessment);
  const renameAssessment = useAppStore((s) => s.renameAssessment);
  const duplicateAssessment = useAppStore((s) => s.duplicateAssessment);
  const deleteAssessment = useAppStore((s) => s.deleteAssessment);
  const importAssessmentFile = useAppStore((s) => s.importAssessmentFile);
  const catalogue = useAssessmentCatalogue(active);
  const validating = useCatalogueStore((s) => s.validating);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [status, setStatus] = useState<Status>({ kind: 'none' });
  const [importProblems, setImportProblems] = useState<readonly Problem[] | null>(null);
  const [importing, setImporting] = useState(false);
  const pickerRef = useRef<HTMLSelectElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const pickerId = useId();
  const fileId = useId();
  const csvHintId = useId();

  const say = (text: string): void => setStatus({ kind: 'text', text });
  const close = (focus: HTMLElement | null = returnFocus.current): void => {
    setOpen({ kind: 'none' });
    focus?.focus();
  };
  const openFor = (next: Open, trigger: HTMLElement): void => {
    returnFocus.current = trigger;
    setImportProblems(null);
    setOpen(next);
  };

  const submitName = (action: NameAction, id: string, name: string): void => {
    if (action === 'new') {
      createAssessment(name);
      say(`Created “${name}” and opened it.`);
    } else if (action === 'rename') {
      renameAssessment(id, name);
      say(`Renamed to “${name}”.`);
    } else if (duplicateAssessment(id, name) !== null) {
      say(`Created the copy “${name}” and opened it.`);
    }
    close(action === 'rename' ? returnFocus.current : pickerRef.current);
  };

  const confirmDelete = (id: string): void => {
    const deleted = deleteAssessment(id);
    if (deleted) say(`Deleted “${deleted.deletedName}”. Now showing “${deleted.nextName}”.`);
    close(pickerRef.current);
  };

  const exportFile = (kind: 'json' | 'csv'): void => {
    if (!active) return;
    const fileName = `opsready-${slugify(active.name)}-${localDate(now())}.${kind}`;
    if (kind === 'json') {
      downloadText(assessmentToJson(active), fileName, 'application/json');
    } else if (catalogue) {
      // The byte-order mark is how Excel knows the file is UTF-8 rather than the system code page.
      downloadText(
        `\uFEFF${assessmentToCsv(active, catalogue)}`,
        fileName,
        'text/csv;charset=utf-8',
      );
    } else {
      return;
    }
    say(`Exported “${active.name}” as ${fileName}.`);
  };

  const importFile = async (file: File): Promise<void> => {
    const result = await importAssessmentFile(file);
    if (!result.ok) {
      setImportProblems(result.problems);
      return;
    }
    if (result.backup !== undefined) setStatus({ kind: 'backup', ...result.backup });
    else setStatus({ kind: 'imported', ...result });
  };

  const list = Object.values(assessments);
  const deleting = open.kind === 'delete' ? assessments[open.id] : undefined;

  return (
    <section aria-labelledby={titleId} className="assessments-panel">
      <details className="panel" open={startOpen}>
        <summary>
          <h2 id={titleId}>Assessments</h2>
          <span className="muted">
            {' '}
            {active ? `open: “${active.name}”` : 'none open'} · {String(list.length)} in this
            browser
          </span>
        </summary>
        <div className="field field-inline">
          <label htmlFor={pickerId}>Assessment</label>
          <select
            ref={pickerRef}
            id={pickerId}
            value={active?.id ?? ''}
            onChange={(e) => {
              setOpen({ kind: 'none' });
              setActive(e.target.value);
            }}
          >
            {list.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        {active && (
          <dl className="meta-grid">
            <div>
              <dt>Catalogue</dt>
              <dd>
                <CatalogueFacts assessment={active} catalogue={catalogue} validating={validating} />
              </dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>
                <time dateTime={active.createdAt}>{localDateTime(active.createdAt)}</time>
              </dd>
            </div>
            <div>
              <dt>Last changed</dt>
              <dd>
                <time dateTime={active.updatedAt}>{localDateTime(active.updatedAt)}</time>
              </dd>
            </div>
          </dl>
        )}

        <div className="card-actions" role="group" aria-label="Manage assessments">
          <button
            type="button"
            className="secondary"
            onClick={(e) => openFor({ kind: 'name', action: 'new', id: '' }, e.currentTarget)}
          >
            New
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!active}
            onClick={(e) => {
              if (active)
                openFor({ kind: 'name', action: 'rename', id: active.id }, e.currentTarget);
            }}
          >
            Rename
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!active}
            onClick={(e) => {
              if (active)
                openFor({ kind: 'name', action: 'duplicate', id: active.id }, e.currentTarget);
            }}
          >
            Duplicate
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!active}
            onClick={(e) => {
              if (active) openFor({ kind: 'delete', id: active.id }, e.currentTarget);
            }}
          >
            Delete
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!active}
            onClick={() => exportFile('json')}
          >
            Export JSON
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!active || !catalogue}
            aria-describedby={active && !catalogue ? csvHintId : undefined}
            onClick={() => exportFile('csv')}
          >
            Export CSV
          </button>
        </div>
        {active && !catalogue && !validating && (
          <p id={csvHintId} className="muted">
            CSV export lists the catalogue’s controls, so it needs catalogue {active.catalogue.id},
            which is not loaded in this browser. JSON export keeps everything.
          </p>
        )}

        {open.kind === 'name' && (
          <NameForm
            key={`${open.action}:${open.id}`}
            action={open.action}
            initial={
              open.action === 'new'
                ? 'New assessment'
                : open.action === 'rename'
                  ? (assessments[open.id]?.name ?? '')
                  : withSuffix(assessments[open.id]?.name ?? '', ' (copy)')
            }
            onSubmit={(name) => submitName(open.action, open.id, name)}
            onCancel={() => close()}
          />
        )}
        {deleting && (
          <DeleteConfirm
            assessment={deleting}
            onConfirm={() => confirmDelete(deleting.id)}
            onCancel={() => close()}
          />
        )}

        <div className="file-load">
          <label htmlFor={fileId}>Import JSON</label>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            disabled={importing}
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (!file) return;
              setOpen({ kind: 'none' });
              setStatus({ kind: 'none' });
              setImportProblems(null);
              setImporting(true);
              importFile(file)
                .catch((error: unknown) => {
                  setImportProblems([
                    {
                      source: file.name,
                      path: '(root)',
                      message: `could not be imported: ${error instanceof Error ? error.message : String(error)}`,
                    },
                  ]);
                })
                .finally(() => {
                  // Cleared so that choosing the same file again (after fixing it) imports it again.
                  input.value = '';
                  setImporting(false);
                });
            }}
          />
          <p className="muted">
            An OpsReady assessment file, or a backup of the saved data (JSON, at most 5 MB). It is
            read in this browser and added as new assessments; nothing already saved is overwritten.
          </p>
        </div>

        <div role="status">
          {status.kind === 'text' && <p>{status.text}</p>}
          {status.kind === 'imported' && <ImportSummary status={status} />}
          {status.kind === 'backup' && <BackupSummary status={status} />}
        </div>
        {importProblems && (
          <div role="alert" className="callout error">
            <p>Nothing was imported; your saved assessments are unchanged.</p>
            <ProblemList problems={importProblems} />
          </div>
        )}
      </details>
    </section>
  );
}
