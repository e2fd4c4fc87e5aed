/* eslint-disable jsx-a11y/no-noninteractive-tabindex -- the presentation's key target is focusable
   on purpose, so the facilitator's keys reach it; every key also has a visible button. */
import { useEffect, useRef, useState } from 'react';
import type { Answer, Assessment, ControlMeta } from '../../domain/assessment/schema.ts';
import type { Catalogue, Control } from '../../domain/catalogue/schema.ts';
import { useAppStore } from '../../store/app-store.ts';
import {
  agreeingOf,
  agreementState,
  currentVerification,
} from '../../domain/workshop/agreement.ts';
import { discussedBy } from '../../domain/workshop/agenda.ts';
import { answerGroups, participantAnswersFor } from '../../domain/workshop/participants.ts';
import { Agenda, type AgendaClock } from './Agenda.tsx';
import { ActionForm } from './ActionForm.tsx';
import { AgreeingPicker } from './AgreeingPicker.tsx';
import { VerifyForm } from './VerifyForm.tsx';

/** An answer as the room reads it: the level and its name, or N/A. */
export function answerLabel(catalogue: Catalogue, answer: Answer | undefined): string {
  if (answer === undefined) return 'no answer';
  return answer.status === 'na'
    ? 'N/A'
    : `${String(answer.level)} ${catalogue.scale[answer.level]?.name ?? ''}`.trim();
}

/**
 * A participant with their role, which decides whether they count as agreeing. A name that already
 * says the role, as files often do ("K. Osei (auditor)"), is not told it twice.
 */
export function withRole(name: string, role: 'team' | 'auditor'): string {
  const said = `(${role})`;
  return name.trim().toLowerCase().endsWith(said) ? name : `${name} ${said}`;
}

const stamp = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const KEYS: readonly (readonly [string, string])[] = [
  ['→ or j', 'next control'],
  ['← or k', 'previous control'],
  ['0–9', 'set the agreed level'],
  ['n', 'not applicable (write why)'],
  ['f', 'flag to revisit'],
  ['e', 'evidence requested'],
  ['m', 'write a note'],
  ['a', 'record an action'],
  ['d', 'mark discussed'],
  ['v', 'verify against evidence'],
  ['Esc', 'back from a field to the keys'],
];

/**
 * One control per screen, in large type, for a projector: everything the room needs to agree a
 * level, and keys so the facilitator never has to reach for the mouse.
 */
export function PresentationView({
  catalogue,
  assessment,
  controls,
  index,
  onIndex,
  clock,
}: {
  catalogue: Catalogue;
  assessment: Assessment;
  /** In agenda order. */
  controls: readonly Control[];
  index: number;
  onIndex: (index: number) => void;
  clock: AgendaClock;
}) {
  const [editing, setEditing] = useState<'note' | 'na' | 'action' | 'verify' | null>(null);
  const [notice, setNotice] = useState('');
  const root = useRef<HTMLDivElement>(null);
  // Esc leaves full screen without a click, so the label follows the document, not the button.
  const [fullScreen, setFullScreen] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const update = (): void => {
      setFullScreen(document.fullscreenElement !== null);
    };
    document.addEventListener('fullscreenchange', update);
    return () => {
      document.removeEventListener('fullscreenchange', update);
    };
  }, []);

  const agreeChoice = useAppStore((s) => s.agreeChoice);
  const toggleFlag = useAppStore((s) => s.toggleFlag);
  const setNotes = useAppStore((s) => s.setNotes);
  const setFollowUp = useAppStore((s) => s.setFollowUp);
  const setDiscussed = useAppStore((s) => s.setDiscussed);
  const control = controls[Math.min(index, controls.length - 1)];

  const answer = control ? assessment.answers[control.id] : undefined;
  const meta: ControlMeta = control ? (assessment.meta[control.id] ?? {}) : {};
  const state = control ? agreementState(assessment, control.id) : { kind: 'unanswered' as const };
  const verification = control ? currentVerification(assessment, control.id) : undefined;
  const discussed = control ? discussedBy(assessment, control.id) : null;
  const agreeing = agreeingOf(assessment);
  const said = control
    ? participantAnswersFor(assessment.workshop?.participants ?? [], control.id)
    : [];
  // A participant's reason for N/A is where the room's own reason starts.
  const saidNa = said.flatMap((p) => (p.answer?.status === 'na' ? [p.answer.justification] : []));
  const top = catalogue.scale.length - 1;

  const backToKeys = (): void => {
    setEditing(null);
    root.current?.focus({ preventScroll: true });
  };
  const move = (by: number): void => {
    setEditing(null);
    setNotice('');
    onIndex(Math.max(0, Math.min(controls.length - 1, index + by)));
  };
  const toggle = (key: 'revisit' | 'evidenceRequested'): void => {
    if (control) toggleFlag(control.id, key);
  };
  /** Agreed with the people ticked; with nobody ticked nothing is recorded, and the room is told. */
  const agree = (choice: Parameters<typeof agreeChoice>[1]): boolean => {
    if (!control) return false;
    if (agreeing.length === 0) {
      setNotice('Nothing agreed: tick who agrees first.');
      return false;
    }
    setNotice('');
    agreeChoice(control.id, choice, agreeing);
    return true;
  };

  useEffect(() => {
    root.current?.focus({ preventScroll: true });
    // Arriving from another page, the shell moves focus to the page after this effect has run:
    // bring it back to where the keys act, unless someone has started typing in a field since.
    const timer = window.setTimeout(() => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && active.closest('input, textarea, select')) return;
      root.current?.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, []);

  if (!control) return <p>This catalogue has no controls.</p>;
  const domain = catalogue.domains.find((d) => d.id === control.domain);
  const inDomain = controls.filter((c) => c.domain === control.domain);
  const position = inDomain.indexOf(control) + 1;

  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>): void => {
    // Keys reach the view from the panel itself, from its buttons (after a click) and from the
    // "who agrees" checkboxes, never from a field someone is typing in.
    const target = event.target as HTMLElement;
    const fromPanel =
      target === root.current ||
      (target instanceof HTMLButtonElement && !target.closest('form')) ||
      (target instanceof HTMLInputElement && target.type === 'checkbox' && !target.closest('form'));
    if (!fromPanel || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    let handled = true;
    if (key === 'ArrowRight' || key === 'j') move(1);
    else if (key === 'ArrowLeft' || key === 'k') move(-1);
    else if (/^[0-9]$/.test(key) && Number(key) <= top) {
      agree({ status: 'level', level: Number(key) });
    } else if (key === 'n') setEditing('na');
    else if (key === 'f') toggle('revisit');
    else if (key === 'e') toggle('evidenceRequested');
    else if (key === 'm') setEditing('note');
    else if (key === 'a') setEditing('action');
    else if (key === 'v') setEditing('verify');
    else if (key === 'd') setDiscussed(control.id, discussed !== 'marked');
    else handled = false;
    if (handled) event.preventDefault();
  };

  return (
    <section className="presentation" aria-labelledby="presentation-title">
      {/* The focus target for the facilitator's keys. Every key has a visible control too: the
          level buttons, the flag buttons and the forms below. */}
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions */}
      <div
        ref={root}
        className="presentation-keys-target"
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-keyshortcuts="ArrowRight ArrowLeft j k 0 1 2 3 n f e m a d v"
        aria-describedby="presentation-keys-help"
      >
        <div className="presentation-bar">
          <span>
            <strong>{domain?.name}</strong> · control {position} of {inDomain.length} · {index + 1}{' '}
            of {controls.length} overall
          </span>
          <Agenda clock={clock} catalogue={catalogue} assessment={assessment} compact />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              const section = root.current;
              if (!section) return;
              // Full screen is a nicety: a browser that refuses it leaves the view as it was.
              try {
                if (document.fullscreenElement) void document.exitFullscreen();
                else void section.requestFullscreen().catch(() => undefined);
              } catch {
                // Not supported here.
              }
            }}
          >
            {fullScreen ? 'Leave full screen' : 'Full screen'}
          </button>
        </div>

        <h2 className="presentation-title" id="presentation-title">
          <span className="control-id">{control.id}</span> {control.title}
        </h2>
        <p className="presentation-objective">{control.objective}</p>

        {/* Before the levels, so on a phone the buttons come before the long descriptors. */}
        <div className="toolbar presentation-actions">
          <button
            type="button"
            className="secondary"
            onClick={() => move(-1)}
            disabled={index === 0}
          >
            Previous (k)
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => move(1)}
            disabled={index >= controls.length - 1}
          >
            Next (j)
          </button>
          <button type="button" className="secondary" onClick={() => setEditing('na')}>
            Not applicable (n)
          </button>
          <button
            type="button"
            className="secondary"
            aria-pressed={meta.revisit === true}
            onClick={() => toggle('revisit')}
          >
            Revisit (f)
          </button>
          <button
            type="button"
            className="secondary"
            aria-pressed={meta.evidenceRequested === true}
            onClick={() => toggle('evidenceRequested')}
          >
            Evidence requested (e)
          </button>
          <button type="button" className="secondary" onClick={() => setEditing('note')}>
            Note (m)
          </button>
          <button type="button" className="secondary" onClick={() => setEditing('action')}>
            Action (a)
          </button>
          <button
            type="button"
            className="secondary"
            aria-pressed={discussed === 'marked'}
            onClick={() => setDiscussed(control.id, discussed !== 'marked')}
          >
            Discussed (d)
          </button>
          <button type="button" className="secondary" onClick={() => setEditing('verify')}>
            Verify (v)
          </button>
        </div>

        {editing === 'note' && (
          <NoteForm
            key={`note-${control.id}`}
            label={`Note on ${control.id}`}
            initial={answer?.notes ?? ''}
            followUp={meta.followUp ?? ''}
            onCancel={backToKeys}
            onSave={(notes, followUp) => {
              setNotes(control.id, notes);
              setFollowUp(control.id, followUp);
              backToKeys();
            }}
            canNote={answer !== undefined}
          />
        )}
        {editing === 'na' && (
          <NoteForm
            key={`na-${control.id}`}
            label={`Why is ${control.id} not applicable?`}
            initial={answer?.status === 'na' ? answer.justification : (saidNa[0] ?? '')}
            onCancel={backToKeys}
            required
            onSave={(justification) => {
              if (agree({ status: 'na', justification })) backToKeys();
            }}
            canNote
          />
        )}
        {editing === 'action' && (
          <ActionForm
            key={`action-${control.id}`}
            controlId={control.id}
            onDone={backToKeys}
            defaultOwner={assessment.meta[control.id]?.owner ?? ''}
          />
        )}
        {editing === 'verify' && (
          <VerifyForm
            key={`verify-${control.id}`}
            assessment={assessment}
            control={control}
            onDone={backToKeys}
          />
        )}

        <div className="presentation-body">
          <ol className="presentation-levels" aria-label={`Maturity levels of ${control.id}`}>
            {control.levels.map((descriptor, level) => {
              const current = answer?.status === 'level' && answer.level === level;
              // Only an answer agreed here is pressed: one carried over is marked, not agreed.
              const agreed = current && state.kind === 'agreed';
              const count = said.filter(
                (p) => p.answer?.status === 'level' && p.answer.level === level,
              ).length;
              return (
                <li key={level} className={agreed ? 'chosen' : current ? 'carried' : undefined}>
                  <button
                    type="button"
                    className="presentation-level-button"
                    aria-pressed={agreed}
                    onClick={() => agree({ status: 'level', level })}
                  >
                    <span className="presentation-level">
                      {level} {catalogue.scale[level]?.name}
                      {level === (meta.target ?? control.baseline) && (
                        <span className="target-tag"> target</span>
                      )}
                      {current && !agreed && (
                        <span className="level-tag"> current, not agreed</span>
                      )}
                      {count > 0 && <span className="level-tag"> said by {count}</span>}
                    </span>
                    <span>{descriptor}</span>
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="presentation-side">
            <p className="presentation-answer" role="status">
              {state.kind === 'unanswered' ? (
                'Not answered yet.'
              ) : state.kind === 'agreed' ? (
                <>
                  Agreed:{' '}
                  {state.answer.status === 'na'
                    ? `not applicable: ${state.answer.justification}`
                    : answerLabel(catalogue, state.answer)}
                  <span className="presentation-agreed-by">
                    by {state.agreement.by.join(', ')}, {stamp(state.agreement.at)}
                  </span>
                </>
              ) : (
                <>
                  Not agreed yet. Current answer:{' '}
                  {state.answer.status === 'na'
                    ? `not applicable: ${state.answer.justification}`
                    : answerLabel(catalogue, state.answer)}
                  <span className="presentation-agreed-by">
                    {state.earlier
                      ? `changed since ${state.earlier.by.join(', ')} agreed ${answerLabel(catalogue, state.earlier.answer)}`
                      : 'carried over (baseline or self-assessment), not agreed in this workshop'}
                  </span>
                </>
              )}
            </p>
            {notice && (
              <p className="field-error" role="alert">
                {notice}
              </p>
            )}
            {said.length > 0 && (
              <section aria-labelledby="presentation-said" className="presentation-said">
                <h3 id="presentation-said">What each participant answered</h3>
                <p className="said-summary">{said.map((p) => answerShort(p.answer)).join(' / ')}</p>
                {/* Participants who gave the same answer with the same words are one line, so
                    a note shared by several (one exported file passed round) is read once. */}
                <ul>
                  {answerGroups(said).map((g) => (
                    <li key={g.people[0]?.participantId}>
                      <strong>
                        {g.answer === undefined
                          ? 'skipped'
                          : g.answer.status === 'na'
                            ? `N/A (${g.answer.justification})`
                            : answerLabel(catalogue, g.answer)}
                      </strong>
                      : {g.people.map((p) => withRole(p.name, p.role)).join(', ')}
                      {g.answer?.notes && <span className="said-note"> “{g.answer.notes}”</span>}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <AgreeingPicker assessment={assessment} compact />
            <h3>Ask for evidence</h3>
            <ul>
              {control.evidence.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
            {verification ? (
              <p className="verified">
                Verified by {verification.by}, {stamp(verification.at)}, against{' '}
                {verification.evidence.join('; ')}
                {verification.note && <> ({verification.note})</>}.
              </p>
            ) : (
              assessment.workshop?.verifications?.[control.id] && (
                <p className="muted">
                  Verified earlier by {assessment.workshop.verifications[control.id]?.by}, for an
                  answer since changed: verify again.
                </p>
              )
            )}
            <p>
              {meta.revisit === true && <strong className="flag">Flagged to revisit. </strong>}
              {meta.evidenceRequested === true && (
                <strong className="flag">Evidence requested. </strong>
              )}
              {discussed === 'marked' && <strong>Marked discussed. </strong>}
              {meta.followUp && <span>Owed: {meta.followUp}</span>}
            </p>
            {answer?.notes && <p className="notes">Notes: {answer.notes}</p>}
          </div>
        </div>

        <details className="presentation-keys">
          <summary id="presentation-keys-help">
            Keys, with this panel focused: → or j next, ← or k previous, a digit agrees that level
            with the people ticked, n N/A, f revisit, e evidence requested, m note, a action, d
            discussed, v verify, Esc back
          </summary>
          <dl>
            {KEYS.map(([k, what]) => (
              <div key={k}>
                <dt>
                  <kbd>{k}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
    </section>
  );
}

/** "2", "N/A" or "–" for a skipped control: the row of answers the room compares at a glance. */
function answerShort(answer: Answer | undefined): string {
  if (answer === undefined) return '–';
  return answer.status === 'na' ? 'N/A' : String(answer.level);
}

function NoteForm({
  label,
  initial,
  followUp,
  onSave,
  onCancel,
  required = false,
  canNote,
}: {
  label: string;
  initial: string;
  followUp?: string;
  onSave: (text: string, followUp: string) => void;
  onCancel: () => void;
  required?: boolean;
  canNote: boolean;
}) {
  const [text, setText] = useState(initial);
  const [owed, setOwed] = useState(followUp ?? '');
  const [error, setError] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const owedField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    (field.current ?? owedField.current)?.focus();
  }, []);
  return (
    // Escape bubbling up from any field returns to the keys; the fields are the interactive part.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <form
        className="presentation-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (required && text.trim() === '') {
            setError('A reason is required.');
            return;
          }
          onSave(text.trim(), owed.trim());
        }}
      >
        <label htmlFor="presentation-text">{label}</label>
        {canNote ? (
          <textarea
            id="presentation-text"
            ref={field}
            rows={3}
            value={text}
            maxLength={required ? 5_000 : 20_000}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'presentation-text-error' : undefined}
          />
        ) : (
          <p className="muted" id="presentation-text">
            Agree a level first; the note is kept with the answer.
          </p>
        )}
        {error && (
          <p className="field-error" id="presentation-text-error">
            {error}
          </p>
        )}
        {followUp !== undefined && (
          <>
            <label htmlFor="presentation-owed">Who owes what (parking lot)</label>
            <input
              id="presentation-owed"
              value={owed}
              maxLength={500}
              onChange={(e) => setOwed(e.target.value)}
            />
          </>
        )}
        <div className="toolbar">
          <button type="submit">Save</button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
