import { useMemo, useState } from 'react';
import { LoadDemoButton } from '../../components/LoadDemoButton.tsx';
import { MissingCatalogue } from '../../components/MissingCatalogue.tsx';
import { baselineFor } from '../../domain/report/changes.ts';
import { reportDocument } from '../../domain/report/document.ts';
import { buildReportModel } from '../../domain/report/model.ts';
import { availableProfiles, resolveProfile } from '../../domain/threat/resolve.ts';
import { localDate } from '../../lib/dates.ts';
import { selectActiveAssessment, useAppStore } from '../../store/app-store.ts';
import { useAssessmentCatalogue, useCatalogueStore } from '../../store/catalogue.ts';
import { bundledFrameworks } from '../../store/slices/frameworks.ts';
import { DocumentView } from './DocumentView.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { OscalResultsButton } from './OscalResultsButton.tsx';
import { ProfilePanel } from './ProfilePanel.tsx';
import { useFingerprint } from './useFingerprint.ts';

/** The report: the model computed once, turned into the document the exports print, and drawn. */
export function ReportPage() {
  const assessment = useAppStore(selectActiveAssessment);
  const assessments = useAppStore((s) => s.assessments);
  // What the board page compares with: the organisation's signed or previous assessment.
  const baseline = useMemo(
    () => (assessment ? baselineFor(assessment, Object.values(assessments)) : undefined),
    [assessment, assessments],
  );
  const catalogue = useAssessmentCatalogue(assessment);
  const validating = useCatalogueStore((s) => s.validating);
  // Fixed for the life of the page, so the screen and the PDF carry the same date.
  const [reportDate] = useState(() => localDate(new Date()));
  const profiles = useMemo(() => (catalogue ? availableProfiles(catalogue) : []), [catalogue]);
  const profile = useMemo(
    () => (assessment && catalogue ? resolveProfile(catalogue, assessment) : null),
    [catalogue, assessment],
  );
  const fingerprint = useFingerprint(assessment);
  const document = useMemo(
    () =>
      assessment && profile && catalogue
        ? reportDocument(
            buildReportModel({
              catalogue,
              assessment,
              profile,
              reportDate,
              ...fingerprint,
              ...(baseline === undefined ? {} : { baseline }),
              frameworks: bundledFrameworks,
            }),
          )
        : null,
    [catalogue, assessment, profile, reportDate, fingerprint, baseline],
  );
  if (assessment && !catalogue) {
    if (validating) return <p role="status">Checking your saved catalogues…</p>;
    return (
      <>
        <h1>Report</h1>
        <MissingCatalogue assessment={assessment} />
      </>
    );
  }
  if (!document || !profile || !assessment || !catalogue) {
    return (
      <>
        <h1>Report</h1>
        <p>No assessment is selected.</p>
        <LoadDemoButton />
      </>
    );
  }
  return (
    <DocumentView
      document={document}
      title="Report"
      slots={{
        head: (
          <>
            <ExportButtons
              input={{
                catalogue,
                assessment,
                profile,
                reportDate,
                ...(baseline === undefined ? {} : { baseline }),
                frameworks: bundledFrameworks,
              }}
            />
            <OscalResultsButton input={{ catalogue, assessment, profile, reportDate }} />
            <div className="demo-load">
              <LoadDemoButton />
            </div>
          </>
        ),
        profile: (
          <ProfilePanel
            catalogue={catalogue}
            profiles={profiles}
            active={profile}
            isCustom={assessment.customProfile !== undefined}
          />
        ),
      }}
    />
  );
}
