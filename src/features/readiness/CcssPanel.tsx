import { useState } from 'react';
import {
  CCSS_LEVEL_LABEL,
  STATUS_LABEL,
  type CcssReadiness,
} from '../../domain/frameworks/readiness.ts';
import type { Frameworks } from '../../domain/frameworks/schema.ts';
import { DirectAnswerForm } from './DirectAnswerForm.tsx';

/** The CCSS level per aspect, the overall level (the lowest), and what blocks the next level. */
export function CcssPanel({
  frameworks,
  readiness,
}: {
  frameworks: Frameworks;
  readiness: CcssReadiness;
}) {
  const { crosswalk } = frameworks.ccss;
  // The forms are drawn once the panel is opened, as for the SFC controls.
  const [opened, setOpened] = useState(false);
  return (
    <section aria-labelledby="ccss-heading">
      <h2 id="ccss-heading">CCSS level</h2>
      <p>
        <strong>Overall: {CCSS_LEVEL_LABEL[readiness.level]}</strong>, the lowest level reached
        across the {readiness.aspects.length} aspects (
        {readiness.limiting.map((a) => `${a.aspect.id} ${a.aspect.title}`).join(', ')}).{' '}
        {crosswalk.rule}
      </p>
      <p className="muted">
        Text used: {crosswalk.attribution} An aspect reaches a level when every requirement at that
        level and below is met or not applicable; a requirement this catalogue does not assess is
        met only by the team&apos;s own answer.
      </p>
      <div className="table-scroll">
        <table>
          <caption>CCSS aspects</caption>
          <thead>
            <tr>
              <th scope="col">Aspect</th>
              <th scope="col">Level reached</th>
              <th scope="col">For the next level</th>
            </tr>
          </thead>
          <tbody>
            {readiness.aspects.map((a) => (
              <tr key={a.aspect.id}>
                <td>
                  {a.aspect.id} {a.aspect.title}
                </td>
                <td>{CCSS_LEVEL_LABEL[a.level]}</td>
                <td>
                  {a.blocking.length === 0
                    ? '—'
                    : a.blocking
                        .map(
                          (b) =>
                            `${b.component.id} ${b.component.title}: ${STATUS_LABEL[b.result.status]}${b.result.coverage === 'none' ? ' (not assessed by the catalogue)' : ''}`,
                        )
                        .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details
        className="panel"
        onToggle={(e) => {
          if (e.currentTarget.open) setOpened(true);
        }}
      >
        <summary>Answer the CCSS requirements the catalogue does not assess</summary>
        {opened &&
          readiness.aspects.flatMap((a) =>
            a.requirements
              .filter((r) => r.result.coverage === 'none')
              .map((r) => (
                <div key={r.key} className="ccss-direct">
                  <p>
                    <strong>
                      {a.aspect.id} {r.component.id} {r.component.title}, level{' '}
                      {r.requirement.level}
                    </strong>{' '}
                    ({STATUS_LABEL[r.result.status]}): {r.requirement.requirement}
                  </p>
                  <DirectAnswerForm
                    framework="ccss"
                    requirementKey={r.key}
                    question={`Does the system meet ${r.component.id} at level ${String(r.requirement.level)}?`}
                    current={r.result.direct}
                  />
                </div>
              )),
          )}
      </details>
    </section>
  );
}
