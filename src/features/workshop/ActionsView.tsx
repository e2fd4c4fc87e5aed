import { useMemo, useState } from 'react';
import { downloadText } from '../../components/download.ts';
import type { Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { slugify } from '../../domain/format.ts';
import { resolveProfile } from '../../domain/threat/resolve.ts';
import {
  ACTION_STATUS_LABEL,
  actionsToCsv,
  gapsWithoutAction,
  parkingLot,
  sortedActions,
  statusOf,
} from '../../domain/workshop/actions.ts';
import { actionStatusSchema, type ActionStatus } from '../../domain/workshop/schema.ts';
import { useAppStore } from '../../store/app-store.ts';
import { ActionForm } from './ActionForm.tsx';

/** Only web links become links: anything else typed as evidence is shown as text. */
function EvidenceLink({ href }: { href: string }) {
  return /^https?:\/\//i.test(href) ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {href}
    </a>
  ) : (
    <span>{href}</span>
  );
}

/** Action items against the gaps, and the parking lot of what is owed. */
export function ActionsView({
  catalogue,
  assessment,
  today,
}: {
  catalogue: Catalogue;
  assessment: Assessment;
  today: string;
}) {
  const updateWorkshop = useAppStore((s) => s.updateWorkshop);
  const editAction = useAppStore((s) => s.editAction);
  const [adding, setAdding] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const actions = sortedActions(assessment.workshop?.actions ?? []);
  const lot = parkingLot(catalogue, assessment);
  const gaps = useMemo(
    () => gapsWithoutAction(catalogue, assessment, resolveProfile(catalogue, assessment)),
    [catalogue, assessment],
  );
  const title = (id: string): string => catalogue.controls.find((c) => c.id === id)?.title ?? id;
  const counts = actionStatusSchema.options.map(
    (s) => [s, actions.filter((a) => statusOf(a) === s).length] as const,
  );

  return (
    <>
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">Action items</h2>
        <p className="muted">
          {actions.length === 0
            ? 'None yet.'
            : counts
                .map(([s, n]) => `${String(n)} ${ACTION_STATUS_LABEL[s].toLowerCase()}`)
                .join(', ') + '.'}{' '}
          The CSV has one row per action with the columns issue trackers’ importers map (Title,
          Description, Assignee, Due date, Status, Priority, Labels), plus the control and the
          evidence link.
        </p>
        <div className="toolbar">
          <button
            type="button"
            className="secondary"
            disabled={actions.length === 0}
            onClick={() =>
              downloadText(
                `\uFEFF${actionsToCsv(catalogue, assessment)}`,
                `opsready-actions-${slugify(assessment.organisation || assessment.name)}-${today}.csv`,
                'text/csv;charset=utf-8',
              )
            }
          >
            Export actions (CSV)
          </button>
        </div>
        {actions.length === 0 ? (
          <p>No actions yet. Record one from a gap below, or with “a” in the presentation.</p>
        ) : (
          <ul className="action-list" aria-labelledby="actions-title">
            {actions.map((a) => (
              <li key={a.id} className="action-card" data-action-id={a.id}>
                {editing === a.id ? (
                  <ActionForm
                    controlId={a.controlId}
                    defaultOwner={a.owner}
                    action={a}
                    onDone={() => setEditing(null)}
                  />
                ) : (
                  <>
                    <h3>
                      {a.controlId} {title(a.controlId)}
                    </h3>
                    <p className="action-text">{a.text}</p>
                    <dl className="action-facts">
                      <div>
                        <dt>Owner</dt>
                        <dd>{a.owner || '–'}</dd>
                      </div>
                      <div>
                        <dt>Due</dt>
                        <dd>{a.due ?? '–'}</dd>
                      </div>
                      <div>
                        <dt>Priority</dt>
                        <dd>{a.priority}</dd>
                      </div>
                      <div>
                        <dt>Evidence</dt>
                        <dd>{a.evidenceLink ? <EvidenceLink href={a.evidenceLink} /> : '–'}</dd>
                      </div>
                    </dl>
                    <div className="card-actions">
                      <span className="inline-field">
                        <span aria-hidden="true">Status</span>
                        <select
                          aria-label={`Status of the action on ${a.controlId}`}
                          value={statusOf(a)}
                          onChange={(e) =>
                            editAction(a.id, { status: e.target.value as ActionStatus })
                          }
                        >
                          {actionStatusSchema.options.map((s) => (
                            <option key={s} value={s}>
                              {ACTION_STATUS_LABEL[s]}
                            </option>
                          ))}
                        </select>
                      </span>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`Edit the action on ${a.controlId}`}
                        onClick={() => setEditing(a.id)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`Remove the action on ${a.controlId}`}
                        onClick={() =>
                          updateWorkshop((w) => ({
                            ...w,
                            actions: w.actions.filter((x) => x.id !== a.id),
                          }))
                        }
                      >
                        Remove
                      </button>
                    </div>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="gaps-actions-title">
        <h2 id="gaps-actions-title">Gaps without an action</h2>
        <p className="muted">
          Controls below their target with no open or in-progress action, the most risk removed
          first: the residual-risk points raising that control alone to its target would remove, as
          in the report’s remediation plan. An action marked done does not count while the control
          is still below target.
        </p>
        {gaps.length === 0 ? (
          <p>Every gap has an action.</p>
        ) : (
          <ol className="gap-list" aria-labelledby="gaps-actions-title">
            {gaps.map((g) => (
              <li key={g.controlId} data-control-id={g.controlId}>
                <span>
                  <strong>{g.controlId}</strong> {g.title} · {g.level ?? 'unanswered'} → {g.target}{' '}
                  · removes {g.riskRemovedDisplay} points
                </span>{' '}
                {adding === g.controlId ? (
                  <ActionForm
                    controlId={g.controlId}
                    defaultOwner={assessment.meta[g.controlId]?.owner ?? ''}
                    onDone={() => setAdding(null)}
                  />
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Add action for ${g.controlId}`}
                    onClick={() => setAdding(g.controlId)}
                  >
                    Add action
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="parking-title">
        <h2 id="parking-title">Parking lot</h2>
        <p className="muted">
          Controls flagged to revisit or waiting for evidence (keys f and e in the presentation),
          with who owes what. The report lists them too.
        </p>
        {lot.length === 0 ? (
          <p>Nothing parked.</p>
        ) : (
          <table aria-labelledby="parking-title">
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Why</th>
                <th scope="col">Who owes what</th>
              </tr>
            </thead>
            <tbody>
              {lot.map((row) => (
                <tr key={row.controlId}>
                  <th scope="row">
                    {row.controlId} {row.title}
                  </th>
                  <td>
                    {[row.revisit && 'Revisit', row.evidenceRequested && 'Evidence requested']
                      .filter(Boolean)
                      .join('; ')}
                  </td>
                  <td>{row.followUp || row.owner || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
