import { useId, useState } from 'react';
import {
  directAnswerSchema,
  type DirectAnswer,
  type DirectState,
} from '../../domain/frameworks/answer-schema.ts';
import type { DirectFramework } from '../../domain/frameworks/changes.ts';
import { useAppStore } from '../../store/app-store.ts';

const STATE_LABEL: Readonly<Record<DirectState, string>> = {
  yes: 'Yes',
  partial: 'Partial',
  no: 'No',
  na: 'Not applicable',
};

/**
 * The team's own answer to a requirement the catalogue does not establish: a radio group (arrow
 * keys move within it), a justification that N/A requires, and optional evidence. Saved on
 * "Save"; the stored answer stays until it is cleared.
 */
export function DirectAnswerForm({
  framework,
  requirementKey,
  question,
  current,
}: {
  framework: DirectFramework;
  requirementKey: string;
  /** What the answer is about, read as the group's name. */
  question: string;
  current: DirectAnswer | null;
}) {
  const setFrameworkAnswer = useAppStore((s) => s.setFrameworkAnswer);
  const id = useId();
  const [state, setState] = useState<DirectState | null>(current?.state ?? null);
  const [justification, setJustification] = useState(
    current?.state === 'na' ? current.justification : '',
  );
  const [evidence, setEvidence] = useState(current?.evidence ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const save = (): void => {
    if (state === null) {
      setError('Choose an answer first.');
      return;
    }
    const trimmed = evidence.trim();
    const candidate =
      state === 'na'
        ? { state, justification, ...(trimmed === '' ? {} : { evidence: trimmed }) }
        : { state, ...(trimmed === '' ? {} : { evidence: trimmed }) };
    const parsed = directAnswerSchema.safeParse(candidate);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'This answer cannot be saved.');
      return;
    }
    setError(null);
    setFrameworkAnswer(framework, requirementKey, parsed.data);
    setSaved(`Saved: ${STATE_LABEL[state]}.`);
  };

  return (
    <form
      className="direct-answer"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <fieldset>
        <legend>{question}</legend>
        <div className="segmented">
          {(Object.keys(STATE_LABEL) as DirectState[]).map((s) => (
            <label key={s}>
              <input
                type="radio"
                name={`${id}-state`}
                value={s}
                checked={state === s}
                onChange={() => {
                  setState(s);
                  setSaved(null);
                }}
              />
              {STATE_LABEL[s]}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${id}-justification`}>
        Justification{state === 'na' ? ' (required for not applicable)' : ' (for not applicable)'}
      </label>
      <textarea
        id={`${id}-justification`}
        rows={2}
        value={justification}
        disabled={state !== 'na'}
        onChange={(e) => setJustification(e.target.value)}
        aria-invalid={error !== null && state === 'na' ? true : undefined}
        aria-describedby={error !== null ? `${id}-error` : undefined}
      />
      <label htmlFor={`${id}-evidence`}>Evidence or notes (optional)</label>
      <textarea
        id={`${id}-evidence`}
        rows={2}
        value={evidence}
        onChange={(e) => setEvidence(e.target.value)}
      />
      {error !== null && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">Save answer</button>
        {current !== null && (
          <button
            type="button"
            onClick={() => {
              setFrameworkAnswer(framework, requirementKey, null);
              setState(null);
              setJustification('');
              setEvidence('');
              setSaved('Answer cleared.');
            }}
          >
            Clear answer
          </button>
        )}
        <span role="status" className="muted">
          {saved}
        </span>
      </div>
    </form>
  );
}
