import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from '../../domain/zod.ts';
import { ACTION_STATUS_LABEL, statusOf } from '../../domain/workshop/actions.ts';
import { actionSchema, actionStatusSchema, type Action } from '../../domain/workshop/schema.ts';
import { useAppStore } from '../../store/app-store.ts';

/** The form's own shape: every field is text, and an empty due date or link means none. */
const actionFormSchema = z.object({
  text: actionSchema.shape.text,
  owner: actionSchema.shape.owner,
  due: z.union([z.literal(''), actionSchema.shape.due.def.innerType]),
  priority: actionSchema.shape.priority,
  status: actionStatusSchema,
  evidenceLink: actionSchema.shape.evidenceLink.def.innerType,
});
type ActionFormValues = z.infer<typeof actionFormSchema>;

/**
 * Records a remediation action against one control, or edits one (`action` given); used from the
 * presentation and the lists.
 */
export function ActionForm({
  controlId,
  defaultOwner,
  action,
  onDone,
}: {
  controlId: string;
  defaultOwner: string;
  action?: Action;
  onDone: () => void;
}) {
  const addAction = useAppStore((s) => s.addAction);
  const editAction = useAppStore((s) => s.editAction);
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors },
  } = useForm<ActionFormValues>({
    resolver: zodResolver(actionFormSchema),
    defaultValues: action
      ? {
          text: action.text,
          owner: action.owner,
          due: action.due ?? '',
          priority: action.priority,
          status: statusOf(action),
          evidenceLink: action.evidenceLink ?? '',
        }
      : {
          text: '',
          owner: defaultOwner,
          due: '',
          priority: 'medium',
          status: 'open',
          evidenceLink: '',
        },
  });
  const [saveError, setSaveError] = useState('');
  useEffect(() => setFocus('text'), [setFocus]);
  const prefix = action ? `action-edit-${action.id}` : `action-${controlId}`;
  const id = (field: string): string => `${prefix}-${field}`;
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
        aria-label={action ? `Edit the action on ${controlId}` : `New action for ${controlId}`}
        onSubmit={(e) =>
          void handleSubmit((values) => {
            const evidenceLink = values.evidenceLink.trim();
            try {
              if (action) {
                editAction(action.id, { ...values, evidenceLink });
              } else {
                addAction({
                  controlId,
                  text: values.text,
                  owner: values.owner,
                  priority: values.priority,
                  status: values.status,
                  ...(values.due === '' ? {} : { due: values.due }),
                  ...(evidenceLink === '' ? {} : { evidenceLink }),
                });
              }
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
          <div className="field">
            <label htmlFor={id('status')}>Status</label>
            <select id={id('status')} {...register('status')}>
              {actionStatusSchema.options.map((s) => (
                <option key={s} value={s}>
                  {ACTION_STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={id('evidence')}>Link to evidence (optional)</label>
          <input
            id={id('evidence')}
            {...register('evidenceLink')}
            aria-invalid={errors.evidenceLink ? true : undefined}
            aria-describedby={errors.evidenceLink ? id('evidence-error') : undefined}
          />
          {errors.evidenceLink && (
            <p className="field-error" id={id('evidence-error')}>
              {errors.evidenceLink.message}
            </p>
          )}
        </div>
        {saveError && <p role="alert">The action was not saved: {saveError}</p>}
        <div className="toolbar">
          <button type="submit">{action ? 'Save changes' : 'Save action'}</button>
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
