import { zodResolver } from '@hookform/resolvers/zod';
import { memo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Answer } from '../../domain/assessment/schema.ts';
import type { Control, ScaleLevel } from '../../domain/catalogue/schema.ts';
import { selectActiveAssessment, useAppStore } from '../../store/app-store.ts';
import { naFormSchema, type NaForm } from './form-schemas.ts';

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
    formState: { errors },
  } = useForm<NaForm>({
    resolver: zodResolver(naFormSchema),
    defaultValues: { justification: initial },
  });
  const fieldId = `na-${control.id}`;
  return (
    <form
      className="na-form"
      noValidate
      onSubmit={(e) => void handleSubmit((data) => onSave(data.justification))(e)}
    >
      <label htmlFor={fieldId}>Why is {control.id} not applicable? (required)</label>
      <textarea
        id={fieldId}
        rows={2}
        {...register('justification')}
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

function describeAnswer(answer: Answer | undefined, target: number): string {
  if (answer === undefined) return 'Unanswered';
  if (answer.status === 'na') return 'Not applicable';
  return answer.level >= target
    ? `Level ${answer.level}: meets target ${target}`
    : `Level ${answer.level}: below target ${target}`;
}

/**
 * Subscribes to its own answer only, so answering one control re-renders one control rather than
 * the whole catalogue.
 */
export const ControlAnswer = memo(function ControlAnswer({
  control,
  scale,
}: {
  control: Control;
  scale: readonly ScaleLevel[];
}) {
  const answer = useAppStore((s) => selectActiveAssessment(s)?.answers[control.id]);
  const setAnswer = useAppStore((s) => s.setAnswer);
  const [choosingNa, setChoosingNa] = useState(false);
  const levels = useRef<HTMLFieldSetElement>(null);
  const group = `answer-${control.id}`;
  const showNaForm = choosingNa || answer?.status === 'na';
  const state =
    answer === undefined
      ? 'unanswered'
      : answer.status === 'na'
        ? 'na'
        : answer.level >= control.baseline
          ? 'met'
          : 'gap';

  return (
    <article className={`control-card answer-${state}`} aria-labelledby={`${group}-title`}>
      <h3 id={`${group}-title`}>
        <span className="control-id">{control.id}</span> {control.title}
      </h3>
      <p className="objective">{control.objective}</p>
      <p className="answer-state">
        {describeAnswer(answer, control.baseline)} · severity {control.severity}
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
                setAnswer(control.id, {
                  status: 'level',
                  level,
                  ...(answer?.notes !== undefined ? { notes: answer.notes } : {}),
                });
              }}
            />
            <span className="level-name">
              {level} {scale[level]?.name}
              {level === control.baseline && <span className="target-tag"> target</span>}
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
            setAnswer(control.id, {
              status: 'na',
              justification,
              ...(answer?.notes !== undefined ? { notes: answer.notes } : {}),
            });
          }}
        />
      )}
      {answer?.notes && <p className="notes">Notes: {answer.notes}</p>}
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
