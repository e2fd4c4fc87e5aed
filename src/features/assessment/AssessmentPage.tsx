import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LoadDemoButton } from '../../components/LoadDemoButton.tsx';
import type { Catalogue, Domain } from '../../domain/catalogue/schema.ts';
import { computeReadiness } from '../../domain/scoring/readiness.ts';
import { selectActiveAssessment, useAppStore } from '../../store/app-store.ts';
import { useAssessmentCatalogue, useCatalogueStore } from '../../store/catalogue.ts';
import { MissingCatalogue } from '../../components/MissingCatalogue.tsx';
import { ControlAnswer } from './ControlAnswer.tsx';
import { AssessmentDetailsForm } from './DetailsForm.tsx';

function AssessmentPicker() {
  const assessments = useAppStore((s) => s.assessments);
  const activeId = useAppStore((s) => s.activeAssessmentId);
  const setActive = useAppStore((s) => s.setActiveAssessment);
  return (
    <div className="field field-inline">
      <label htmlFor="active-assessment">Assessment</label>
      <select
        id="active-assessment"
        value={activeId ?? ''}
        onChange={(e) => setActive(e.target.value)}
      >
        {Object.values(assessments).map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function DomainProgress({ catalogue, domain }: { catalogue: Catalogue; domain: Domain }) {
  // Scores this domain's controls only, so one answer costs one domain's worth of work.
  const slice = useMemo(
    () => ({
      ...catalogue,
      domains: [domain],
      controls: catalogue.controls.filter((c) => c.domain === domain.id),
    }),
    [catalogue, domain],
  );
  const counts = useAppStore(
    useShallow((s) => computeReadiness(slice, selectActiveAssessment(s)?.answers ?? {}).counts),
  );
  const done = counts.answered + counts.notApplicable;
  return (
    <p className="domain-progress">
      <progress value={done} max={counts.total} aria-label={`${domain.name} progress`} /> {done} of{' '}
      {counts.total} answered · {counts.gaps} below target
    </p>
  );
}

export function AssessmentPage() {
  const assessment = useAppStore(selectActiveAssessment);
  const catalogue = useAssessmentCatalogue(assessment);
  const validating = useCatalogueStore((s) => s.validating);
  return (
    <>
      <div className="page-head">
        <h1>Assessment</h1>
        <p>
          Score each control on the catalogue’s scale, or mark it not applicable with a reason.
          Every change is saved in this browser as you go.
        </p>
        <div className="toolbar">
          <AssessmentPicker />
          <LoadDemoButton />
        </div>
      </div>
      {assessment && <AssessmentDetailsForm key={assessment.id} assessment={assessment} />}
      {assessment && !catalogue && !validating && <MissingCatalogue assessment={assessment} />}
      {catalogue?.domains.map((domain) => (
        <section key={domain.id} aria-labelledby={`assess-${domain.id}`} className="domain">
          <h2 id={`assess-${domain.id}`}>{domain.name}</h2>
          <DomainProgress catalogue={catalogue} domain={domain} />
          {catalogue.controls
            .filter((c) => c.domain === domain.id)
            .map((c) => (
              // Keyed by assessment too: switching assessments must not carry a half-typed N/A
              // justification from one to the other.
              <ControlAnswer
                key={`${assessment?.id ?? ''}:${c.id}`}
                control={c}
                scale={catalogue.scale}
              />
            ))}
        </section>
      ))}
    </>
  );
}
