import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { FirstVisit } from '../../components/FirstVisit.tsx';
import { LoadDemoButton } from '../../components/LoadDemoButton.tsx';
import type { Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue, Domain } from '../../domain/catalogue/schema.ts';
import { formatScore } from '../../domain/format.ts';
import { isBlank } from '../../domain/persistence/merge.ts';
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
  type AppState,
} from '../../store/app-store.ts';
import { useAssessmentCatalogue, useCatalogueStore } from '../../store/catalogue.ts';
import { MissingCatalogue } from '../../components/MissingCatalogue.tsx';
import { applyArchitecture, effectiveAnswers } from '../../domain/scoring/architecture.ts';
import { ControlAnswer } from './ControlAnswer.tsx';
import { AssessmentsPanel } from './AssessmentsPanel.tsx';
import { UndoButton } from './UndoButton.tsx';
import { AssessmentDetailsForm } from './DetailsForm.tsx';
import { ArchitectureFieldset } from './ArchitectureFieldset.tsx';
import { FundsFieldset } from './FundsFieldset.tsx';

/** What the funds form reads from the assessment (FundsFieldset.tsx). */
const FUNDS_INPUTS = ['architecture', 'funds', 'profileId', 'customProfile'] as const;

/**
 * The funds form, drawn again only when what it reads changed: an answer changes none of it, and
 * drawing the form builds its schema and registers every field again.
 */
const Funds = memo(
  FundsFieldset,
  (before, after) =>
    before.catalogue === after.catalogue &&
    before.today === after.today &&
    FUNDS_INPUTS.every((k) => before.assessment[k] === after.assessment[k]),
);

/**
 * A selector of figures scored from the open assessment that scores again only when its answers,
 * details or architecture changed. The store notifies every subscriber of every change (the undo
 * history, a save), and scoring the whole catalogue on each notification was most of the cost of
 * one answer on a large catalogue.
 */
function scoredWhenChanged<T>(score: (a: Assessment | undefined) => T): (state: AppState) => T {
  let seen: readonly unknown[] | undefined;
  let value: T;
  return (state) => {
    const a = selectActiveAssessment(state);
    const inputs = [a?.id, a?.answers, a?.meta, a?.architecture];
    if (seen === undefined || inputs.some((x, i) => x !== seen?.[i])) {
      value = score(a);
      seen = inputs;
    }
    return value;
  };
}

/**
 * A selector of one domain's counts that scores again only when an answer or the details of one of
 * its own controls changed: an answer elsewhere costs a comparison per control, not a scoring.
 */
function domainCountsWhenChanged(
  slice: Catalogue,
): (state: AppState) => ReturnType<typeof computeReadiness>['counts'] {
  const ids = slice.controls.map((c) => c.id);
  // What the counts were scored from: the assessment, and each control's answer and details.
  let seen: Pick<Assessment, 'id' | 'answers' | 'meta'> | undefined;
  const answers: unknown[] = [];
  const metas: unknown[] = [];
  let value: ReturnType<typeof computeReadiness>['counts'] | undefined;
  const unchanged = (a: Assessment | undefined): boolean =>
    a?.id === seen?.id &&
    ((a?.answers === seen?.answers && a?.meta === seen?.meta) ||
      ids.every((id, i) => a?.answers[id] === answers[i] && a?.meta[id] === metas[i]));
  return (state) => {
    const a = selectActiveAssessment(state);
    if (value !== undefined && unchanged(a)) {
      seen = a;
      return value;
    }
    // Targets of this domain's controls only: the slice scores nothing else.
    const targets: Record<string, number> = {};
    ids.forEach((id, i) => {
      answers[i] = a?.answers[id];
      const meta = (metas[i] = a?.meta[id]);
      if (meta?.target !== undefined) targets[id] = meta.target;
    });
    seen = a;
    value = computeReadiness(slice, a?.answers ?? {}, targets).counts;
    return value;
  };
}

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
  const select = useMemo(() => domainCountsWhenChanged(slice), [slice]);
  const counts = useAppStoreShallow(select);
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
  return useCallback(
    (event: React.KeyboardEvent<HTMLElement>) => keyOnControl(catalogue, event),
    [catalogue],
  );
}

/** The store's actions are read when a key needs them, so the page subscribes to none of them. */
function keyOnControl(
  catalogue: Catalogue | undefined,
  event: React.KeyboardEvent<HTMLElement>,
): void {
  const { chooseAnswer, toggleFlag } = useAppStore.getState();
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
}

type ArchitectureEffect = ReturnType<typeof applyArchitecture>;

/**
 * The effect of what the team operates, worked out again only when that changes: it does not
 * depend on the answers, and an answer would otherwise pay for it.
 */
function architectureEffects(
  catalogue: Catalogue,
): (a: Assessment | undefined) => ArchitectureEffect {
  let seen: { architecture: Assessment['architecture']; effect: ArchitectureEffect } | undefined;
  return (a) => {
    const architecture = a?.architecture;
    if (seen === undefined || seen.architecture !== architecture) {
      seen = {
        architecture,
        effect: applyArchitecture(catalogue, new Set(architecture?.notOperated ?? [])),
      };
    }
    return seen.effect;
  };
}

/** What the work bar shows: answered of total, and readiness as the report will score it. */
function workFigures(
  catalogue: Catalogue,
  a: Assessment | undefined,
  effect: ArchitectureEffect,
): { done: number; total: number; score: string } {
  const answers = a?.answers ?? {};
  const stored = computeReadiness(catalogue, answers).counts;
  // Scored as the report scores it: what the team does not operate counts as not applicable.
  const scored = computeReadiness(
    catalogue,
    effectiveAnswers(effect, answers),
    a ? targetsOf(a) : {},
  );
  return {
    done: stored.answered + stored.notApplicable,
    total: stored.total,
    score: formatScore(scored.readiness),
  };
}

/** Progress over the whole assessment and the readiness the report will show for it. */
function WorkProgress({ catalogue }: { catalogue: Catalogue }) {
  const select = useMemo(() => {
    const effectOf = architectureEffects(catalogue);
    return scoredWhenChanged((a) => workFigures(catalogue, a, effectOf(a)));
  }, [catalogue]);
  const { done, total, score } = useAppStoreShallow(select);
  return (
    <div className="work-progress">
      <progress value={done} max={total} aria-label="Controls answered" />{' '}
      <span>
        <strong>{done}</strong> of {total} answered
      </span>
      <span className="work-score">
        Readiness <strong data-testid="work-readiness">{score}</strong>
        <span className="muted"> / 100, as in the report</span>
      </span>
    </div>
  );
}

/**
 * The domains and their cards. Memoised, with props that stay the same while answers change: the
 * page re-renders on every answer (its summary and forms read the assessment), this list does not,
 * so one answer re-renders only the card that subscribes to it, not a thousand elements.
 */
const ControlList = memo(function ControlList({
  catalogue,
  shown,
  collapsed,
  notOperated,
  assessmentId,
  onToggleDomain,
}: {
  catalogue: Catalogue;
  /** The ids the filter shows; null when not filtering. */
  shown: ReadonlySet<string> | null;
  collapsed: ReadonlySet<string>;
  notOperated: ReadonlyMap<string, string>;
  assessmentId: string;
  onToggleDomain: (domainId: string) => void;
}) {
  const byDomain = useMemo(() => {
    const members = new Map<string, Catalogue['controls'][number][]>();
    for (const c of catalogue.controls) {
      if (shown !== null && !shown.has(c.id)) continue;
      const list = members.get(c.domain);
      if (list) list.push(c);
      else members.set(c.domain, [c]);
    }
    return members;
  }, [catalogue, shown]);
  return catalogue.domains.map((domain) => {
    const controls = byDomain.get(domain.id) ?? [];
    if (controls.length === 0) return null;
    const open = !collapsed.has(domain.id);
    const bodyId = `assess-${domain.id}-controls`;
    return (
      <section key={domain.id} aria-labelledby={`assess-${domain.id}`} className="domain">
        <h2 id={`assess-${domain.id}`} className="domain-heading">
          <button
            type="button"
            className="domain-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => onToggleDomain(domain.id)}
          >
            {domain.name}
          </button>
        </h2>
        <DomainProgress catalogue={catalogue} domain={domain} />
        <div id={bodyId} hidden={!open}>
          {open &&
            controls.map((c) => (
              // Keyed by assessment too: switching assessments must not carry a half-typed
              // N/A justification from one to the other.
              <ControlAnswer
                key={`${assessmentId}:${c.id}`}
                control={c}
                scale={catalogue.scale}
                notOperated={notOperated.get(c.id)}
              />
            ))}
        </div>
      </section>
    );
  });
});

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
  // Whether applying the filter again would show other controls: only then is it offered.
  const stale = useAppStore((s) => {
    if (!catalogue || shown === null) return false;
    const a = selectActiveAssessment(s);
    const now = filterControls(catalogue, a ?? { answers: {}, meta: {} }, filter);
    return now.length !== shown.size || now.some((c) => !shown.has(c.id));
  });
  const onKeyDown = useControlKeys(catalogue);
  const architecture = assessment?.architecture;
  // Controls for what the team does not operate are scored as N/A; their cards say why.
  const notOperated = useMemo(() => {
    if (!catalogue) return new Map<string, string>();
    const effect = applyArchitecture(catalogue, new Set(architecture?.notOperated ?? []));
    return new Map(effect.removedControls.map((r) => [r.control.id, r.justification]));
  }, [catalogue, architecture]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [nextMessage, setNextMessage] = useState('');
  const list = useRef<HTMLDivElement>(null);
  const blank = assessment !== undefined && isBlank(assessment);

  const toggleDomain = useCallback(
    (id: string): void =>
      setCollapsed((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );

  /**
   * Focuses the next unanswered control after the one in focus (from the top when none is), among
   * those the filter shows, opening its domain if it was folded away.
   */
  const nextUnanswered = (): void => {
    if (!catalogue) return;
    const answers = peekActiveAssessment()?.answers ?? {};
    const order = catalogue.domains.flatMap((d) =>
      catalogue.controls.filter((c) => c.domain === d.id),
    );
    const candidates = order.filter(
      (c) => (shown === null || shown.has(c.id)) && answers[c.id] === undefined,
    );
    if (candidates.length === 0) {
      setNextMessage(
        shown === null
          ? 'Every control is answered.'
          : 'No unanswered control among those shown; clear the filters to see the rest.',
      );
      return;
    }
    const focused = document.activeElement?.closest<HTMLElement>('[data-control-id]');
    const from = focused ? order.findIndex((c) => c.id === focused.dataset.controlId) : -1;
    const next = candidates.find((c) => order.indexOf(c) > from) ?? candidates[0];
    if (!next) return;
    flushSync(() => {
      setCollapsed((current) => {
        if (!current.has(next.domain)) return current;
        const open = new Set(current);
        open.delete(next.domain);
        return open;
      });
    });
    const card = list.current?.querySelector<HTMLElement>(`[data-control-id="${next.id}"]`);
    card?.focus({ preventScroll: true });
    card?.scrollIntoView({ block: 'start' });
    setNextMessage(`${next.id}: ${String(candidates.length)} unanswered in view.`);
  };

  return (
    <>
      <div className="page-head">
        <h1>Assessment</h1>
        <p>
          Score each control on the catalogue’s scale, or mark it not applicable with a reason.
          Every change, answers and the details you type, is saved in this browser as you go.
        </p>
        {!blank && (
          <div className="toolbar">
            <LoadDemoButton />
          </div>
        )}
      </div>
      {blank && <FirstVisit where="assessment" />}
      <AssessmentsPanel initiallyOpen={blank} />
      {assessment && <AssessmentDetailsForm key={assessment.id} assessment={assessment} />}
      {assessment && !catalogue && !validating && <MissingCatalogue assessment={assessment} />}
      {catalogue && assessment && (
        <ArchitectureFieldset
          // Its own key: a sibling with the same key as the details form would be duplicated.
          key={`architecture-${assessment.id}`}
          catalogue={catalogue}
          assessment={assessment}
          initiallyOpen={blank}
        />
      )}
      {catalogue && assessment && (
        <Funds key={`funds-${assessment.id}`} catalogue={catalogue} assessment={assessment} />
      )}
      {catalogue && (
        <div
          className={`work-bar${filtersOpen ? ' filters-open' : ''}`}
          role="region"
          aria-label="Progress, filters and undo"
        >
          <div className="work-bar-row">
            <WorkProgress catalogue={catalogue} />
            <div className="work-actions">
              <button type="button" onClick={nextUnanswered}>
                Next unanswered
              </button>
              <UndoButton />
              <button
                type="button"
                className="secondary filters-toggle"
                aria-expanded={filtersOpen}
                aria-controls="work-filters"
                onClick={() => setFiltersOpen((open) => !open)}
              >
                Filters{isFiltering(filter) ? ' (on)' : ''}
              </button>
            </div>
          </div>
          <div id="work-filters" className="work-filters">
            <FilterBar catalogue={catalogue} filter={filter} onChange={setFilter} />
            {isFiltering(filter) && (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setFilter(NO_FILTER);
                  setNextMessage('');
                }}
              >
                Clear filters
              </button>
            )}
          </div>
          <p role="status" className="muted work-status">
            {shown === null
              ? `Showing all ${String(catalogue.controls.length)} controls.`
              : `Showing ${String(shown.size)} of ${String(catalogue.controls.length)} controls.`}{' '}
            {stale && (
              <button type="button" className="link" onClick={() => setSnapshot((n) => n + 1)}>
                Apply the filter to the latest answers
              </button>
            )}{' '}
            {nextMessage}
          </p>
        </div>
      )}
      {catalogue && (
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
      )}
      {/* The key handler reads keys bubbling up from the focused control; the controls themselves
          are the interactive elements. */}
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions */}
      <div className="control-list" ref={list} onKeyDown={onKeyDown}>
        {catalogue && (
          <ControlList
            catalogue={catalogue}
            shown={shown}
            collapsed={collapsed}
            notOperated={notOperated}
            assessmentId={assessment?.id ?? ''}
            onToggleDomain={toggleDomain}
          />
        )}
      </div>
    </>
  );
}
