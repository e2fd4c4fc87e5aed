import { useId, useState } from 'react';
import { assessmentSchema } from '../domain/assessment/schema.ts';
import { isBlank } from '../domain/persistence/merge.ts';
import { useAppStore } from '../store/app-store.ts';
import { LoadDemoButton } from './LoadDemoButton.tsx';

/**
 * What a newcomer sees before there is any work (on the start page, only then): what the tool does, the demo in one click, and
 * starting an assessment of their own under a name they choose. Nothing is created until they
 * choose; the untouched assessment the app keeps open meanwhile is replaced by the first one they
 * load or start, so no empty assessment is left behind.
 */
export function FirstVisit({ where }: { where: 'start' | 'assessment' }) {
  const createAssessment = useAppStore((s) => s.createAssessment);
  const nothingStarted = useNothingStarted();
  // Once the demo is asked for here, the panel stays, to say what was loaded and where to look.
  const [demoAsked, setDemoAsked] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const nameId = useId();
  const errorId = useId();
  if (where === 'start' && !nothingStarted && !demoAsked) return null;
  return (
    <section className="first-visit callout" aria-labelledby={titleId}>
      <h2 id={titleId}>{where === 'start' ? 'Start here' : 'This assessment has not started'}</h2>
      {where === 'start' && (
        <p>
          OpsReady scores the controls that decide who can move your funds (keys, custody, signing,
          approvals, dependencies and incident response) and turns the answers into a risk report
          with a remediation plan. Everything stays in this browser.
        </p>
      )}
      <ol className="first-steps">
        <li>
          <p>
            <strong>See a finished example.</strong> The demo is a fictional lending protocol,
            Halcyon Finance, with answers, owners, evidence, a workshop with four participants and a
            signed earlier assessment to compare with. It is added beside anything of yours.
          </p>
          <LoadDemoButton next onLoading={() => setDemoAsked(true)} />
        </li>
        <li>
          <form
            className="field"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const checked = assessmentSchema.shape.name.safeParse(name);
              if (!checked.success) {
                setError(checked.error.issues[0]?.message ?? 'expected a name');
                return;
              }
              createAssessment(checked.data);
              if (where === 'start') window.location.hash = '#/assessment';
            }}
          >
            <p>
              <strong>Start your own.</strong> Name it after the team and the period; you can change
              the name later.
            </p>
            <label htmlFor={nameId}>Name of your assessment</label>
            <input
              id={nameId}
              value={name}
              maxLength={200}
              placeholder="e.g. Acme DAO, Q4 2026 self-assessment"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => {
                setName(e.target.value);
                setError(null);
              }}
            />
            {error && (
              <p className="field-error" id={errorId}>
                {error}
              </p>
            )}
            <div className="form-actions">
              <button type="submit">Start the assessment</button>
            </div>
          </form>
        </li>
        <li>
          <p>
            <strong>Have a file already?</strong>{' '}
            {where === 'start' ? (
              <>
                Import it on the <a href="#/assessment">Assessment page</a>, under Assessments.
              </>
            ) : (
              <>Import it under Assessments, below.</>
            )}
          </p>
        </li>
      </ol>
    </section>
  );
}

/** True while nothing has been started: every assessment held is the untouched first one. */
export function useNothingStarted(): boolean {
  return useAppStore((s) => Object.values(s.assessments).every(isBlank));
}
