import { useId, useState } from 'react';
import type { Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { formatScore } from '../../domain/format.ts';
import { resolveProfile } from '../../domain/threat/resolve.ts';
import {
  compareAssessments,
  type AnswerState,
  type ControlDelta,
  type ScoreDelta,
} from '../../domain/workshop/compare.ts';
import { useAppStore } from '../../store/app-store.ts';

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
  const candidates = Object.values(assessments).filter(
    (a) => a.id !== assessment.id && a.catalogue.id === assessment.catalogue.id,
  );
  const [chosenId, setChosenId] = useState('');
  // The first candidate until one is chosen, also when candidates arrive later (another tab).
  const baselineId = candidates.some((a) => a.id === chosenId)
    ? chosenId
    : (candidates[0]?.id ?? '');
  const pickerId = useId();
  const baseline = candidates.find((a) => a.id === baselineId);
  const profile = resolveProfile(catalogue, assessment);
  // Computed on each render: the view re-renders only when the assessments or the choice change.
  const comparison = baseline ? compareAssessments(catalogue, baseline, assessment, profile) : null;

  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">Compare with a baseline</h2>
      {candidates.length === 0 ? (
        <p>
          No other assessment against {assessment.catalogue.id} is stored here. Import the earlier
          assessment (or the team’s self-assessment) on the Assessment page to compare.
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={pickerId}>Baseline</label>
            <select id={pickerId} value={baselineId} onChange={(e) => setChosenId(e.target.value)}>
              {candidates.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} (changed {a.updatedAt.slice(0, 10)})
                </option>
              ))}
            </select>
          </div>
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
