import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { actionSchema } from '../../domain/workshop/schema.ts';
import { useAppStore } from '../../store/app-store.ts';

/** The form's own shape: every field is text, and an empty due date means none. */
const actionFormSchema = z.object({
  text: actionSchema.shape.text,
  owner: actionSchema.shape.owner,
  due: z.union([z.literal(''), actionSchema.shape.due.unwrap()]),
  priority: actionSchema.shape.priority,
});
type ActionFormValues = z.infer<typeof actionFormSchema>;

/** Records a remediation action against one control; used from the presentation and the lists. */
export function ActionForm({
  controlId,
  defaultOwner,
  onDone,
}: {
  controlId: string;
  defaultOwner: string;
  onDone: () => void;
}) {
  const updateWorkshop = useAppStore((s) => s.updateWorkshop);
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors },
  } = useForm<ActionFormValues>({
    resolver: zodResolver(actionFormSchema),
    defaultValues: { text: '', owner: defaultOwner, due: '', priority: 'medium' },
  });
  const [saveError, setSaveError] = useState('');
  useEffect(() => setFocus('text'), [setFocus]);
  const id = (field: string): string => `action-${controlId}-${field}`;
  return (
    // Escape bubbling up from any field returns to the keys; the fields are the interactive part.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <form
        className="presentation-form action-form"
        noValidate
        aria-label={`New action for ${controlId}`}
        onSubmit={(e) =>
          void handleSubmit((values) => {
            try {
              updateWorkshop((w) => ({
                ...w,
                actions: [
                  ...w.actions,
                  {
                    id: crypto.randomUUID(),
                    controlId,
                    text: values.text,
                    owner: values.owner,
                    ...(values.due === '' ? {} : { due: values.due }),
                    priority: values.priority,
                    createdAt: new Date().toISOString(),
                  },
                ],
              }));
            } catch (error) {
              setSaveError(error instanceof Error ? error.message : String(error));
              return;
            }
            onDone();
          })(e)
        }
      >
        <label htmlFor={id('text')}>Action for {controlId}</label>
        <textarea
          id={id('text')}
          rows={2}
          {...register('text')}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={errors.text ? id('text-error') : undefined}
        />
        {errors.text && (
          <p className="field-error" id={id('text-error')}>
            {errors.text.message}
          </p>
        )}
        <div className="meta-grid">
          <div className="field">
            <label htmlFor={id('owner')}>Owner</label>
            <input id={id('owner')} {...register('owner')} />
          </div>
          <div className="field">
            <label htmlFor={id('due')}>Due</label>
            <input
              id={id('due')}
              type="date"
              {...register('due')}
              aria-invalid={errors.due ? true : undefined}
              aria-describedby={errors.due ? id('due-error') : undefined}
            />
            {errors.due && (
              <p className="field-error" id={id('due-error')}>
                {errors.due.message}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={id('priority')}>Priority</label>
            <select id={id('priority')} {...register('priority')}>
              <option value="high">High</option>
              <option value="medium">Medium</option>
              <option value="low">Low</option>
            </select>
          </div>
        </div>
        {saveError && <p role="alert">The action was not saved: {saveError}</p>}
        <div className="toolbar">
          <button type="submit">Save action</button>
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
