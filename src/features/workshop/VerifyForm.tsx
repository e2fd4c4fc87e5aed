import { useEffect, useId, useRef, useState } from 'react';
import type { Assessment } from '../../domain/assessment/schema.ts';
import type { Control } from '../../domain/catalogue/schema.ts';
import { currentVerification, roomMembers } from '../../domain/workshop/agreement.ts';
import { useAppStore } from '../../store/app-store.ts';

/**
 * An auditor's verification of the control's current answer: who, against which evidence (the
 * links recorded for the control, the kinds of evidence the catalogue asks for, or other items
 * typed here), and when (the time of saving).
 */
export function VerifyForm({
  assessment,
  control,
  onDone,
}: {
  assessment: Assessment;
  control: Control;
  onDone: () => void;
}) {
  const verify = useAppStore((s) => s.verify);
  const withdraw = useAppStore((s) => s.withdrawVerification);
  const answer = assessment.answers[control.id];
  const existing = currentVerification(assessment, control.id);
  const members = roomMembers(assessment);
  const auditors = members.filter((m) => m.role !== 'team').map((m) => m.name);
  const recorded = assessment.meta[control.id]?.evidence ?? [];
  const offered = [...new Set([...recorded, ...control.evidence])];
  const [by, setBy] = useState(existing?.by ?? auditors[0] ?? '');
  const [picked, setPicked] = useState<readonly string[]>(
    existing ? existing.evidence.filter((e) => offered.includes(e)) : [],
  );
  const [other, setOther] = useState(
    existing ? existing.evidence.filter((e) => !offered.includes(e)).join('\n') : '',
  );
  const [note, setNote] = useState(existing?.note ?? '');
  const [error, setError] = useState('');
  const byField = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => byField.current?.focus(), []);

  if (answer === undefined) {
    return (
      // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- Escape from the button returns to the keys
      <div
        className="presentation-form"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone();
        }}
      >
        <p role="alert">Agree an answer to {control.id} first: a verification checks an answer.</p>
        <div className="toolbar">
          <button type="button" className="secondary" onClick={onDone}>
            Back
          </button>
        </div>
      </div>
    );
  }

  const evidence = [
    ...picked,
    ...other
      .split('\n')
      .map((e) => e.trim())
      .filter((e) => e !== ''),
  ];
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
        className="presentation-form verify-form"
        noValidate
        aria-label={`Verify ${control.id}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (by.trim() === '') {
            setError('Say who verified it.');
            return;
          }
          if (evidence.length === 0) {
            setError('Tick or type the evidence the answer was checked against.');
            return;
          }
          try {
            verify(control.id, { by: by.trim(), evidence, note });
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
            return;
          }
          onDone();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-by`}>Verified by</label>
          <input
            id={`${id}-by`}
            ref={byField}
            list={`${id}-people`}
            value={by}
            maxLength={200}
            onChange={(e) => setBy(e.target.value)}
          />
          <datalist id={`${id}-people`}>
            {members.map((m) => (
              <option key={m.name} value={m.name} />
            ))}
          </datalist>
        </div>
        <fieldset>
          <legend>Against which evidence</legend>
          <ul className="verify-evidence">
            {offered.map((item) => (
              <li key={item}>
                <label>
                  <input
                    type="checkbox"
                    checked={picked.includes(item)}
                    onChange={(e) =>
                      setPicked(
                        e.target.checked ? [...picked, item] : picked.filter((x) => x !== item),
                      )
                    }
                  />{' '}
                  {item}
                </label>
              </li>
            ))}
          </ul>
          <label htmlFor={`${id}-other`}>Other evidence, one per line</label>
          <textarea
            id={`${id}-other`}
            rows={2}
            value={other}
            onChange={(e) => setOther(e.target.value)}
          />
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-note`}>Note (optional)</label>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={2_000}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="toolbar">
          <button type="submit">Save verification</button>
          {existing && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                withdraw(control.id);
                onDone();
              }}
            >
              Withdraw verification
            </button>
          )}
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
