import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import * as z from '../../domain/zod.ts';
import type { Assessment } from '../../domain/assessment/schema.ts';
import { signOffSchema } from '../../domain/workshop/schema.ts';
import { verificationRows, verificationSummary } from '../../domain/workshop/verification.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { signedContentJson } from '../../lib/fingerprint.ts';
import { sha256Hex } from '../../lib/sha256.ts';
import { useAppStore } from '../../store/app-store.ts';

const signOffFormSchema = z.pick(signOffSchema, {
  signatories: true,
  organisation: true,
  scope: true,
  date: true,
  statement: true,
});
type SignOffForm = z.infer<typeof signOffFormSchema>;

const DEFAULT_STATEMENT =
  'We reviewed each control of this assessment with the team in a workshop. The agreed levels ' +
  'reflect the evidence shown to us on the date below; controls in the parking lot await evidence.';

/**
 * The close of a workshop: names, roles, scope and a statement, bound to the data by its SHA-256
 * at the moment of signing. The PDF prints it on the summary page.
 */
export function SignOffView({
  assessment,
  catalogue,
  today,
}: {
  assessment: Assessment;
  catalogue: Catalogue;
  today: string;
}) {
  const updateWorkshop = useAppStore((s) => s.updateWorkshop);
  const signOff = assessment.workshop?.signOff;
  const [current, setCurrent] = useState<{ json: string; sha: string | null } | null>(null);
  const [error, setError] = useState('');
  const {
    register,
    control,
    handleSubmit,
    formState: { errors },
  } = useForm<SignOffForm>({
    resolver: zodResolver(signOffFormSchema),
    defaultValues: {
      signatories: (assessment.assessors.length > 0 ? assessment.assessors : ['']).map((name) => ({
        name,
        role: '',
      })),
      organisation: assessment.organisation,
      scope: assessment.scope,
      date: today,
      statement: DEFAULT_STATEMENT,
    },
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'signatories' });
  const verifications = useMemo(
    () => verificationRows(catalogue, assessment),
    [catalogue, assessment],
  );
  const verified = `${verificationSummary(verifications, catalogue.controls.length)}.`;

  const unsignedJson = useMemo(() => signedContentJson(assessment), [assessment]);
  useEffect(() => {
    let live = true;
    sha256Hex(unsignedJson)
      .then((sha) => {
        if (live) setCurrent({ json: unsignedJson, sha });
      })
      // Without Web Crypto (a page served over plain http) nothing can be checked: say so.
      .catch(() => {
        if (live) setCurrent({ json: unsignedJson, sha: null });
      });
    return () => {
      live = false;
    };
  }, [unsignedJson]);

  if (signOff) {
    // Only a hash of the data as it is now counts; while it is computed the state is unknown.
    const known = current !== null && current.json === unsignedJson ? current : null;
    return (
      <section aria-labelledby="signoff-title">
        <h2 id="signoff-title">Sign-off</h2>
        <dl className="facts">
          <dt>Signed by</dt>
          <dd>{signOff.signatories.map((s) => `${s.name} (${s.role})`).join('; ')}</dd>
          <dt>Organisation</dt>
          <dd>{signOff.organisation || '–'}</dd>
          <dt>Scope</dt>
          <dd>{signOff.scope || '–'}</dd>
          <dt>Date</dt>
          <dd>{signOff.date}</dd>
          <dt>Statement</dt>
          <dd>{signOff.statement}</dd>
          <dt>Auditor verification</dt>
          <dd>{verified}</dd>
          <dt>Data signed</dt>
          <dd>
            SHA-256 <code>{signOff.dataSha256}</code>
          </dd>
        </dl>
        {known === null ? (
          <p role="status">Checking the data against the sign-off…</p>
        ) : known.sha === null ? (
          <p className="callout" role="status">
            The data could not be checked against the sign-off in this browser (Web Crypto is not
            available on this page).
          </p>
        ) : known.sha !== signOff.dataSha256 ? (
          <p className="callout" role="status">
            The answers changed after the sign-off: the report will say so. Withdraw it and sign
            again once the team agrees.
          </p>
        ) : (
          <p role="status">The data is unchanged since the sign-off.</p>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            updateWorkshop(({ signOff: _, ...w }) => ({
              ...w,
            }))
          }
        >
          Withdraw sign-off
        </button>
      </section>
    );
  }

  const field = (name: string): string => `signoff-${name}`;
  return (
    <section aria-labelledby="signoff-title">
      <h2 id="signoff-title">Sign-off</h2>
      <form
        noValidate
        className="signoff-form"
        onSubmit={(e) =>
          void handleSubmit(async (values) => {
            try {
              const dataSha256 = await sha256Hex(unsignedJson);
              updateWorkshop((w) => ({
                ...w,
                signOff: { ...values, signedAt: new Date().toISOString(), dataSha256 },
              }));
              setError('');
            } catch (err) {
              setError(err instanceof Error ? err.message : String(err));
            }
          })(e)
        }
      >
        <fieldset>
          <legend>Signatories</legend>
          {fields.map((f, i) => (
            <div key={f.id} className="meta-grid">
              <div className="field">
                <label htmlFor={field(`name-${String(i)}`)}>Name {i + 1}</label>
                <input
                  id={field(`name-${String(i)}`)}
                  {...register(`signatories.${i}.name`)}
                  aria-invalid={errors.signatories?.[i]?.name ? true : undefined}
                />
                {errors.signatories?.[i]?.name && (
                  <p className="field-error">{errors.signatories[i].name.message}</p>
                )}
              </div>
              <div className="field">
                <label htmlFor={field(`role-${String(i)}`)}>Role {i + 1}</label>
                <input
                  id={field(`role-${String(i)}`)}
                  {...register(`signatories.${i}.role`)}
                  aria-invalid={errors.signatories?.[i]?.role ? true : undefined}
                />
                {errors.signatories?.[i]?.role && (
                  <p className="field-error">{errors.signatories[i].role.message}</p>
                )}
              </div>
              {fields.length > 1 && (
                <button type="button" className="secondary" onClick={() => remove(i)}>
                  Remove signatory {i + 1}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => append({ name: '', role: '' })}
          >
            Add a signatory
          </button>
        </fieldset>
        <div className="field">
          <label htmlFor={field('organisation')}>Organisation</label>
          <input id={field('organisation')} {...register('organisation')} />
        </div>
        <div className="field">
          <label htmlFor={field('scope')}>Scope</label>
          <textarea id={field('scope')} rows={2} {...register('scope')} />
        </div>
        <div className="field">
          <label htmlFor={field('date')}>Date</label>
          <input
            id={field('date')}
            type="date"
            {...register('date')}
            aria-invalid={errors.date ? true : undefined}
          />
          {errors.date && <p className="field-error">{errors.date.message}</p>}
        </div>
        <div className="field">
          <label htmlFor={field('statement')}>Statement</label>
          <textarea
            id={field('statement')}
            rows={4}
            {...register('statement')}
            aria-invalid={errors.statement ? true : undefined}
          />
          {errors.statement && <p className="field-error">{errors.statement.message}</p>}
        </div>
        <p>
          What is signed: the answers, the details of each control and the workshop’s records,
          including who agreed each answer and the auditors’ verifications. {verified}
        </p>
        {error && <p role="alert">{error}</p>}
        <button type="submit">Sign off</button>
      </form>
    </section>
  );
}
