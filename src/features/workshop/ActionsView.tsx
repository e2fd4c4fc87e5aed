import { useMemo, useState } from 'react';
import { downloadText } from '../../components/download.ts';
import type { Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { slugify } from '../../domain/format.ts';
import { computeReadiness, targetsOf } from '../../domain/scoring/readiness.ts';
import { actionsToCsv, parkingLot, sortedActions } from '../../domain/workshop/actions.ts';
import { useAppStore } from '../../store/app-store.ts';
import { ActionForm } from './ActionForm.tsx';

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
  const [adding, setAdding] = useState<string | null>(null);
  const actions = sortedActions(assessment.workshop?.actions ?? []);
  const lot = parkingLot(catalogue, assessment);
  const gaps = useMemo(
    () =>
      computeReadiness(catalogue, assessment.answers, targetsOf(assessment)).controls.filter(
        (s) => s.gap,
      ),
    [catalogue, assessment],
  );
  const title = (id: string): string => catalogue.controls.find((c) => c.id === id)?.title ?? id;

  return (
    <>
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">Action items</h2>
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
          <table aria-labelledby="actions-title">
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Action</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Priority</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.controlId} {title(a.controlId)}
                  </th>
                  <td>{a.text}</td>
                  <td>{a.owner || '–'}</td>
                  <td>{a.due ?? '–'}</td>
                  <td>{a.priority}</td>
                  <td>
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
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="gaps-actions-title">
        <h2 id="gaps-actions-title">Gaps without an action</h2>
        <ul className="gap-list">
          {gaps
            .filter((s) => !actions.some((a) => a.controlId === s.control.id))
            .map((s) => (
              <li key={s.control.id}>
                <span>
                  <strong>{s.control.id}</strong> {s.control.title} · {s.level ?? 'unanswered'} →{' '}
                  {s.target}
                </span>{' '}
                {adding === s.control.id ? (
                  <ActionForm
                    controlId={s.control.id}
                    defaultOwner={assessment.meta[s.control.id]?.owner ?? ''}
                    onDone={() => setAdding(null)}
                  />
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Add action for ${s.control.id}`}
                    onClick={() => setAdding(s.control.id)}
                  >
                    Add action
                  </button>
                )}
              </li>
            ))}
        </ul>
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
