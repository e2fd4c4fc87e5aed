import { useId, useState } from 'react';
import { ProblemList } from '../../components/ProblemList.tsx';
import type { Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { formatScore } from '../../domain/format.ts';
import { resolveProfile } from '../../domain/threat/resolve.ts';
import {
  compareAssessments,
  defaultBaseline,
  participantBaseline,
  type AnswerState,
  type ControlDelta,
  type ScoreDelta,
} from '../../domain/workshop/compare.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { BaselineImportResult } from '../../store/slices/workshop.ts';

const stateText = (s: AnswerState): string =>
  s.kind === 'level' ? String(s.level) : s.kind === 'na' ? 'N/A' : 'unanswered';

const signed = (n: number | null, digits = 1): string =>
  n === null ? '–' : `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;

function Move({
  label,
  d,
  lowerIsBetter = false,
}: {
  label: string;
  d: ScoreDelta;
  lowerIsBetter?: boolean;
}) {
  const better = d.delta !== null && d.delta !== 0 && d.delta < 0 === lowerIsBetter;
  return (
    <div className="score-block">
      <span className="score-label">{label}</span>
      <span className="compare-move">
        {formatScore(d.before)} → {formatScore(d.after)}{' '}
        <strong className={d.delta === null || d.delta === 0 ? '' : better ? 'better' : 'worse'}>
          ({signed(d.delta)})
        </strong>
      </span>
    </div>
  );
}

function DeltaTable({
  title,
  rows,
  id,
}: {
  title: string;
  rows: readonly ControlDelta[];
  id: string;
}) {
  if (rows.length === 0) return null;
  return (
    <>
      <h3 id={id}>{title}</h3>
      <table aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Before → after</th>
            <th scope="col">Residual risk</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.controlId}>
              <th scope="row">
                {r.controlId} {r.title}
              </th>
              <td>
                {stateText(r.before)} → {stateText(r.after)}
              </td>
              <td>{signed(r.riskDelta)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * Follow-up against baseline (or an auditor's assessment against the team's): the same catalogue
 * and the same threat profile, so every move shown is a move in the answers.
 */
export function CompareView({
  catalogue,
  assessment,
}: {
  catalogue: Catalogue;
  assessment: Assessment;
}) {
  const assessments = useAppStore((s) => s.assessments);
  const importBaselineFile = useAppStore((s) => s.importBaselineFile);
  const [imported, setImported] = useState<BaselineImportResult | null>(null);
  const stored = Object.values(assessments).filter(
    (a) => a.id !== assessment.id && a.catalogue.id === assessment.catalogue.id,
  );
  const participants = assessment.workshop?.participants ?? [];
  const options = [
    ...stored.map((a) => ({ value: `a:${a.id}`, assessment: a })),
    ...participants.map((p) => ({
      value: `p:${p.id}`,
      assessment: participantBaseline(assessment, p),
    })),
  ];
  const [chosen, setChosen] = useState('');
  // Until one is chosen: the previous assessment of the same organisation, never an empty one.
  // Also when candidates arrive later (an import, another tab).
  const fallback = defaultBaseline(assessment, stored);
  const value = options.some((o) => o.value === chosen)
    ? chosen
    : fallback
      ? `a:${fallback.id}`
      : '';
  const pickerId = useId();
  const fileId = useId();
  const baseline = options.find((o) => o.value === value)?.assessment;
  const profile = resolveProfile(catalogue, assessment);
  // Computed on each render: the view re-renders only when the assessments or the choice change.
  const comparison = baseline ? compareAssessments(catalogue, baseline, assessment, profile) : null;
  const answered = (a: Assessment): number => Object.keys(a.answers).length;

  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">Compare with a baseline</h2>
      <p className="muted">
        The baseline is another assessment stored here against {assessment.catalogue.id} (by default
        the previous one of {assessment.organisation || 'the same organisation'} that has answers),
        or a participant’s own answers. Importing a file here stores it beside this one and keeps “
        {assessment.name}” open.
      </p>
      <div className="field">
        <label htmlFor={fileId}>Import a baseline file</label>
        <input
          id={fileId}
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            void importBaselineFile(file).then((result) => {
              setImported(result);
              if (result.ok) setChosen(`a:${result.id}`);
            });
          }}
        />
      </div>
      {imported && !imported.ok && (
        <div role="alert" className="callout error">
          <p>The file was not imported. Nothing changed.</p>
          <ProblemList problems={imported.problems} />
        </div>
      )}
      {imported?.ok && (
        <p role="status">
          Imported “{imported.name}” as a baseline
          {imported.renamed && ' (an assessment with its id was already here, so it is a copy)'}; “
          {assessment.name}” is still the open assessment.
        </p>
      )}
      {options.length === 0 ? (
        <p>
          No other assessment against {assessment.catalogue.id} is stored here, and no participant’s
          file was imported. Import the earlier assessment above to compare.
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={pickerId}>Baseline</label>
            <select id={pickerId} value={value} onChange={(e) => setChosen(e.target.value)}>
              {value === '' && <option value="">Choose a baseline</option>}
              {stored.length > 0 && (
                <optgroup label="Assessments stored here">
                  {stored.map((a) => (
                    <option key={a.id} value={`a:${a.id}`}>
                      {a.name}
                      {a.organisation && ` · ${a.organisation}`} (started {a.createdAt.slice(0, 10)}
                      , {answered(a) === 0 ? 'no answers' : `${String(answered(a))} answers`})
                    </option>
                  ))}
                </optgroup>
              )}
              {participants.length > 0 && (
                <optgroup label="Participants’ own answers">
                  {participants.map((p) => (
                    <option key={p.id} value={`p:${p.id}`}>
                      {p.name} ({p.role === 'auditor' ? 'auditor' : 'team'}, {p.source.fileName})
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
          {baseline && answered(baseline) === 0 && (
            <p className="callout" role="status">
              This baseline has no answers: every answered control shows as newly answered.
            </p>
          )}
          {!baseline && (
            <p>
              No earlier assessment of {assessment.organisation || 'this organisation'} with answers
              is stored here: choose the baseline.
            </p>
          )}
          {comparison && baseline && (
            <>
              <p className="muted">
                “{baseline.name}” → “{assessment.name}”, both weighted with {profile.name}.{' '}
                {comparison.counts.improved} improved, {comparison.counts.regressed} regressed,{' '}
                {comparison.counts.answered} newly answered, {comparison.counts.applicability}{' '}
                changed applicability, {comparison.counts.unanswered} no longer answered.
              </p>
              <div className="scores">
                <Move label="Readiness" d={comparison.readiness} />
                <Move label="Residual risk" d={comparison.residualRisk} lowerIsBetter />
              </div>
              <h3 id="compare-domains">By domain</h3>
              <table aria-labelledby="compare-domains">
                <thead>
                  <tr>
                    <th scope="col">Domain</th>
                    <th scope="col">Readiness before</th>
                    <th scope="col">After</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {comparison.domains.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">{d.name}</th>
                      <td>{formatScore(d.before)}</td>
                      <td>{formatScore(d.after)}</td>
                      <td>{signed(d.delta)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">
                Residual risk per control: the points that control’s change alone moves, others as
                in the baseline. Controls overlap on attack vectors, so these do not add up to the
                total.
              </p>
              <DeltaTable title="What improved" rows={comparison.improved} id="compare-improved" />
              <DeltaTable
                title="What regressed"
                rows={comparison.regressed}
                id="compare-regressed"
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
