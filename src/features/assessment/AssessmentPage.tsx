import { useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { LoadDemoButton } from '../../components/LoadDemoButton.tsx';
import type { Catalogue, Domain } from '../../domain/catalogue/schema.ts';
import { computeReadiness, targetsOf } from '../../domain/scoring/readiness.ts';
import {
  filterControls,
  isFiltering,
  NO_FILTER,
  type ControlFilter,
} from '../../domain/assessment/filter.ts';
import {
  peekActiveAssessment,
  selectActiveAssessment,
  useAppStore,
  useAppStoreShallow,
} from '../../store/app-store.ts';
import { useAssessmentCatalogue, useCatalogueStore } from '../../store/catalogue.ts';
import { MissingCatalogue } from '../../components/MissingCatalogue.tsx';
import { applyArchitecture } from '../../domain/scoring/architecture.ts';
import { ControlAnswer } from './ControlAnswer.tsx';
import { AssessmentsPanel } from './AssessmentsPanel.tsx';
import { UndoButton } from './UndoButton.tsx';
import { AssessmentDetailsForm } from './DetailsForm.tsx';
import { ArchitectureFieldset } from './ArchitectureFieldset.tsx';

function DomainProgress({ catalogue, domain }: { catalogue: Catalogue; domain: Domain }) {
  // Scores this domain's controls only, so one answer costs one domain's worth of work.
  const slice = useMemo(
    () => ({
      ...catalogue,
      domains: [domain],
      controls: catalogue.controls.filter((c) => c.domain === domain.id),
    }),
    [catalogue, domain],
  );
  const counts = useAppStoreShallow((s) => {
    const a = selectActiveAssessment(s);
    return computeReadiness(slice, a?.answers ?? {}, a ? targetsOf(a) : {}).counts;
  });
  const done = counts.answered + counts.notApplicable;
  return (
    <p className="domain-progress">
      <progress value={done} max={counts.total} aria-label={`${domain.name} progress`} /> {done} of{' '}
      {counts.total} answered · {counts.gaps} below target
    </p>
  );
}

const STATE_OPTIONS = [
  ['', 'Any answer'],
  ['unanswered', 'Unanswered'],
  ['answered', 'Answered'],
  ['gap', 'Below target'],
  ['na', 'Not applicable'],
  ['flagged', 'Flagged to revisit'],
] as const;

function FilterBar({
  catalogue,
  filter,
  onChange,
}: {
  catalogue: Catalogue;
  filter: ControlFilter;
  onChange: (filter: ControlFilter) => void;
}) {
  return (
    <div className="filters" role="search" aria-label="Filter controls">
      <div>
        <label htmlFor="filter-text">Search</label>
        <input
          id="filter-text"
          type="search"
          value={filter.text}
          placeholder="id, title, objective…"
          onChange={(e) => onChange({ ...filter, text: e.target.value })}
        />
      </div>
      <div>
        <label htmlFor="filter-domain">Domain</label>
        <select
          id="filter-domain"
          value={filter.domain}
          onChange={(e) => onChange({ ...filter, domain: e.target.value })}
        >
          <option value="">All domains</option>
          {catalogue.domains.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-state">Answer</label>
        <select
          id="filter-state"
          value={filter.state}
          onChange={(e) => onChange({ ...filter, state: e.target.value as ControlFilter['state'] })}
        >
          {STATE_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-severity">Severity</label>
        <select
          id="filter-severity"
          value={filter.severity}
          onChange={(e) =>
            onChange({ ...filter, severity: e.target.value as ControlFilter['severity'] })
          }
        >
          <option value="">Any severity</option>
          {(['critical', 'high', 'medium', 'low'] as const).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * Keys for working through controls without the mouse. They act on the control that has focus
 * (or contains it), and never while typing in a field, except radio buttons.
 */
function useControlKeys(catalogue: Catalogue | undefined) {
  const chooseAnswer = useAppStore((s) => s.chooseAnswer);
  const toggleFlag = useAppStore((s) => s.toggleFlag);
  return (event: React.KeyboardEvent<HTMLElement>) => {
    if (!catalogue || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const isRadio = target instanceof HTMLInputElement && target.type === 'radio';
    if (TYPING.has(target.tagName) && !isRadio) return;
    const card = target.closest<HTMLElement>('[data-control-id]');
    const list = event.currentTarget;
    const cards = [...list.querySelectorAll<HTMLElement>('[data-control-id]')];
    const focusCard = (next: HTMLElement | undefined) => {
      if (!next) return;
      next.focus();
      next.scrollIntoView({ block: 'nearest' });
    };
    const index = card ? cards.indexOf(card) : -1;
    if (event.key === 'j') {
      event.preventDefault();
      focusCard(cards[index + 1]);
      return;
    }
    if (event.key === 'k') {
      event.preventDefault();
      focusCard(cards[Math.max(0, index - 1)]);
      return;
    }
    if (!card) return;
    const id = card.dataset.controlId ?? '';
    const control = catalogue.controls.find((c) => c.id === id);
    if (!control) return;
    if (/^\d$/.test(event.key)) {
      const level = Number(event.key);
      if (level > catalogue.scale.length - 1) return;
      event.preventDefault();
      chooseAnswer(id, { status: 'level', level });
    } else if (event.key === 'n') {
      event.preventDefault();
      // Rendered now, so the justification field exists to take focus.
      flushSync(() => card.querySelector<HTMLInputElement>('input[value="na"]')?.click());
      card.querySelector<HTMLTextAreaElement>('.na-form textarea')?.focus();
    } else if (event.key === 'f') {
      event.preventDefault();
      toggleFlag(id, 'revisit');
    }
  };
}

export function AssessmentPage() {
  const assessment = useAppStore(selectActiveAssessment);
  const catalogue = useAssessmentCatalogue(assessment);
  const validating = useCatalogueStore((s) => s.validating);
  const [filter, setFilter] = useState<ControlFilter>(NO_FILTER);
  // The filtered set is taken when the filter changes, not on every answer: a control answered
  // under "Unanswered" stays in view (and keeps focus) until the filter is applied again.
  const [snapshot, setSnapshot] = useState(0);
  const assessmentId = assessment?.id;
  const shown = useMemo(() => {
    if (!catalogue || !isFiltering(filter)) return null;
    const current = peekActiveAssessment();
    return new Set(
      filterControls(catalogue, current ?? { answers: {}, meta: {} }, filter).map((c) => c.id),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- snapshot and assessmentId re-run it
  }, [catalogue, filter, snapshot, assessmentId]);
  const onKeyDown = useControlKeys(catalogue);
  const architecture = assessment?.architecture;
  // Controls for what the team does not operate are scored as N/A; their cards say why.
  const notOperated = useMemo(() => {
    if (!catalogue) return new Map<string, string>();
    const effect = applyArchitecture(catalogue, new Set(architecture?.notOperated ?? []));
    return new Map(effect.removedControls.map((r) => [r.control.id, r.justification]));
  }, [catalogue, architecture]);
  return (
    <>
      <div className="page-head">
        <h1>Assessment</h1>
        <p>
          Score each control on the catalogue’s scale, or mark it not applicable with a reason.
          Every change is saved in this browser as you go.
        </p>
        <div className="toolbar">
          <UndoButton />
          <LoadDemoButton />
        </div>
      </div>
      <AssessmentsPanel />
      {assessment && <AssessmentDetailsForm key={assessment.id} assessment={assessment} />}
      {assessment && !catalogue && !validating && <MissingCatalogue assessment={assessment} />}
      {catalogue && assessment && (
        <ArchitectureFieldset catalogue={catalogue} assessment={assessment} />
      )}
      {catalogue && (
        <>
          <FilterBar catalogue={catalogue} filter={filter} onChange={setFilter} />
          <p role="status" className="muted">
            {shown === null
              ? `Showing all ${String(catalogue.controls.length)} controls.`
              : `Showing ${String(shown.size)} of ${String(catalogue.controls.length)} controls.`}{' '}
            {shown !== null && (
              <button type="button" className="link" onClick={() => setSnapshot((n) => n + 1)}>
                Apply the filter to the latest answers
              </button>
            )}
          </p>
          <details className="key-help">
            <summary>Keyboard</summary>
            <p>
              With a control focused: <kbd>j</kbd> / <kbd>k</kbd> next / previous control,{' '}
              <kbd>0</kbd>–<kbd>{catalogue.scale.length - 1}</kbd> set the level, <kbd>n</kbd> not
              applicable, <kbd>f</kbd> flag to revisit, <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo the last
              change. <kbd>Tab</kbd> reaches every field, and the arrow keys move within a control's
              levels.
            </p>
          </details>
        </>
      )}
      {/* The key handler reads keys bubbling up from the focused control; the controls themselves
          are the interactive elements. */}
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions */}
      <div className="control-list" onKeyDown={onKeyDown}>
        {catalogue?.domains.map((domain) => {
          const controls = catalogue.controls.filter(
            (c) => c.domain === domain.id && (shown === null || shown.has(c.id)),
          );
          if (controls.length === 0) return null;
          return (
            <section key={domain.id} aria-labelledby={`assess-${domain.id}`} className="domain">
              <h2 id={`assess-${domain.id}`}>{domain.name}</h2>
              <DomainProgress catalogue={catalogue} domain={domain} />
              {controls.map((c) => (
                // Keyed by assessment too: switching assessments must not carry a half-typed N/A
                // justification from one to the other.
                <ControlAnswer
                  key={`${assessment?.id ?? ''}:${c.id}`}
                  control={c}
                  scale={catalogue.scale}
                  notOperated={notOperated.get(c.id)}
                />
              ))}
            </section>
          );
        })}
      </div>
    </>
  );
}
