import { useId, useMemo, useState } from 'react';
import { ProblemList } from '../../components/ProblemList.tsx';
import type { Answer, Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { disagreementRows, teamVsAuditor } from '../../domain/workshop/participants.ts';
import type { ParticipantRole } from '../../domain/workshop/schema.ts';
import { currentAgreement } from '../../domain/workshop/agreement.ts';
import { useAppStore, type ParticipantsImportResult } from '../../store/app-store.ts';
import { roomOf } from './PresentationView.tsx';

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
                      onClick={() =>
                        updateWorkshop((w) => ({
                          ...w,
                          participants: w.participants.filter((x) => x.id !== p.id),
                        }))
                      }
                    >
                      Remove {p.name}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {participants.length > 0 && (
        <section aria-labelledby="disagree-title">
          <h2 id="disagree-title">Where the participants disagree</h2>
          <label className="inline-check">
            <input
              type="checkbox"
              checked={onlyDisagreements}
              onChange={(e) => setOnlyDisagreements(e.target.checked)}
            />{' '}
            Only controls where they disagree
          </label>
          <p className="muted">
            Largest spread first; N/A against a level counts as the whole scale. Agreeing records
            the level with {roomOf(assessment).join(', ')} and the time.
          </p>
          {shown.length === 0 ? (
            <p>No disagreement: every control was answered alike.</p>
          ) : (
            <table aria-labelledby="disagree-title" className="disagreements">
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  {participants.map((p) => (
                    <th scope="col" key={p.id}>
                      {p.name}
                    </th>
                  ))}
                  <th scope="col">Spread</th>
                  <th scope="col">Agreed</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr key={row.controlId} data-control-id={row.controlId}>
                    <th scope="row">
                      {row.controlId} {row.title}
                    </th>
                    {row.answers.map((a) => (
                      <td key={a.participantId}>{answerText(a.answer)}</td>
                    ))}
                    <td>{row.disagreement > 0 ? row.disagreement : '0'}</td>
                    <td>
                      <AgreeControl
                        controlId={row.controlId}
                        top={top}
                        current={row.agreed}
                        suggested={row.median}
                        agreedBy={currentAgreement(assessment, row.controlId)?.by ?? null}
                        onAgree={(level) =>
                          agreeChoice(row.controlId, { status: 'level', level }, roomOf(assessment))
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
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

function AgreeControl({
  controlId,
  top,
  current,
  suggested,
  agreedBy,
  onAgree,
}: {
  controlId: string;
  top: number;
  current: Answer | undefined;
  suggested: number | null;
  agreedBy: readonly string[] | null;
  onAgree: (level: number) => void;
}) {
  const initial = current?.status === 'level' ? current.level : (suggested ?? 0);
  const [level, setLevel] = useState(initial);
  const id = useId();
  return (
    <div className="agree">
      <label htmlFor={id} className="visually-hidden">
        Agreed level for {controlId}
      </label>
      <select id={id} value={level} onChange={(e) => setLevel(Number(e.target.value))}>
        {Array.from({ length: top + 1 }, (_, l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </select>{' '}
      <button type="button" aria-label={`Agree ${controlId}`} onClick={() => onAgree(level)}>
        Agree
      </button>
      {current !== undefined && agreedBy !== null && (
        <span className="row-note">
          Agreed {answerText(current)} by {agreedBy.join(', ')}
        </span>
      )}
    </div>
  );
}
