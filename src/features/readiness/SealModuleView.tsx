import { useState } from 'react';
import { downloadBlob } from '../../components/download.ts';
import { checklistName, sealChecklistXlsx } from '../../domain/frameworks/export.ts';
import {
  STATUS_LABEL,
  type ModuleReadiness,
  type RequirementResult,
  type SfcControlReadiness,
} from '../../domain/frameworks/readiness.ts';
import { DirectAnswerForm } from './DirectAnswerForm.tsx';

const STATUS_CLASS: Readonly<Record<RequirementResult['status'], string>> = {
  implemented: 'answer-met',
  na: 'answer-na',
  partial: 'answer-gap',
  'not-implemented': 'answer-gap',
  unanswered: 'answer-gap',
};

const COVERAGE_TEXT = {
  full: 'Established by catalogue controls',
  partly: 'Catalogue controls, plus items the team answers',
  none: 'Not covered by this catalogue: answered by the team',
} as const;

/** One SFC control: its status and what it rests on, and the team's own answer where needed. */
function SfcControlItem({ item }: { item: SfcControlReadiness }) {
  const { control, result } = item;
  // The form is drawn once the control is opened: about eighty of them at once would slow every
  // change on the page, and a closed one cannot be used anyway.
  const [opened, setOpened] = useState(false);
  return (
    <details
      className={`sfc-control ${STATUS_CLASS[result.status]}`}
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>
        <span className="control-id">{control.id}</span> {control.title}{' '}
        <span className={`sfc-status sfc-${result.status}`}>{STATUS_LABEL[result.status]}</span>
      </summary>
      <p>{control.description}</p>
      <p className="muted">{COVERAGE_TEXT[result.coverage]}.</p>
      <h4>Baselines</h4>
      <ul>
        {control.baselines.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
      {result.controls.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>
              Catalogue controls ({result.rule === 'any' ? 'any one of them' : 'all of them'})
            </caption>
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Counts from</th>
                <th scope="col">Answer</th>
                <th scope="col">Met</th>
              </tr>
            </thead>
            <tbody>
              {result.controls.map((c) => (
                <tr key={c.control.id}>
                  <td>
                    {c.control.id} {c.control.title}
                  </td>
                  <td>level {c.required}</td>
                  <td>
                    {c.state === 'unanswered'
                      ? 'Unanswered'
                      : c.state === 'na'
                        ? `N/A: ${c.justification ?? ''}`
                        : `level ${String(c.level ?? 0)}`}
                  </td>
                  <td>{c.state === 'na' ? 'N/A' : c.met ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.status === 'na' && result.justification !== null && (
        <p>
          <strong>Not applicable:</strong> {result.justification}
        </p>
      )}
      {result.related.length > 0 && (
        <p className="muted">
          Related catalogue controls, not sufficient on their own: {result.related.join(', ')}.
        </p>
      )}
      {control.note !== undefined && <p className="muted">{control.note}</p>}
      {result.directIgnored && (
        <p className="callout">
          A direct answer is stored for this control, but the catalogue controls above decide it, so
          it is not counted.
        </p>
      )}
      {result.coverage !== 'full' && opened && (
        <>
          {result.coverage === 'partly' && (
            <>
              <h4>Not assessed by the catalogue</h4>
              <ul>
                {result.notAssessed.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </>
          )}
          <DirectAnswerForm
            framework="seal"
            requirementKey={control.id}
            question={
              result.coverage === 'partly'
                ? `Does the team meet the items above for ${control.id}?`
                : `Does the team meet ${control.id} ${control.title}?`
            }
            current={result.direct}
          />
        </>
      )}
    </details>
  );
}

export function SealModuleView({
  readiness,
  fileBase,
}: {
  readiness: ModuleReadiness;
  fileBase: string;
}) {
  const { module, counts, ready, remaining } = readiness;
  const headingId = `sfc-${module.id}`;
  return (
    <section aria-labelledby={headingId} className="sfc-module">
      <h3 id={headingId}>
        {module.title} <span className="muted">v{module.version}</span>
      </h3>
      <p className={ready ? 'sfc-ready' : 'callout'}>
        {ready
          ? 'Ready to apply: every control is implemented or not applicable with a justification.'
          : `Not ready to apply: ${String(remaining.length)} of ${String(readiness.controls.length)} controls are not yet implemented or justified N/A.`}{' '}
        Implemented {counts.implemented}, partial {counts.partial}, not implemented{' '}
        {counts['not-implemented']}, N/A {counts.na}, unanswered {counts.unanswered}.
      </p>
      <p>
        <button
          type="button"
          onClick={() =>
            downloadBlob(
              sealChecklistXlsx([readiness]),
              `${fileBase}-${checklistName(readiness)}.xlsx`,
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            )
          }
        >
          {module.title}: Excel for SEAL&apos;s checklist
        </button>{' '}
        <span className="muted">
          The sheet SEAL&apos;s own checklist page imports (Certification Checklist); unanswered
          controls have no response.
        </span>
      </p>
      {module.sections.map((section) => (
        <div key={section.id}>
          <h4 className="sfc-section">
            {section.id} {section.title}
          </h4>
          {readiness.controls
            .filter((c) => c.section.id === section.id)
            .map((c) => (
              <SfcControlItem key={c.control.id} item={c} />
            ))}
        </div>
      ))}
    </section>
  );
}
