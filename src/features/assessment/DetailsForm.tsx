import { zodResolver } from '@hookform/resolvers/zod';
import { memo, useEffect, useRef, useState } from 'react';
import { useForm, type FieldError, type UseFormRegisterReturn } from 'react-hook-form';
import type { Assessment } from '../../domain/assessment/schema.ts';
import { useAppStore } from '../../store/app-store.ts';
import { autosaveText, useAutosave } from './autosave.ts';
import {
  assessorsFromText,
  detailsFormSchema,
  savablePart,
  type DetailsForm,
} from './form-schemas.ts';

function Field({
  id,
  label,
  error,
  multiline,
  registration,
}: {
  id: string;
  label: string;
  error: FieldError | undefined;
  multiline?: boolean;
  registration: UseFormRegisterReturn;
}) {
  const errorId = `${id}-error`;
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    ...registration,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={2} {...common} /> : <input {...common} />}
      {error && (
        <p className="field-error" id={errorId}>
          {error.message}
        </p>
      )}
    </div>
  );
}

function detailsValues(assessment: Assessment): DetailsForm {
  return {
    name: assessment.name,
    organisation: assessment.organisation,
    scope: assessment.scope,
    assessors: assessment.assessors.join('\n'),
  };
}

function sameDetails(a: DetailsForm, b: DetailsForm): boolean {
  return (
    a.name === b.name &&
    a.organisation === b.organisation &&
    a.scope === b.scope &&
    a.assessors === b.assessors
  );
}

/** The values as the store keeps them: trimmed, assessors one per line without blank lines. */
function storedDetails(form: DetailsForm): DetailsForm {
  return {
    name: form.name.trim(),
    organisation: form.organisation.trim(),
    scope: form.scope.trim(),
    assessors: assessorsFromText(form.assessors).join('\n'),
  };
}

/** Name, organisation, scope and assessors of the open assessment, saved as they are typed. */
export const AssessmentDetailsForm = memo(function AssessmentDetailsForm({
  assessment,
}: {
  assessment: Assessment;
}) {
  const updateDetails = useAppStore((s) => s.updateDetails);
  const {
    register,
    getValues,
    trigger,
    reset,
    formState: { errors },
  } = useForm<DetailsForm>({
    resolver: zodResolver(detailsFormSchema),
    mode: 'onChange',
    defaultValues: detailsValues(assessment),
  });
  // What the form and the store last agreed on, so a change made elsewhere (a rename in the
  // assessments panel, another tab) reaches the form, and the form's own saves do not reset it.
  const synced = useRef(detailsValues(assessment));
  const autosave = useAutosave(() => {
    const { values, invalid } = savablePart(detailsFormSchema, getValues(), synced.current);
    if (invalid) void trigger();
    const next = storedDetails(values);
    if (!sameDetails(next, synced.current)) {
      synced.current = next;
      updateDetails({ ...values, assessors: assessorsFromText(values.assessors) });
    }
    return !invalid;
  });
  const { schedule, pending } = autosave;
  // Each field saves after a pause in typing, and at once when it loses focus.
  const field = { onChange: schedule, onBlur: autosave.flush };
  const storedKey = JSON.stringify(detailsValues(assessment));
  useEffect(() => {
    const next = JSON.parse(storedKey) as DetailsForm;
    if (pending() || sameDetails(next, synced.current)) return;
    synced.current = next;
    reset(next);
  }, [storedKey, pending, reset]);

  // Open while there is nothing to read in it, so a new assessment is named first; folded away
  // after that, so the controls come first.
  const [initiallyOpen] = useState(assessment.organisation === '' && assessment.scope === '');
  const summary = [
    assessment.organisation,
    assessment.assessors.length > 0
      ? `${String(assessment.assessors.length)} assessor${assessment.assessors.length === 1 ? '' : 's'}`
      : '',
  ]
    .filter((part) => part !== '')
    .join(' · ');

  return (
    <details className="panel details-panel" open={initiallyOpen}>
      <summary>
        <h2 id="details-title">Assessment details</h2>
        <span className="muted"> {summary === '' ? 'not filled in yet' : summary}</span>
      </summary>
      <form
        className="details-form"
        aria-labelledby="details-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          autosave.flush();
        }}
      >
        <Field
          id="details-name"
          label="Assessment name"
          error={errors.name}
          registration={register('name', field)}
        />
        <Field
          id="details-organisation"
          label="Organisation"
          error={errors.organisation}
          registration={register('organisation', field)}
        />
        <Field
          id="details-scope"
          label="Scope"
          multiline
          error={errors.scope}
          registration={register('scope', field)}
        />
        <Field
          id="details-assessors"
          label="Assessors (one per line)"
          multiline
          error={errors.assessors}
          registration={register('assessors', field)}
        />
        <p role="status" className="muted autosave-status">
          {autosave.state === 'idle' ? 'Saved as you type.' : autosaveText(autosave.state)}
        </p>
      </form>
    </details>
  );
}, sameDetailsOf);

/** The form reads these fields alone (detailsValues): an answer does not draw it again. */
function sameDetailsOf(before: { assessment: Assessment }, after: { assessment: Assessment }) {
  const [a, b] = [before.assessment, after.assessment];
  return (
    a.name === b.name &&
    a.organisation === b.organisation &&
    a.scope === b.scope &&
    a.assessors === b.assessors
  );
}
