import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { formatScore, formatUsd, points, slugify } from '../format.ts';
import type { Counts } from '../scoring/readiness.ts';
import { RISK_FLOOR, type RiskResult } from '../scoring/risk.ts';
import type { ThreatProfile } from '../threat/profile.ts';

/** Who and what the report is about, its two scores in numbers and words, and the profile used. */
export interface ReportSummary {
  readonly title: string;
  readonly assessmentName: string;
  readonly organisation: string;
  readonly scope: string;
  readonly assessors: readonly string[];
  /** `yyyy-mm-dd`, supplied by the caller: the domain does not read the clock. */
  readonly reportDate: string;
  /** Date of the last change to the assessment, `yyyy-mm-dd` as recorded. */
  readonly assessedOn: string;
  readonly catalogue: { readonly id: string; readonly name: string; readonly version: string };
  /**
   * The assessment data the report was computed from: the JSON export's file name and its SHA-256,
   * so a reader can check that a report and a data file belong together. The hash is computed by
   * the caller (Web Crypto is asynchronous and not the domain's business); null when not given.
   */
  readonly data: {
    readonly fileName: string;
    readonly sha256: string | null;
    /**
     * The file "Export signed content" writes: the assessment as a sign-off covers it (without the
     * sign-off), whose SHA-256 a sign-off records, so `sha256sum` of it reproduces that hash.
     */
    readonly signedFileName: string;
    /** Its SHA-256 as the data is now; null when not given or when nothing is signed. */
    readonly signedSha256: string | null;
  };
  readonly readiness: {
    readonly value: number | null;
    readonly display: string;
    /** What the number means, in one sentence. */
    readonly sentence: string;
  };
  readonly residualRisk: {
    readonly value: number;
    readonly display: string;
    readonly atTargetDisplay: string;
    readonly floorDisplay: string;
    /** What the number means, in one sentence. */
    readonly sentence: string;
  };
  readonly profile: ProfileSummary;
  readonly counts: Counts;
  /** Says that unanswered controls were scored as gaps; null when everything is answered. */
  readonly unansweredNote: string | null;
  readonly fileBaseName: string;
}

export interface ProfileSummary {
  readonly id: string;
  readonly name: string;
  readonly period: string;
  readonly description: string;
  readonly custom: boolean;
  readonly sources: readonly {
    readonly id: string;
    readonly title: string;
    readonly url: string | null;
  }[];
  readonly remainder: string | null;
  /** Heavy-tail warning from the population's mean and median; null without both. */
  readonly heavyTail: string | null;
  readonly population: string | null;
  /** True when any figure is our assumption rather than a source's. */
  readonly hasAssumptions: boolean;
}

export interface SummaryInput {
  readonly catalogue: Catalogue;
  readonly assessment: Assessment;
  readonly profile: ThreatProfile;
  readonly reportDate: string;
  readonly dataSha256?: string;
  readonly dataFileName?: string;
  readonly unsignedSha256?: string;
}

export function reportSummary(
  {
    catalogue,
    assessment,
    profile,
    reportDate,
    dataSha256,
    dataFileName,
    unsignedSha256,
  }: SummaryInput,
  risk: RiskResult,
): ReportSummary {
  const result = risk.readiness;
  const residual = risk.residualRisk;
  const removed = 100 - residual;
  const fileBaseName = `opsready-${slugify(assessment.organisation || assessment.name)}-${reportDate}`;
  return {
    title: 'Operational security readiness report',
    assessmentName: assessment.name,
    organisation: assessment.organisation,
    scope: assessment.scope,
    assessors: assessment.assessors,
    reportDate,
    assessedOn: assessment.updatedAt.slice(0, 10),
    catalogue: {
      id: catalogue.meta.id,
      name: catalogue.meta.name,
      version: catalogue.meta.version,
    },
    readiness: {
      value: result.readiness,
      display: formatScore(result.readiness),
      sentence:
        result.readiness === null
          ? 'Every control is marked not applicable, so there is nothing to score.'
          : `Severity-weighted, the applicable controls reach ${formatScore(result.readiness)}% of their targets; ` +
            'it measures how complete the programme is, whatever the threat.',
    },
    residualRisk: {
      value: residual,
      display: points(residual),
      atTargetDisplay: points(risk.residualAtTarget),
      floorDisplay: points(RISK_FLOOR),
      sentence:
        `Of the loss the ${profile.name} profile expects from the vectors this catalogue covers, ` +
        `the controls as answered remove about ${removed.toFixed(0)}% and ${residual.toFixed(0)}% remains; ` +
        `with every control at target, ${points(risk.residualAtTarget)} would remain.`,
    },
    profile: summariseProfile(profile, profile === assessment.customProfile),
    counts: result.counts,
    unansweredNote: unansweredNote(result.counts.unanswered),
    fileBaseName,
    data: {
      fileName: dataFileName ?? `${fileBaseName}.json`,
      sha256: dataSha256 ?? null,
      signedFileName: signedContentFileName(fileBaseName),
      signedSha256: unsignedSha256 ?? null,
    },
  };
}

/** The name of the signed-content export, beside the data file it is cut from. */
export const signedContentFileName = (fileBaseName: string): string =>
  `${fileBaseName}-signed-content.json`;

export function summariseProfile(profile: ThreatProfile, custom: boolean): ProfileSummary {
  const pop = profile.population;
  let heavyTail: string | null = null;
  if (pop?.meanUsd !== undefined && pop.medianUsd !== undefined) {
    const ratio = pop.meanUsd / pop.medianUsd;
    heavyTail =
      `The mean incident (${formatUsd(pop.meanUsd)}) is ${ratio.toFixed(0)}× the median (${formatUsd(pop.medianUsd)}): ` +
      'most incidents are small and a few very large ones carry most of the loss. For a team, ' +
      'the question is less how often something goes wrong than whether one incident could take ' +
      'everything at once, so controls that cap a single loss (segregated wallets, outflow limits, ' +
      'pause powers, monitoring) matter as much as those that make incidents rarer. One ' +
      'half-year of such data is noisy: compare profiles before drawing fine distinctions.';
  }
  return {
    id: profile.id,
    name: profile.name,
    period: profile.period,
    description: profile.description,
    custom,
    sources: profile.sources.map((s) => ({ id: s.id, title: s.title, url: s.url ?? null })),
    remainder: profile.remainder ? `${profile.remainder.name}: ${profile.remainder.note}` : null,
    heavyTail,
    population: pop
      ? `${String(pop.incidents)} incidents, ${formatUsd(pop.lossUsd)} stolen` +
        (pop.medianUsd === undefined ? '' : `, median ${formatUsd(pop.medianUsd)}`) +
        (pop.meanUsd === undefined ? '' : `, mean ${formatUsd(pop.meanUsd)}`)
      : null,
    hasAssumptions: profile.shares.some(
      (s) => s.incidentsBasis === 'assumption' || s.lossBasis === 'assumption',
    ),
  };
}

function unansweredNote(unanswered: number): string | null {
  if (unanswered === 0) return null;
  return unanswered === 1
    ? '1 unanswered control is scored as a gap until it is answered.'
    : `${String(unanswered)} unanswered controls are scored as gaps until they are answered.`;
}
