import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Assessment } from '../../domain/assessment/schema.ts';
import { useAppStore } from '../../store/app-store.ts';
import { assessorsFromText, detailsFormSchema, type DetailsForm } from './form-schemas.ts';

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
    const details = { ...data, assessors: assessorsFromText(data.assessors) };
    updateDetails(details);
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
      <div className="field">
        <label htmlFor="details-name">Assessment name</label>
        <input
          id="details-name"
          {...register('name')}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'details-name-error' : undefined}
        />
        {errors.name && (
          <p className="field-error" id="details-name-error">
            {errors.name.message}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="details-organisation">Organisation</label>
        <input id="details-organisation" {...register('organisation')} />
      </div>
      <div className="field">
        <label htmlFor="details-scope">Scope</label>
        <textarea id="details-scope" rows={2} {...register('scope')} />
      </div>
      <div className="field">
        <label htmlFor="details-assessors">Assessors (one per line)</label>
        <textarea id="details-assessors" rows={2} {...register('assessors')} />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={!isDirty}>
          Save details
        </button>
        <span role="status">{saved ? 'Details saved.' : ''}</span>
      </div>
    </form>
  );
}
