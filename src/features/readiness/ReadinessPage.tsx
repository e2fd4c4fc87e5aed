import { useMemo } from 'react';
import { downloadBlob, downloadText } from '../../components/download.ts';
import { LoadDemoButton } from '../../components/LoadDemoButton.tsx';
import { MissingCatalogue } from '../../components/MissingCatalogue.tsx';
import { frameworkCoverage } from '../../domain/frameworks/coverage.ts';
import {
  sealChecklistCsv,
  sealChecklistJson,
  sealChecklistXlsx,
  soaCsv,
} from '../../domain/frameworks/export.ts';
import {
  ccssReadiness,
  crosswalkApplies,
  factsOf,
  sealReadiness,
} from '../../domain/frameworks/readiness.ts';
import { selectActiveAssessment, useAppStore } from '../../store/app-store.ts';
import { useAssessmentCatalogue, useCatalogueStore } from '../../store/catalogue.ts';
import { bundledFrameworks } from '../../store/slices/frameworks.ts';
import { CcssPanel } from './CcssPanel.tsx';
import { CoverageTables } from './CoverageTables.tsx';
import { SealModuleView } from './SealModuleView.tsx';
import './readiness.css';

const BOM = '\uFEFF';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * SEAL certification and CCSS readiness, derived from the answers already given, with the team's
 * own answers where the catalogue does not reach. Everything shown is computed by
 * src/domain/frameworks; this page only draws it and stores direct answers.
 */
export function ReadinessPage() {
  const assessment = useAppStore(selectActiveAssessment);
  const catalogue = useAssessmentCatalogue(assessment);
  const validating = useCatalogueStore((s) => s.validating);
  const frameworks = bundledFrameworks;
  const derived = useMemo(() => {
    if (!assessment || !catalogue || !crosswalkApplies(frameworks, assessment)) return null;
    const facts = factsOf(catalogue, assessment);
    return {
      seal: sealReadiness(frameworks, facts, assessment.frameworks),
      ccss: ccssReadiness(frameworks, facts, assessment.frameworks),
      coverage: frameworkCoverage(catalogue, assessment, facts),
    };
  }, [assessment, catalogue, frameworks]);

  if (assessment && !catalogue) {
    if (validating) return <p role="status">Checking your saved catalogues…</p>;
    return (
      <>
        <h1>Framework readiness</h1>
        <MissingCatalogue assessment={assessment} />
      </>
    );
  }
  if (!assessment) {
    return (
      <>
        <h1>Framework readiness</h1>
        <p>No assessment is selected.</p>
        <LoadDemoButton />
      </>
    );
  }
  if (derived === null) {
    return (
      <>
        <h1>Framework readiness</h1>
        <p>
          The SEAL and CCSS crosswalks map the built-in catalogue (
          {frameworks.seal.crosswalk.catalogue}
          ); this assessment was answered against “{assessment.catalogue.id}”, so they do not apply
          to it.
        </p>
      </>
    );
  }
  const { seal, ccss, coverage } = derived;
  const base =
    assessment.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'assessment';
  const ready = seal.modules.filter((m) => m.ready).length;
  return (
    <div className="readiness">
      <div className="page-head">
        <h1>Framework readiness</h1>
        <div className="toolbar">
          <button
            type="button"
            onClick={() =>
              downloadBlob(sealChecklistXlsx(seal.modules), `${base}-seal-sfc-checklist.xlsx`, XLSX)
            }
          >
            SEAL checklist (Excel)
          </button>
          <button
            type="button"
            onClick={() =>
              downloadText(
                BOM + sealChecklistCsv(frameworks, seal),
                `${base}-seal-sfc-checklist.csv`,
                'text/csv;charset=utf-8',
              )
            }
          >
            SEAL checklist (CSV)
          </button>
          <button
            type="button"
            onClick={() =>
              downloadText(sealChecklistJson(frameworks, seal), `${base}-seal-sfc-checklist.json`)
            }
          >
            SEAL checklist (JSON)
          </button>
          <button
            type="button"
            onClick={() =>
              downloadText(
                BOM + soaCsv(coverage),
                `${base}-statement-of-applicability.csv`,
                'text/csv;charset=utf-8',
              )
            }
          >
            Coverage table (CSV)
          </button>
        </div>
      </div>
      <p>
        How close “{assessment.name}” is to each SEAL certification module and to a CCSS level, from
        the answers already given. SEAL&apos;s rule: {frameworks.seal.crosswalk.rule}
      </p>

      <section aria-labelledby="seal-heading">
        <h2 id="seal-heading">SEAL Certifications (SFC)</h2>
        <div className="table-scroll">
          <table>
            <caption>
              {ready} of {seal.modules.length} modules ready to apply
            </caption>
            <thead>
              <tr>
                <th scope="col">Module</th>
                <th scope="col">Controls</th>
                <th scope="col">Implemented</th>
                <th scope="col">Partial</th>
                <th scope="col">Not implemented</th>
                <th scope="col">N/A</th>
                <th scope="col">Unanswered</th>
                <th scope="col">Ready to apply</th>
              </tr>
            </thead>
            <tbody>
              {seal.modules.map((m) => (
                <tr key={m.module.id}>
                  <th scope="row">
                    {m.module.title} {m.module.version}
                  </th>
                  <td>{m.controls.length}</td>
                  <td>{m.counts.implemented}</td>
                  <td>{m.counts.partial}</td>
                  <td>{m.counts['not-implemented']}</td>
                  <td>{m.counts.na}</td>
                  <td>{m.counts.unanswered}</td>
                  <td>{m.ready ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted attribution">
          {frameworks.seal.crosswalk.attribution} Licence:{' '}
          <a href={frameworks.seal.crosswalk.licence.url} rel="noreferrer noopener">
            {frameworks.seal.crosswalk.licence.name}
          </a>
          ; source:{' '}
          <a href={frameworks.seal.crosswalk.source.repository} rel="noreferrer noopener">
            {frameworks.seal.crosswalk.source.repository}
          </a>{' '}
          at {frameworks.seal.crosswalk.source.revision.slice(0, 7)}.
        </p>
        {seal.modules.map((m) => (
          <SealModuleView key={m.module.id} readiness={m} fileBase={base} />
        ))}
      </section>

      <CcssPanel frameworks={frameworks} readiness={ccss} />
      <details className="panel">
        <summary>CCSS licence notice</summary>
        <pre className="licence">{frameworks.ccss.crosswalk.licence.text}</pre>
      </details>

      <CoverageTables coverage={coverage} />
    </div>
  );
}
