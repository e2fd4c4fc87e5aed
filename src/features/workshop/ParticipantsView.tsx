import { useId, useMemo, useState } from 'react';
import { ProblemList } from '../../components/ProblemList.tsx';
import type { AnswerChoice } from '../../domain/assessment/changes.ts';
import type { Answer, Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import {
  answerGroups,
  disagreementRows,
  teamVsAuditor,
  type DisagreementRow,
} from '../../domain/workshop/participants.ts';
import type { ParticipantRole } from '../../domain/workshop/schema.ts';
import { agreeingOf, agreementState } from '../../domain/workshop/agreement.ts';
import { useAppStore, type ParticipantsImportResult } from '../../store/app-store.ts';
import { AgreeingPicker } from './AgreeingPicker.tsx';

function answerText(answer: Answer | undefined): string {
  if (answer === undefined) return '–';
  return answer.status === 'na' ? 'N/A' : String(answer.level);
}

/**
 * Several views of the truth: each participant's file imported beside the others, the controls
 * where they disagree most first, and the agreed level recorded with who agreed it and when.
 */
export function ParticipantsView({
  catalogue,
  assessment,
}: {
  catalogue: Catalogue;
  assessment: Assessment;
}) {
  const updateWorkshop = useAppStore((s) => s.updateWorkshop);
  const agreeChoice = useAppStore((s) => s.agreeChoice);
  const importParticipants = useAppStore((s) => s.importParticipants);
  const [role, setRole] = useState<ParticipantRole>('team');
  const [result, setResult] = useState<ParticipantsImportResult | null>(null);
  const [onlyDisagreements, setOnlyDisagreements] = useState(true);
  const fileId = useId();
  const roleId = useId();
  const filterId = useId();
  const agreeing = agreeingOf(assessment);
  const participants = useMemo(() => assessment.workshop?.participants ?? [], [assessment]);
  const rows = useMemo(() => disagreementRows(catalogue, assessment), [catalogue, assessment]);
  const roles = useMemo(() => teamVsAuditor(catalogue, participants), [catalogue, participants]);
  const shown = onlyDisagreements ? rows.filter((r) => r.disagreement > 0) : rows;
  const top = catalogue.scale.length - 1;

  const importFiles = async (files: readonly File[]): Promise<void> => {
    setResult(await importParticipants(files, role));
  };

  return (
    <>
      <section aria-labelledby="participants-title">
        <h2 id="participants-title">Participants</h2>
        <p className="muted">
          Each participant answers on their own machine and exports the assessment (Assessment page,
          Export JSON). Import their files here: their answers stay theirs, beside the agreed ones.
        </p>
        <div className="toolbar">
          <div className="field">
            <label htmlFor={roleId}>Import as</label>
            <select
              id={roleId}
              value={role}
              onChange={(e) => setRole(e.target.value as ParticipantRole)}
            >
              <option value="team">Team member (self-assessed)</option>
              <option value="auditor">Auditor (verified)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={fileId}>Participants’ files</label>
            <input
              id={fileId}
              type="file"
              accept="application/json,.json"
              multiple
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                void importFiles(files);
              }}
            />
          </div>
        </div>
        {result && result.problems.length > 0 && (
          <div role="alert" className="callout error">
            <p>No file was imported. Nothing changed.</p>
            <ProblemList problems={result.problems} />
          </div>
        )}
        {result && result.added.length > 0 && (
          <p role="status">
            Imported {result.added.join(', ')}.
            {result.warnings.length > 0 &&
              ` ${String(result.warnings.length)} answer(s) to controls this catalogue no longer has were left out.`}
          </p>
        )}
        {participants.length === 0 ? (
          <p>No participant files imported yet.</p>
        ) : (
          <table aria-labelledby="participants-title">
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Role</th>
                <th scope="col">Answered</th>
                <th scope="col" className="hide-narrow">
                  File
                </th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{p.role === 'auditor' ? 'Auditor' : 'Team'}</td>
                  <td>
                    {Object.keys(p.answers).length} of {catalogue.controls.length}
                  </td>
                  <td className="hide-narrow">
                    {p.source.fileName} (catalogue {p.source.catalogueVersion}, SHA-256{' '}
                    <code>{p.source.sha256.slice(0, 12)}…</code>)
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Remove ${p.name}`}
                      onClick={() =>
                        updateWorkshop((w) => ({
                          ...w,
                          participants: w.participants.filter((x) => x.id !== p.id),
                        }))
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {participants.length > 0 && (
        <section aria-labelledby="disagree-title" className="disagreement-section">
          <h2 id="disagree-title">Where the participants disagree</h2>
          <p className="muted">
            Largest spread first; N/A against a level counts as the whole scale. Agreeing records
            the answer with the people ticked below and the time.
          </p>
          <AgreeingPicker assessment={assessment} />
          <div className="disagreement-filter">
            <input
              id={filterId}
              type="checkbox"
              checked={onlyDisagreements}
              onChange={(e) => setOnlyDisagreements(e.target.checked)}
            />
            <label htmlFor={filterId}>Only controls where they disagree</label>
          </div>
          {shown.length === 0 ? (
            <p>No disagreement: every control was answered alike.</p>
          ) : (
            <ol className="disagreement-list" aria-labelledby="disagree-title">
              {shown.map((row) => (
                <DisagreementCard
                  key={row.controlId}
                  row={row}
                  top={top}
                  assessment={assessment}
                  agreeing={agreeing}
                  onAgree={(choice) => agreeChoice(row.controlId, choice, agreeing)}
                />
              ))}
            </ol>
          )}
        </section>
      )}

      {roles.rows.length > 0 && (
        <section aria-labelledby="roles-title">
          <h2 id="roles-title">Team vs auditor</h2>
          <p className="muted">
            The team’s self-assessed level (median of team members) beside the auditor’s verified
            level. {roles.differing.length} of {roles.rows.length} controls differ.
          </p>
          <table aria-labelledby="roles-title">
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Team</th>
                <th scope="col">Auditor</th>
                <th scope="col">Difference</th>
              </tr>
            </thead>
            <tbody>
              {roles.rows.map((r) => (
                <tr key={r.controlId} className={r.difference !== 0 ? 'differs' : undefined}>
                  <th scope="row">
                    {r.controlId} {r.title}
                  </th>
                  <td>{r.team}</td>
                  <td>{r.auditor}</td>
                  <td>
                    {r.difference === 0
                      ? 'same'
                      : r.difference < 0
                        ? `${String(r.difference)} (auditor lower)`
                        : `+${String(r.difference)} (auditor higher)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

/** One control the participants answered: what each said, and the answer the room agrees. */
function DisagreementCard({
  row,
  top,
  assessment,
  agreeing,
  onAgree,
}: {
  row: DisagreementRow;
  top: number;
  assessment: Assessment;
  agreeing: readonly string[];
  onAgree: (choice: AnswerChoice) => void;
}) {
  const current = row.agreed;
  const state = agreementState(assessment, row.controlId);
  const saidNa = row.answers.flatMap((a) =>
    a.answer?.status === 'na' ? [a.answer.justification] : [],
  );
  // The current answer, else the participants' median, else N/A when that is all anyone said.
  const initial =
    current?.status === 'level'
      ? String(current.level)
      : current?.status === 'na'
        ? 'na'
        : row.median !== null
          ? String(row.median)
          : saidNa.length > 0
            ? 'na'
            : '0';
  const [choice, setChoice] = useState(initial);
  const [reason, setReason] = useState(
    current?.status === 'na' ? current.justification : (saidNa[0] ?? ''),
  );
  const [error, setError] = useState('');
  const id = useId();
  const titleId = `${id}-title`;
  return (
    <li className="disagreement-card" data-control-id={row.controlId} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {row.controlId} {row.title}
      </h3>
      <p className="muted">
        Spread {row.disagreement}
        {row.notApplicable > 0 && row.levels.length > 0 && ' (N/A against a level)'}
        {row.skipped > 0 && ` · ${String(row.skipped)} skipped`}
      </p>
      <ul className="participant-answers" aria-label={`Answers to ${row.controlId}`}>
        {answerGroups(row.answers).map((g) => (
          <li key={g.people[0]?.participantId}>
            <strong className="participant-level">{answerText(g.answer)}</strong>{' '}
            <span className="participant-name">{g.people.map((p) => p.name).join(', ')}</span>
            {g.answer?.status === 'na' && (
              <span className="participant-note"> {g.answer.justification}</span>
            )}
            {g.answer?.notes && <span className="participant-note"> “{g.answer.notes}”</span>}
          </li>
        ))}
      </ul>
      <form
        className="agree"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (agreeing.length === 0) {
            setError('Tick who agrees first.');
            return;
          }
          if (choice === 'na') {
            if (reason.trim() === '') {
              setError('Say why it does not apply.');
              return;
            }
            onAgree({ status: 'na', justification: reason.trim() });
          } else onAgree({ status: 'level', level: Number(choice) });
          setError('');
        }}
      >
        <div className="agree-fields">
          <label htmlFor={`${id}-level`}>Agreed answer for {row.controlId}</label>
          <select id={`${id}-level`} value={choice} onChange={(e) => setChoice(e.target.value)}>
            {Array.from({ length: top + 1 }, (_, l) => (
              <option key={l} value={String(l)}>
                {l}
              </option>
            ))}
            <option value="na">N/A</option>
          </select>
          {choice === 'na' && (
            <>
              <label htmlFor={`${id}-reason`}>Why {row.controlId} does not apply</label>
              <input
                id={`${id}-reason`}
                value={reason}
                maxLength={5_000}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={error !== '' && reason.trim() === '' ? true : undefined}
              />
            </>
          )}
          <button type="submit" aria-label={`Agree ${row.controlId}`}>
            Agree
          </button>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <p className="row-note" role="status">
          {state.kind === 'agreed'
            ? `Agreed ${answerText(state.answer)} by ${state.agreement.by.join(', ')}`
            : state.kind === 'not-agreed'
              ? `Not agreed yet; current answer ${answerText(state.answer)}`
              : 'Not agreed yet'}
        </p>
      </form>
    </li>
  );
}
