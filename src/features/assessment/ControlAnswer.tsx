import { zodResolver } from '@hookform/resolvers/zod';
import { memo, useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Answer, ControlMeta } from '../../domain/assessment/schema.ts';
import type { Control, ScaleLevel } from '../../domain/catalogue/schema.ts';
import { scoreControl, type ControlScore } from '../../domain/scoring/readiness.ts';
import { peekActiveAssessment, useAppStore } from '../../store/app-store.ts';
import { autosaveText, useAutosave } from './autosave.ts';
import { useControlEntry } from './control-entries.ts';
import {
  metaFormSchema,
  metaFormValues,
  metaFromForm,
  naFormSchema,
  savablePart,
  type MetaForm,
  type NaForm,
} from './form-schemas.ts';

function NaJustificationForm({
  control,
  initial,
  onSave,
}: {
  control: Control;
  initial: string;
  onSave: (justification: string) => void;
}) {
  const {
    register,
    handleSubmit,
    getValues,
    trigger,
    formState: { errors },
  } = useForm<NaForm>({
    resolver: zodResolver(naFormSchema),
    defaultValues: { justification: initial },
  });
  // A reason typed is kept like any other field: saved after a pause, on leaving the field, the
  // page or the route, without waiting for the button. An empty or too long one is not saved.
  const saved = useRef(initial.trim());
  const autosave = useAutosave(() => {
    const parsed = naFormSchema.safeParse(getValues());
    if (!parsed.success) {
      void trigger();
      return false;
    }
    if (parsed.data.justification !== saved.current) {
      saved.current = parsed.data.justification;
      onSave(parsed.data.justification);
    }
    return true;
  });
  const fieldId = `na-${control.id}`;
  return (
    <form
      className="na-form"
      noValidate
      onSubmit={(e) =>
        void handleSubmit((data) => {
          saved.current = data.justification;
          onSave(data.justification);
        })(e)
      }
    >
      <label htmlFor={fieldId}>Why is {control.id} not applicable? (required)</label>
      <textarea
        id={fieldId}
        rows={2}
        {...register('justification', { onChange: autosave.schedule, onBlur: autosave.flush })}
        aria-invalid={errors.justification ? true : undefined}
        aria-describedby={errors.justification ? `${fieldId}-error` : undefined}
      />
      {errors.justification && (
        <p className="field-error" id={`${fieldId}-error`}>
          {errors.justification.message}
        </p>
      )}
      <button type="submit">Save as not applicable</button>
    </form>
  );
}

/** Two metas hold the same fields and values, whatever order their keys were written in. */
function sameMeta(a: ControlMeta | undefined, b: ControlMeta | undefined): boolean {
  const canonical = (m: ControlMeta | undefined): string =>
    JSON.stringify(Object.entries(m ?? {}).sort(([x], [y]) => x.localeCompare(y)));
  return canonical(a) === canonical(b);
}

/** The form's values as the store will hold them: owner and notes trimmed, empty lines gone. */
function storedForm(form: MetaForm, meta: ControlMeta | undefined): MetaForm {
  return metaFormValues(metaFromForm(form, meta), form.notes.trim());
}

function sameForm(a: MetaForm, b: MetaForm): boolean {
  return (
    a.target === b.target &&
    a.owner === b.owner &&
    a.evidence === b.evidence &&
    a.confidence === b.confidence &&
    a.notes === b.notes
  );
}

/**
 * Target, owner, evidence, confidence and notes of one control, saved as they are typed. Values
 * that fail their checks are shown at the field and not saved until corrected.
 */
function MetaEditor({
  control,
  scale,
  answer,
  meta,
  onSave,
}: {
  control: Control;
  scale: readonly ScaleLevel[];
  answer: Answer | undefined;
  meta: ControlMeta | undefined;
  /** Saves the checked form; the caller merges it with the stored meta as it is at that moment. */
  onSave: (form: MetaForm) => void;
}) {
  const {
    register,
    getValues,
    trigger,
    reset,
    formState: { errors },
  } = useForm<MetaForm>({
    resolver: zodResolver(metaFormSchema),
    mode: 'onChange',
    defaultValues: metaFormValues(meta, answer?.notes),
  });
  // What the form and the store last agreed on: a stored change to these fields that this form
  // did not make (undo, another tab) is brought into the form; its own saves are not.
  const synced = useRef(metaFormValues(meta, answer?.notes));
  const autosave = useAutosave(() => {
    const { values, invalid } = savablePart(metaFormSchema, getValues(), synced.current);
    if (invalid) void trigger();
    synced.current = storedForm(values, meta);
    onSave(values);
    return !invalid;
  });
  const { schedule, pending } = autosave;
  // Each field saves after a pause in typing, and at once when it loses focus.
  const field = { onChange: schedule, onBlur: autosave.flush };
  const notes = answer?.notes;
  useEffect(() => {
    const stored = metaFormValues(meta, notes);
    if (pending() || sameForm(stored, synced.current)) return;
    synced.current = stored;
    reset(stored);
  }, [meta, notes, pending, reset]);

  const id = (field: string): string => `${field}-${control.id}`;
  const described = (
    field: keyof MetaForm,
  ): { 'aria-invalid'?: true; 'aria-describedby'?: string } =>
    errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id(field)}-error` } : {};
  const error = (field: keyof MetaForm) =>
    errors[field] && (
      <p className="field-error" id={`${id(field)}-error`}>
        {errors[field].message}
      </p>
    );
  return (
    <form
      className="meta-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        autosave.flush();
      }}
    >
      <div className="meta-grid">
        <div className="field">
          <label htmlFor={id('target')}>Target level</label>
          <select id={id('target')} {...register('target', field)}>
            <option value="">Catalogue baseline ({control.baseline})</option>
            {scale.slice(1).map((s) => (
              <option key={s.level} value={String(s.level)}>
                {s.level} {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('owner')}>Owner</label>
          <input id={id('owner')} {...register('owner', field)} {...described('owner')} />
          {error('owner')}
        </div>
        <div className="field">
          <label htmlFor={id('confidence')}>Confidence</label>
          <select id={id('confidence')} {...register('confidence', field)}>
            <option value="">Not stated</option>
            <option value="verified">Verified with evidence</option>
            <option value="self-reported">Self-reported</option>
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={id('evidence')}>Evidence: links or references, one per line</label>
        <textarea
          id={id('evidence')}
          rows={2}
          {...register('evidence', field)}
          {...described('evidence')}
        />
        {error('evidence')}
      </div>
      <div className="field">
        <label htmlFor={id('notes')}>Notes</label>
        <textarea
          id={id('notes')}
          rows={2}
          disabled={answer === undefined}
          {...register('notes', field)}
          {...described('notes')}
        />
        {answer === undefined && <p className="muted">Answer the control to add notes.</p>}
        {error('notes')}
      </div>
      <p role="status" className="muted autosave-status">
        {autosave.state === 'idle' ? 'Saved as you type.' : autosaveText(autosave.state)}
      </p>
    </form>
  );
}

function metaSummary(meta: ControlMeta | undefined): string {
  if (!meta) return '';
  const parts = [
    meta.owner ? `Owner: ${meta.owner}` : '',
    meta.evidence?.length ? `${String(meta.evidence.length)} evidence` : '',
    meta.confidence === 'verified'
      ? 'verified'
      : meta.confidence === 'self-reported'
        ? 'self-reported'
        : '',
    meta.target !== undefined ? `own target ${String(meta.target)}` : '',
  ];
  return parts.filter((p) => p !== '').join(' · ');
}

function describeScore(score: ControlScore): string {
  if (score.state === 'unanswered') return 'Unanswered';
  if (score.state === 'na') return 'Not applicable';
  const level = String(score.level);
  const target = String(score.target);
  if (score.offScale === true) {
    return `Saved level ${level} is above this catalogue's scale (0–${String(score.control.levels.length - 1)}): scored as absent until answered again`;
  }
  return score.gap
    ? `Level ${level}: below target ${target}`
    : `Level ${level}: meets target ${target}`;
}

/** The store's actions, which are created once with the store: reading them subscribes to nothing. */
function storeActions() {
  return useAppStore.getState();
}

/** The card's look: the score's state, with a level told apart as meeting its target or not. */
function cardState(score: ControlScore): 'unanswered' | 'na' | 'met' | 'gap' {
  if (score.state !== 'level') return score.state;
  return score.gap ? 'gap' : 'met';
}

/**
 * A card reads its own answer and details only (control-entries.ts): answering one control
 * re-renders that card alone, and the store calls one listener for all the cards. The actions are
 * read from the store when used, which needs no subscription (they never change).
 */
export const ControlAnswer = memo(function ControlAnswer({
  control,
  scale,
  notOperated,
}: {
  control: Control;
  scale: readonly ScaleLevel[];
  /** Why the team's architecture makes this control not applicable, when it does. */
  notOperated?: string | undefined;
}) {
  const [answer, meta] = useControlEntry(control.id);
  const { setAnswer, chooseAnswer, setNotes, setMeta, toggleFlag } = storeActions();
  const score = scoreControl(control, answer, meta?.target);
  const target = score.target;
  const flagged = meta?.revisit === true;
  // "Choosing N/A" belongs to the answer it was started on: a level set since (by key, by undo or
  // by another tab) ends it, so the radios never show N/A while the store holds a level.
  const [naStartedOn, setNaStartedOn] = useState<{ answer: Answer | undefined } | null>(null);
  const choosingNa = naStartedOn !== null && naStartedOn.answer === answer;
  const setChoosingNa = (on: boolean): void => setNaStartedOn(on ? { answer } : null);
  const [editing, setEditing] = useState(false);
  const levels = useRef<HTMLFieldSetElement>(null);
  const group = `answer-${control.id}`;
  const showNaForm = choosingNa || answer?.status === 'na';
  const state = cardState(score);

  return (
    <article
      className={`control-card answer-${state}`}
      aria-labelledby={`${group}-title`}
      data-control-id={control.id}
      tabIndex={-1}
    >
      <h3 id={`${group}-title`}>
        <span className="control-id">{control.id}</span> {control.title}
      </h3>
      <p className="objective">{control.objective}</p>
      {notOperated !== undefined && (
        <p className="callout not-operated">
          Scored as not applicable ({notOperated}); your answer below is kept and counts again if
          the team starts operating it.
        </p>
      )}
      <p className="answer-state">
        {describeScore(score)} · severity {control.severity}
        {flagged && <strong className="flag"> · flagged to revisit</strong>}
      </p>
      <fieldset ref={levels}>
        <legend className="visually-hidden">Maturity of {control.id}</legend>
        {control.levels.map((descriptor, level) => (
          <label key={level} className="level-option">
            <input
              type="radio"
              name={group}
              value={level}
              checked={!choosingNa && answer?.status === 'level' && answer.level === level}
              onChange={() => {
                setChoosingNa(false);
                chooseAnswer(control.id, { status: 'level', level });
              }}
            />
            <span className="level-name">
              {level} {scale[level]?.name}
              {level === target && <span className="target-tag"> target</span>}
            </span>
            <span className="level-descriptor">{descriptor}</span>
          </label>
        ))}
        <label className="level-option">
          <input
            type="radio"
            name={group}
            value="na"
            checked={showNaForm}
            onChange={() => setChoosingNa(true)}
          />
          <span className="level-name">Not applicable</span>
          <span className="level-descriptor">
            Needs a written justification; listed in the report.
          </span>
        </label>
      </fieldset>
      {showNaForm && (
        <NaJustificationForm
          control={control}
          initial={answer?.status === 'na' ? answer.justification : ''}
          onSave={(justification) => {
            setChoosingNa(false);
            chooseAnswer(control.id, { status: 'na', justification });
          }}
        />
      )}
      {answer?.notes && <p className="notes">Notes: {answer.notes}</p>}
      {metaSummary(meta) && <p className="muted">{metaSummary(meta)}</p>}
      <div className="card-actions">
        <button
          type="button"
          className="secondary"
          aria-pressed={flagged}
          onClick={() => toggleFlag(control.id, 'revisit')}
        >
          {flagged ? 'Flagged to revisit' : 'Flag to revisit'}
          <span className="visually-hidden"> ({control.id})</span>
        </button>
        <details onToggle={(e) => setEditing(e.currentTarget.open)}>
          <summary>
            Target, owner, evidence and notes
            <span className="visually-hidden"> of {control.id}</span>
          </summary>
          {/* Mounted only while open: a thousand idle forms would cost more than they show. */}
          {editing && (
            <MetaEditor
              control={control}
              scale={scale}
              answer={answer}
              meta={meta}
              onSave={(form) => {
                // Read from the store at the moment of saving: the flag or the answer may have
                // changed while the form waited.
                const stored = peekActiveAssessment();
                const current = stored?.meta[control.id];
                const next = metaFromForm(form, current);
                // A change that changes nothing would only fill the undo list.
                if (!sameMeta(next, current)) setMeta(control.id, next);
                const storedAnswer = stored?.answers[control.id];
                if (storedAnswer && (storedAnswer.notes ?? '') !== form.notes.trim()) {
                  setNotes(control.id, form.notes);
                }
              }}
            />
          )}
        </details>
      </div>
      {(answer !== undefined || choosingNa) && (
        <button
          type="button"
          className="link-button"
          aria-label={`Clear answer to ${control.id}`}
          onClick={() => {
            setChoosingNa(false);
            setAnswer(control.id, null);
            // The button disappears with the answer; keep keyboard focus in this control.
            levels.current?.querySelector('input')?.focus();
          }}
        >
          Clear answer
        </button>
      )}
    </article>
  );
});
