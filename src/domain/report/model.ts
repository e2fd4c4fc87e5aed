import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { effectiveAnswers, effectiveProfile } from '../scoring/architecture.ts';
import { scoreAssessment } from '../scoring/scored.ts';
import { robustness, robustnessProfiles } from '../scoring/robustness.ts';
import type { ThreatProfile } from '../threat/profile.ts';
import type { Frameworks } from '../frameworks/schema.ts';
import { appendixSection, type AppendixSection } from './appendix.ts';
import { architectureSection, type ArchitectureSection } from './architecture.ts';
import { boardSection, type BoardSection } from './board.ts';
import { changeSection, type ChangeSection } from './changes.ts';
import { reportCharts, type ReportCharts } from './charts.ts';
import { dollarSection, type DollarSection } from './dollars.ts';
import { domainRows, type DomainRow } from './domains.ts';
import { exposureRows, type ExposureRow } from './exposure.ts';
import { gapSection, type GapSection } from './gaps.ts';
import { methodology, type MethodSection } from './methodology.ts';
import { frameworksSection, type FrameworksSection } from './readiness.ts';
import { profilesSection, type ProfilesSection } from './profiles.ts';
import { robustnessSection, type RobustnessSection } from './robustness.ts';
import { reportSummary, type ReportSummary } from './summary.ts';
import { vectorRows, type VectorRow } from './vectors.ts';
import { workshopSection, type WorkshopSection } from './workshop.ts';

/**
 * Everything the on-screen report and the exported documents show, computed once. Screen, PDF,
 * Markdown and the command line render this model and format nothing themselves, so they cannot
 * disagree on a number. Each section is built by its own module from one risk computation.
 */
export interface ReportModel
  extends
    ReportSummary,
    RobustnessSection,
    ProfilesSection,
    ArchitectureSection,
    GapSection,
    BoardSection,
    ChangeSection,
    AppendixSection,
    WorkshopSection,
    FrameworksSection,
    DollarSection {
  readonly domains: readonly DomainRow[];
  readonly vectors: readonly VectorRow[];
  /** α and β of the residual-risk model, as the vector working prints them. */
  readonly riskFactors: { readonly prevention: number; readonly mitigation: number };
  readonly exposure: readonly ExposureRow[];
  readonly charts: ReportCharts;
  readonly methodology: readonly MethodSection[];
}

export interface ReportInput {
  readonly catalogue: Catalogue;
  readonly assessment: Assessment;
  readonly profile: ThreatProfile;
  readonly reportDate: string;
  /** Lower-case hex SHA-256 of `assessmentToJson(assessment)`, when the caller computed it. */
  readonly dataSha256?: string;
  /**
   * The name of a file holding exactly those bytes, for the report to say which file the hash is
   * of; left out, the name "Export JSON" gives the file.
   */
  readonly dataFileName?: string;
  /** The same of the assessment without its sign-off, to tell whether it changed since signing. */
  readonly unsignedSha256?: string;
  /**
   * Ids of the catalogue's architecture features the team does not operate, in place of what the
   * assessment records (for what-if runs); left out, the assessment's own architecture.
   */
  readonly notOperated?: readonly string[];
  /**
   * The assessment to report changes against: a previous one of the organisation or its signed
   * baseline (`baselineFor` picks one). Left out, the report says there is nothing to compare.
   */
  readonly baseline?: Assessment;
  /** The SEAL and CCSS crosswalks; left out, the report has no framework readiness section. */
  readonly frameworks?: Frameworks;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { catalogue } = input;
  // Every section reads the effective answers and profile: a control the team cannot operate is
  // N/A with its reason everywhere, and a vector it cannot face is weighted nowhere.
  const notOperated = input.notOperated ?? input.assessment.architecture?.notOperated ?? [];
  const scored = scoreAssessment(catalogue, input.assessment, input.profile, notOperated);
  const { effect, profile, risk } = scored;
  const assessment = withAnswers(input.assessment, scored.answers);
  // The workshop records what participants and the team said, so it reads the stored answers.
  const workshop = workshopSection(catalogue, input.assessment, input.unsignedSha256);
  const domains = domainRows(catalogue, risk);
  const vectors = vectorRows(risk);
  const robust = robustness(
    catalogue,
    assessment.answers,
    risk,
    robustnessProfiles(catalogue, input.profile).map((p) => effectiveProfile(effect, p)),
    scored.targets,
    // Scored from the same answers and targets: not scored again.
    risk.readiness,
  );
  const gapRows = gapSection(catalogue, assessment, risk, workshop.actions);
  // The baseline is read through this report's architecture too, so both sides score alike.
  const baseline =
    input.baseline === undefined
      ? undefined
      : withAnswers(input.baseline, effectiveAnswers(effect, input.baseline.answers));
  return {
    ...reportSummary({ ...input, assessment, profile }, risk),
    ...architectureSection(effect, input.profile),
    domains,
    vectors,
    riskFactors: { prevention: risk.prevention, mitigation: risk.mitigation },
    ...gapRows,
    ...boardSection(catalogue, assessment, profile, risk, gapRows.gaps),
    ...changeSection(catalogue, baseline, assessment, profile),
    ...robustnessSection(robust),
    ...profilesSection(catalogue, input.profile),
    exposure: exposureRows(catalogue, assessment),
    ...appendixSection(catalogue, assessment, risk),
    charts: reportCharts(domains, vectors),
    ...workshop,
    ...frameworksSection(catalogue, assessment, input.frameworks),
    methodology: methodology(catalogue, profile, risk),
    ...dollarSection({
      catalogue,
      assessment,
      profile,
      notOperated: effect.notOperated,
      targets: scored.targets,
      risk,
    }),
  };
}

/** The same object when the answers did not change, so nothing downstream sees a new assessment. */
function withAnswers(assessment: Assessment, answers: Assessment['answers']): Assessment {
  return answers === assessment.answers ? assessment : { ...assessment, answers };
}
