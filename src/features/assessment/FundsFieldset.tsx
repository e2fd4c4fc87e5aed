import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import * as z from '../../domain/zod.ts';
import {
  fundsSchema,
  poolUsdSchema,
  type Assessment,
  type Funds,
} from '../../domain/assessment/schema.ts';
import type { Catalogue, FundsPool } from '../../domain/catalogue/schema.ts';
import { formatUsd } from '../../domain/format.ts';
import { fundsProblems, poolsFor } from '../../domain/loss/funds.ts';
import { resolveProfile } from '../../domain/threat/resolve.ts';
import { useAppStore } from '../../store/app-store.ts';

/**
 * Digits with optional thousands separators and decimals, an optional leading "$"; a minus sign
 * is read, so a negative amount is refused as negative rather than as not a number.
 */
const AMOUNT = /^-?\$?\s*\d{1,3}(?:[,\s_]?\d{3})*(?:\.\d+)?$|^-?\$?\s*\d+(?:\.\d+)?$/;

/** The amount typed, in dollars; undefined when blank; NaN when it is not an amount. */
export function parseAmount(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return AMOUNT.test(t) ? Number(t.replace(/[$,\s_]/g, '')) : NaN;
}

interface FundsForm {
  asOf: string;
  pools: Record<string, string>;
  annualIncidents: string;
}

/**
 * The form's rules are the store's: each amount through the same schema, and each pool checked
 * against the architecture, so what the form lets through the store saves.
 */
function formSchema(catalogue: Catalogue, notOperated: ReadonlySet<string>) {
  return z.object({
    asOf: z.string().check(
      z.superRefine((text, ctx) => {
        const r = fundsSchema.shape.asOf.safeParse(text);
        if (!r.success)
          ctx.addIssue({ code: 'custom', message: 'expected a date like 2026-12-01' });
      }),
    ),
    pools: z.record(z.string(), z.string()).check(
      z.superRefine((pools, ctx) => {
        const entered: Record<string, number> = {};
        for (const [id, text] of Object.entries(pools)) {
          const usd = parseAmount(text);
          if (usd === undefined) continue;
          if (Number.isNaN(usd)) {
            ctx.addIssue({
              code: 'custom',
              path: [id],
              message: 'expected an amount in US dollars, digits only, e.g. 25000000 or 25,000,000',
            });
            continue;
          }
          const r = poolUsdSchema.safeParse(usd);
          if (!r.success) {
            ctx.addIssue({
              code: 'custom',
              path: [id],
              message: r.error.issues[0]?.message ?? 'invalid',
            });
            continue;
          }
          entered[id] = usd;
        }
        for (const p of fundsProblems(catalogue, notOperated, {
          asOf: '2026-01-01',
          pools: entered,
        })) {
          ctx.addIssue({
            code: 'custom',
            path: [p.path.replace(/^pools\./, '')],
            message: p.message,
          });
        }
        if (
          Object.keys(entered).length === 0 &&
          Object.values(pools).every((t) => t.trim() === '')
        ) {
          ctx.addIssue({
            code: 'custom',
            path: [],
            message: 'enter at least one amount, or use "Remove funds"',
          });
        }
      }),
    ),
    annualIncidents: z.string().check(
      z.superRefine((text, ctx) => {
        const t = text.trim();
        if (t === '') return;
        const r = fundsSchema.shape.annualIncidents.safeParse(
          /^\d*\.?\d+$/.test(t) ? Number(t) : NaN,
        );
        if (!r.success) {
          ctx.addIssue({
            code: 'custom',
            message: /^\d*\.?\d+$/.test(t)
              ? (r.error.issues[0]?.message ?? 'invalid')
              : 'expected incidents a year, e.g. 0.1',
          });
        }
      }),
    ),
  });
}

function valuesOf(pools: readonly FundsPool[], funds: Funds | undefined, today: string): FundsForm {
  const amounts: Record<string, string> = {};
  for (const p of pools) {
    const usd = funds?.pools[p.id];
    amounts[p.id] = usd === undefined ? '' : String(usd);
  }
  // A stored pool the architecture no longer has stays in the form, with its error, until cleared.
  for (const [id, usd] of Object.entries(funds?.pools ?? {})) amounts[id] ??= String(usd);
  return {
    asOf: funds?.asOf ?? today,
    pools: amounts,
    annualIncidents: funds?.annualIncidents === undefined ? '' : String(funds.annualIncidents),
  };
}

function ErrorText({ id, error }: { id: string; error: FieldError | undefined }) {
  return error ? (
    <p className="field-error" id={id}>
      {error.message}
    </p>
  ) : null;
}

/**
 * What each part of the architecture holds, in US dollars as of a date, for the report's dollar
 * view. Saved only whole and valid, with its Save button: an amount half typed is never a balance.
 */
export function FundsFieldset({
  catalogue,
  assessment,
  today,
}: {
  catalogue: Catalogue;
  assessment: Assessment;
  /** The date the form offers for a first entry, `yyyy-mm-dd`. */
  today?: string;
}) {
  const setFunds = useAppStore((s) => s.setFunds);
  const notOperated = new Set(assessment.architecture?.notOperated ?? []);
  const pools = poolsFor(catalogue, notOperated);
  const declared = new Map((catalogue.pools ?? []).map((p) => [p.id, p]));
  const funds = assessment.funds;
  const profile = resolveProfile(catalogue, assessment);
  const [status, setStatus] = useState<{ kind: 'saved' | 'refused'; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<FundsForm>({
    resolver: zodResolver(formSchema(catalogue, notOperated)),
    defaultValues: valuesOf(pools, funds, today ?? new Date().toISOString().slice(0, 10)),
  });
  if ((catalogue.pools ?? []).length === 0) return null;
  const stale = Object.keys(funds?.pools ?? {}).filter((id) => !pools.some((p) => p.id === id));
  const rows = [...pools, ...stale.flatMap((id) => declared.get(id) ?? [])];
  const total = Object.values(funds?.pools ?? {}).reduce((a, b) => a + b, 0);

  const onSubmit = (form: FundsForm): void => {
    const amounts: Record<string, number> = {};
    for (const [id, text] of Object.entries(form.pools)) {
      const usd = parseAmount(text);
      if (usd !== undefined) amounts[id] = usd;
    }
    const rate = form.annualIncidents.trim();
    const next: Funds = {
      asOf: form.asOf,
      pools: amounts,
      ...(rate === '' ? {} : { annualIncidents: Number(rate) }),
    };
    try {
      setFunds(next);
      setStatus({
        kind: 'saved',
        text: `Saved: ${formatUsd(Object.values(amounts).reduce((a, b) => a + b, 0))} as of ${next.asOf}.`,
      });
    } catch (e) {
      setStatus({ kind: 'refused', text: e instanceof Error ? e.message : String(e) });
    }
  };
  const remove = (): void => {
    setFunds(null);
    reset(valuesOf(pools, undefined, today ?? new Date().toISOString().slice(0, 10)));
    setStatus({ kind: 'saved', text: 'Funds removed: the report keeps to the index.' });
  };
  const poolsError = (errors.pools as FieldError | undefined)?.message;
  return (
    <details className="panel funds-panel">
      <summary>
        <h2>Funds at risk</h2>{' '}
        <span className="muted">
          {funds === undefined
            ? 'not stated: the report has no dollar view'
            : `${formatUsd(total)} as of ${funds.asOf}`}
        </span>
      </summary>
      <form
        className="funds-form"
        noValidate
        aria-describedby="funds-help"
        onSubmit={(e) => void handleSubmit(onSubmit)(e)}
      >
        <p id="funds-help" className="muted">
          What each part of what you operate holds, in US dollars, so the report can give an
          expected loss a year and the chance of losing more than a given amount. Leave a pool blank
          if you do not know it; a blank counts as $0.
        </p>
        <div className="field">
          <label htmlFor="funds-as-of">Amounts as of</label>
          <input
            id="funds-as-of"
            type="date"
            aria-invalid={errors.asOf ? true : undefined}
            aria-describedby={errors.asOf ? 'funds-as-of-error' : undefined}
            {...register('asOf')}
          />
          <ErrorText id="funds-as-of-error" error={errors.asOf} />
        </div>
        {rows.map((p) => {
          const id = `funds-${p.id}`;
          const error = (errors.pools as Record<string, FieldError | undefined> | undefined)?.[
            p.id
          ];
          const describedBy = [`${id}-description`, error ? `${id}-error` : '']
            .filter(Boolean)
            .join(' ');
          return (
            <div className="field" key={p.id}>
              <label htmlFor={id}>
                {p.name}
                {p.holder === 'users' ? ' (users’ own loss, reported apart)' : ''}, USD
              </label>
              <input
                id={id}
                inputMode="decimal"
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                {...register(`pools.${p.id}`)}
              />
              <span id={`${id}-description`} className="muted small">
                {p.description}
              </span>
              <ErrorText id={`${id}-error`} error={error} />
            </div>
          );
        })}
        {poolsError !== undefined && (
          <p className="field-error" role="alert">
            {poolsError}
          </p>
        )}
        <div className="field">
          <label htmlFor="funds-rate">Incidents a year (optional)</label>
          <input
            id="funds-rate"
            inputMode="decimal"
            autoComplete="off"
            placeholder={
              profile.baseRate === undefined
                ? 'required: the profile states none'
                : String(profile.baseRate.annualIncidents)
            }
            aria-invalid={errors.annualIncidents ? true : undefined}
            aria-describedby={`funds-rate-description${errors.annualIncidents ? ' funds-rate-error' : ''}`}
            {...register('annualIncidents')}
          />
          <span id="funds-rate-description" className="muted small">
            {profile.baseRate === undefined
              ? `“${profile.name}” states no base rate: enter your own.`
              : `Blank uses the profile’s assumption, ${String(profile.baseRate.annualIncidents)} (range ${String(profile.baseRate.low)} to ${String(profile.baseRate.high)}) for ${profile.baseRate.kind}.`}
          </span>
          <ErrorText id="funds-rate-error" error={errors.annualIncidents} />
        </div>
        <div className="toolbar">
          <button type="submit">Save funds</button>
          {funds !== undefined && (
            <button type="button" onClick={remove}>
              Remove funds
            </button>
          )}
        </div>
        <p role="status" className={status?.kind === 'refused' ? 'field-error' : 'muted'}>
          {status?.text ?? ''}
        </p>
      </form>
    </details>
  );
}
