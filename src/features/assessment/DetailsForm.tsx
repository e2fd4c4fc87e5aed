import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type FieldError, type UseFormRegisterReturn } from 'react-hook-form';
import type { Assessment } from '../../domain/assessment/schema.ts';
import { useAppStore } from '../../store/app-store.ts';
import { assessorsFromText, detailsFormSchema, type DetailsForm } from './form-schemas.ts';

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

export function AssessmentDetailsForm({ assessment }: { assessment: Assessment }) {
  const updateDetails = useAppStore((s) => s.updateDetails);
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    formState: { errors, isDirty },
    reset,
  } = useForm<DetailsForm>({
    resolver: zodResolver(detailsFormSchema),
    values: {
      name: assessment.name,
      organisation: assessment.organisation,
      scope: assessment.scope,
      assessors: assessment.assessors.join('\n'),
    },
  });

  const onSubmit = (data: DetailsForm): void => {
    updateDetails({ ...data, assessors: assessorsFromText(data.assessors) });
    reset({ ...data });
    setSaved(true);
  };

  return (
    <form
      className="details-form"
      aria-labelledby="details-title"
      noValidate
      onSubmit={(e) => void handleSubmit(onSubmit)(e)}
      onChange={() => setSaved(false)}
    >
      <h2 id="details-title">Assessment details</h2>
      <Field
        id="details-name"
        label="Assessment name"
        error={errors.name}
        registration={register('name')}
      />
      <Field
        id="details-organisation"
        label="Organisation"
        error={errors.organisation}
        registration={register('organisation')}
      />
      <Field
        id="details-scope"
        label="Scope"
        multiline
        error={errors.scope}
        registration={register('scope')}
      />
      <Field
        id="details-assessors"
        label="Assessors (one per line)"
        multiline
        error={errors.assessors}
        registration={register('assessors')}
      />
      <div className="form-actions">
        <button type="submit" disabled={!isDirty}>
          Save details
        </button>
        <span role="status">{saved ? 'Details saved.' : ''}</span>
      </div>
    </form>
  );
}
