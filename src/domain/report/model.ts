import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue, Effort, Severity } from '../catalogue/schema.ts';
import { incidentsForControl } from '../catalogue/coverage.ts';
import { formatScore, SEVERITY_WEIGHT, targetsOf, type Counts } from '../scoring/readiness.ts';
import { computeExposure, OUTCOME_LABEL, type ExposureOutcome } from '../scoring/exposure.ts';
import {
  computeRisk,
  EFFORT_UNITS,
  MITIGATION_EFFICACY,
  PREVENTION_EFFICACY,
  RISK_FLOOR,
} from '../scoring/risk.ts';
import { workedExampleSteps } from '../scoring/worked-example.ts';
import type { ShareBasis, ThreatProfile } from '../threat/profile.ts';
import { shareTotals } from '../threat/profile.ts';
import { parkingLot, sortedActions, type ParkingLotRow } from '../workshop/actions.ts';
import { teamVsAuditor, type RoleComparisonRow } from '../workshop/participants.ts';
import type { ActionPriority } from '../workshop/schema.ts';

/**
 * Everything the on-screen report and the exported documents show, computed once. Screen, PDF,
 * Markdown and the command line render this model and format nothing themselves, so they cannot
 * disagree on a number.
 */
export interface ReportModel {
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
  readonly data: { readonly fileName: string; readonly sha256: string | null };
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
  readonly domains: readonly DomainRow[];
  readonly vectors: readonly VectorRow[];
  /** Ranked by risk removed if raised to target, highest first. */
  readonly gaps: readonly GapRow[];
  /** The same rows, ranked by risk removed per unit of effort. */
  readonly gapsByEffort: readonly GapRow[];
  readonly exposure: readonly ExposureRow[];
  readonly notApplicable: readonly NotApplicableRow[];
  readonly charts: {
    readonly readinessByDomain: BarChart;
    readonly riskByVector: BarChart;
    readonly riskByDomain: BarChart;
  };
  /** Every control with its answer and details, grouped by domain in catalogue order. */
  readonly appendix: readonly AppendixDomain[];
  /** Remediation actions recorded in a workshop: high priority and earliest due first. */
  readonly actions: readonly ActionRow[];
  /** Controls flagged to revisit or waiting for evidence, with who owes what. */
  readonly parkingLot: readonly ParkingLotRow[];
  /** The workshop's participants, whose own answers the assessment keeps beside the agreed ones. */
  readonly participants: readonly {
    readonly name: string;
    readonly role: 'team' | 'auditor';
    readonly answered: number;
  }[];
  /** Team members' self-assessed levels against the auditors' verified ones; null without both. */
  readonly teamVsAuditor: {
    readonly rows: readonly RoleComparisonRow[];
    readonly differing: readonly RoleComparisonRow[];
  } | null;
  readonly signOff: SignOffSummary | null;
  readonly methodology: readonly MethodSection[];
  readonly fileBaseName: string;
}

/**
 * A horizontal bar chart as data. The screen draws it as SVG and the PDF with vector operations;
 * both read the same numbers, and `summary` is its text alternative.
 */
export interface BarChart {
  readonly id: string;
  readonly title: string;
  /** The chart in words: what a screen reader announces and what the Markdown export prints. */
  readonly summary: string;
  /** What the axis measures. */
  readonly unit: string;
  /** Axis maximum, a round number; every value and background is within [0, max]. */
  readonly max: number;
  /** Axis ticks from 0 to max, at a round step. */
  readonly ticks: readonly number[];
  readonly bars: readonly Bar[];
  /** A line across every bar, e.g. the target. */
  readonly marker: { readonly value: number; readonly label: string } | null;
  /** Label of the value bar, and of the background bar when bars have one. */
  readonly legend: { readonly value: string; readonly background: string | null };
}

export interface Bar {
  readonly label: string;
  /** Null when there is nothing to measure (e.g. every control N/A). */
  readonly value: number | null;
  readonly display: string;
  /** A lighter bar behind the value, e.g. the exposure before controls. */
  readonly background: number | null;
}

export interface ActionRow {
  readonly controlId: string;
  readonly title: string;
  readonly text: string;
  readonly owner: string;
  readonly due: string;
  readonly priority: ActionPriority;
}

export interface SignOffSummary {
  readonly signatories: readonly string[];
  readonly organisation: string;
  readonly scope: string;
  readonly date: string;
  readonly statement: string;
  readonly signedAt: string;
  readonly dataSha256: string;
  /**
   * Whether the answers are still those signed: null when the caller did not give the current
   * fingerprint to compare with.
   */
  readonly unchanged: boolean | null;
}

export interface AppendixDomain {
  readonly id: string;
  readonly name: string;
  readonly rows: readonly AppendixRow[];
}

export interface AppendixRow {
  readonly controlId: string;
  readonly title: string;
  readonly state: 'level' | 'na' | 'unanswered';
  /** `2 Established`, `N/A` or `Unanswered`. */
  readonly answerDisplay: string;
  readonly target: number;
  /** True when the assessment set its own target instead of the catalogue baseline. */
  readonly ownTarget: boolean;
  readonly gap: boolean;
  readonly owner: string;
  readonly confidence: string;
  readonly flagged: boolean;
  readonly evidence: readonly string[];
  /** The N/A justification, empty otherwise. */
  readonly justification: string;
  readonly notes: string;
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

export interface DomainRow {
  readonly id: string;
  readonly name: string;
  readonly readiness: number | null;
  readonly display: string;
  readonly counts: Counts;
  /** Index points the domain spans between absent and at target: its weight in the model. */
  readonly weight: number;
  readonly weightDisplay: string;
  readonly riskRemoved: number;
  readonly riskRemovedDisplay: string;
}

export interface VectorRow {
  readonly id: string;
  readonly name: string;
  readonly incidentShare: string;
  readonly lossShare: string;
  readonly incidentsBasis: ShareBasis;
  readonly lossBasis: ShareBasis;
  readonly costMultiplier: string;
  readonly exposure: number;
  readonly exposureDisplay: string;
  readonly residual: number;
  readonly residualDisplay: string;
  readonly readinessDisplay: string;
  readonly controls: number;
  readonly gaps: number;
  /** Set when no applicable control prevents or mitigates the vector. */
  readonly uncovered: string | null;
}

export interface GapRow {
  readonly rank: number;
  readonly controlId: string;
  readonly title: string;
  readonly domainName: string;
  readonly severity: Severity;
  readonly effort: Effort;
  /** Current level, or null when unanswered. */
  readonly level: number | null;
  readonly target: number;
  /** `unanswered` or the level, as shown. */
  readonly levelDisplay: string;
  /** Who carries the control, from the assessment; empty when nobody was named. */
  readonly owner: string;
  /** Actions recorded against the control, as "text (owner, due date)". */
  readonly actions: readonly string[];
  /** Residual-risk points removed if this control alone reached its target. */
  readonly riskRemoved: number;
  readonly riskRemovedDisplay: string;
  readonly perEffortDisplay: string;
  /** Readiness points the gap costs. */
  readonly points: number;
  readonly pointsDisplay: string;
  readonly vectors: readonly string[];
  readonly incidents: readonly string[];
  /** The same incidents as "Ronin 2022": for tables too narrow for full names. */
  readonly incidentsShort: readonly string[];
}

export interface ExposureRow {
  readonly id: string;
  readonly name: string;
  readonly date: string;
  readonly lossDisplay: string;
  readonly outcome: ExposureOutcome;
  readonly outcomeLabel: string;
  /** Which step broke the path and with what, or what would have been needed. */
  readonly detail: string;
}

export interface NotApplicableRow {
  readonly controlId: string;
  readonly title: string;
  readonly justification: string;
}

export interface MethodSection {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

export interface ReportInput {
  readonly catalogue: Catalogue;
  readonly assessment: Assessment;
  readonly profile: ThreatProfile;
  readonly reportDate: string;
  /** Lower-case hex SHA-256 of `assessmentToJson(assessment)`, when the caller computed it. */
  readonly dataSha256?: string;
  /** The same of the assessment without its sign-off, to tell whether it changed since signing. */
  readonly unsignedSha256?: string;
}

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
const points = (n: number): string => n.toFixed(1);

export function formatUsd(usd: number): string {
  if (usd >= 1e9) return `$${(usd / 1e9).toFixed(2)}B`;
  if (usd >= 1e6) return `$${(usd / 1e6).toFixed(usd >= 1e8 ? 0 : 1)}M`;
  if (usd >= 1e3) return `$${(usd / 1e3).toFixed(0)}k`;
  return `$${usd.toFixed(0)}`;
}

export function buildReportModel({
  catalogue,
  assessment,
  profile,
  reportDate,
  dataSha256,
  unsignedSha256,
}: ReportInput): ReportModel {
  const risk = computeRisk(catalogue, assessment.answers, profile, targetsOf(assessment));
  const result = risk.readiness;
  const domainName = new Map(catalogue.domains.map((d) => [d.id, d.name]));
  const vectorName = new Map(catalogue.vectors.map((v) => [v.id, v.name]));
  const totalWeight = result.controls
    .filter((s) => s.attainment !== null)
    .reduce((sum, s) => sum + s.weight, 0);

  const workshop = assessment.workshop;
  const titleOf = new Map(catalogue.controls.map((c) => [c.id, c.title]));
  const actions: ActionRow[] = sortedActions(workshop?.actions ?? []).map((a) => ({
    controlId: a.controlId,
    title: titleOf.get(a.controlId) ?? a.controlId,
    text: a.text,
    owner: a.owner,
    due: a.due ?? '',
    priority: a.priority,
  }));
  const actionsFor = (controlId: string): string[] =>
    actions
      .filter((a) => a.controlId === controlId)
      .map((a) => {
        const who = [a.owner, a.due === '' ? '' : `due ${a.due}`].filter((x) => x !== '');
        return who.length === 0 ? a.text : `${a.text} (${who.join(', ')})`;
      });
  const participants = workshop?.participants ?? [];
  const roles = teamVsAuditor(catalogue, participants);
  const hasBothRoles =
    participants.some((p) => p.role === 'team') && participants.some((p) => p.role === 'auditor');
  const signOff = workshop?.signOff;

  const gaps: GapRow[] = risk.rankedGaps.map((c, i) => {
    const s = c.score;
    const readinessPoints =
      totalWeight === 0 ? 0 : (100 * s.weight * (1 - (s.attainment ?? 0))) / totalWeight;
    return {
      rank: i + 1,
      controlId: s.control.id,
      title: s.control.title,
      domainName: domainName.get(s.control.domain) ?? s.control.domain,
      severity: s.control.severity,
      effort: s.control.effort,
      level: s.level,
      levelDisplay: s.level === null ? 'unanswered' : String(s.level),
      owner: assessment.meta[s.control.id]?.owner ?? '',
      actions: actionsFor(s.control.id),
      target: s.target,
      riskRemoved: c.riskRemoved,
      riskRemovedDisplay: points(c.riskRemoved),
      perEffortDisplay: points(c.riskRemovedPerEffort),
      points: readinessPoints,
      pointsDisplay: points(readinessPoints),
      vectors: s.control.vectors.map((v) => vectorName.get(v.vector) ?? v.vector),
      incidents: incidentsForControl(catalogue, s.control.id).map((x) => x.name),
      incidentsShort: incidentsForControl(catalogue, s.control.id).map(shortIncidentName),
    };
  });

  const rowById = new Map(gaps.map((g) => [g.controlId, g]));

  const notApplicable: NotApplicableRow[] = catalogue.controls.flatMap((c) => {
    const answer = assessment.answers[c.id];
    return answer?.status === 'na'
      ? [{ controlId: c.id, title: c.title, justification: answer.justification }]
      : [];
  });

  const exposure: ExposureRow[] = computeExposure(catalogue, assessment.answers).map((x) => {
    let detail: string;
    const first = x.firstBrokenStep === null ? undefined : x.steps[x.firstBrokenStep];
    if (first) {
      const met = first.breaks.filter((b) => b.met).map((b) => b.control);
      detail = `Step ${String(first.index + 1)} (${first.title}) is broken by ${met.join(', ')}.`;
    } else {
      detail = 'No step of the attack path is broken by the controls as answered.';
    }
    if (x.outcome !== 'prevented' && x.missingPrevention.length > 0) {
      const needed = [
        ...new Set(x.missingPrevention.map((b) => `${b.control} at ${String(b.level)}`)),
      ];
      const more = needed.length > 4 ? ` and ${String(needed.length - 4)} more` : '';
      detail += ` Prevention needed: ${needed.slice(0, 4).join(', ')}${more}.`;
    }
    return {
      id: x.incident.id,
      name: x.incident.name,
      date: x.incident.date,
      lossDisplay: formatUsd(x.incident.loss.usd),
      outcome: x.outcome,
      outcomeLabel: OUTCOME_LABEL[x.outcome],
      detail,
    };
  });

  const vectors: VectorRow[] = risk.vectors.map((v) => ({
    id: v.vectorId,
    name: v.name,
    incidentShare: pct(v.incidentShare),
    lossShare: pct(v.lossShare),
    incidentsBasis: v.incidentsBasis,
    lossBasis: v.lossBasis,
    costMultiplier: v.costMultiplier === null ? 'n/a' : `${v.costMultiplier.toFixed(2)}×`,
    exposure: v.exposure,
    exposureDisplay: points(v.exposure),
    residual: v.residual,
    residualDisplay: points(v.residual),
    readinessDisplay: formatScore(v.readiness),
    controls: v.controls,
    gaps: v.gaps,
    uncovered:
      !v.hasPrevention && !v.hasMitigation
        ? 'No applicable control addresses this vector.'
        : !v.hasPrevention
          ? 'No applicable control prevents this vector; only its cost can be reduced.'
          : null,
  }));

  const residual = risk.residualRisk;
  const removed = 100 - residual;
  const domains: DomainRow[] = catalogue.domains.map((d, i) => {
    const r = result.domains[i];
    const dr = risk.domains[i];
    return {
      id: d.id,
      name: d.name,
      readiness: r?.readiness ?? null,
      display: formatScore(r?.readiness ?? null),
      counts: r?.counts ?? result.counts,
      weight: dr?.weight ?? 0,
      weightDisplay: points(dr?.weight ?? 0),
      riskRemoved: dr?.riskRemoved ?? 0,
      riskRemovedDisplay: points(dr?.riskRemoved ?? 0),
    };
  });
  const fileBaseName = `opsready-${slugify(assessment.organisation || assessment.name)}-${reportDate}`;
  const scoreByControl = new Map(result.controls.map((sc) => [sc.control.id, sc]));
  const levelName = (level: number): string => {
    const name = catalogue.scale[level]?.name;
    return name === undefined ? String(level) : `${String(level)} ${name}`;
  };
  const appendix: AppendixDomain[] = catalogue.domains.map((d) => ({
    id: d.id,
    name: d.name,
    rows: catalogue.controls
      .filter((c) => c.domain === d.id)
      .map((c): AppendixRow => {
        const answer = assessment.answers[c.id];
        const meta = assessment.meta[c.id] ?? {};
        const sc = scoreByControl.get(c.id);
        return {
          controlId: c.id,
          title: c.title,
          state: answer === undefined ? 'unanswered' : answer.status,
          answerDisplay:
            answer === undefined
              ? 'Unanswered'
              : answer.status === 'na'
                ? 'N/A'
                : levelName(answer.level),
          target: sc?.target ?? c.baseline,
          ownTarget: meta.target !== undefined,
          gap: sc?.gap ?? false,
          owner: meta.owner ?? '',
          confidence: meta.confidence === undefined ? '' : CONFIDENCE_LABEL[meta.confidence],
          flagged: meta.revisit === true,
          evidence: meta.evidence ?? [],
          justification: answer?.status === 'na' ? answer.justification : '',
          notes: answer?.notes ?? '',
        };
      }),
  }));
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
    domains,
    vectors,
    gaps,
    gapsByEffort: risk.rankedByEffort.flatMap((c) => rowById.get(c.score.control.id) ?? []),
    exposure,
    notApplicable,
    charts: {
      readinessByDomain: readinessChart(domains),
      riskByVector: vectorRiskChart(vectors),
      riskByDomain: domainRiskChart(domains),
    },
    appendix,
    actions,
    parkingLot: parkingLot(catalogue, assessment),
    participants: participants.map((p) => ({
      name: p.name,
      role: p.role,
      answered: Object.keys(p.answers).length,
    })),
    teamVsAuditor: hasBothRoles ? roles : null,
    signOff:
      signOff === undefined
        ? null
        : {
            signatories: signOff.signatories.map((x) => `${x.name} (${x.role})`),
            organisation: signOff.organisation,
            scope: signOff.scope,
            date: signOff.date,
            statement: signOff.statement,
            signedAt: signOff.signedAt,
            dataSha256: signOff.dataSha256,
            unchanged: unsignedSha256 === undefined ? null : unsignedSha256 === signOff.dataSha256,
          },
    methodology: methodology(catalogue, profile),
    fileBaseName,
    data: { fileName: `${fileBaseName}.json`, sha256: dataSha256 ?? null },
  };
}

/**
 * The leading capitalised words of an incident's name (the victim, by the catalogue's naming
 * convention) and its year: "Ronin bridge validator key theft" of 2022 becomes "Ronin 2022".
 */
export function shortIncidentName(incident: { name: string; date: string }): string {
  const words = incident.name.split(/\s+/);
  const firstCommon = words.findIndex((w) => !/^\p{Lu}/u.test(w));
  // A name that does not start with a proper noun is kept whole rather than guessed at.
  const lead = firstCommon > 0 ? words.slice(0, firstCommon) : words;
  return `${lead.join(' ')} ${incident.date.slice(0, 4)}`;
}

const CONFIDENCE_LABEL = { verified: 'Verified with evidence', 'self-reported': 'Self-reported' };

function listInWords(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * A round axis for values up to `top`: the step is 1, 2, 2.5 or 5 times a power of ten, chosen
 * for at most five intervals, so a reader can read a bar against the grid.
 */
export function niceAxis(top: number): { max: number; ticks: number[] } {
  if (!(top > 0)) return { max: 1, ticks: [0, 1] };
  const rough = top / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const intervals = Math.ceil(top / step - 1e-9);
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toFixed(10)));
  return { max: ticks[ticks.length - 1] ?? top, ticks };
}

function readinessChart(domains: readonly DomainRow[]): BarChart {
  const scored = domains.filter((d) => d.readiness !== null);
  const lowest = [...scored].sort((a, b) => (a.readiness ?? 0) - (b.readiness ?? 0))[0];
  return {
    id: 'readiness-by-domain',
    title: 'Readiness by domain against target',
    summary:
      `Readiness by domain, where 100 means every applicable control is at its target: ` +
      `${listInWords(domains.map((d) => `${d.name} ${d.readiness === null ? 'not scored (all N/A)' : d.display}`))}.` +
      (lowest ? ` Furthest from target: ${lowest.name}.` : ''),
    unit: 'Readiness (0-100)',
    ...niceAxis(100),
    bars: domains.map((d) => ({
      label: d.name,
      value: d.readiness,
      display: d.readiness === null ? 'N/A' : d.display,
      background: null,
    })),
    marker: { value: 100, label: 'Target: every control at its target' },
    legend: { value: 'Readiness', background: null },
  };
}

function vectorRiskChart(vectors: readonly VectorRow[]): BarChart {
  // Largest residual first: the chart answers "where is the risk", not "in what order are vectors".
  const sorted = [...vectors].sort((a, b) => b.residual - a.residual || a.id.localeCompare(b.id));
  return {
    id: 'risk-by-vector',
    title: 'Where the residual risk sits, by attack vector',
    summary:
      `Residual risk by attack vector, in index points out of each vector's exposure before controls: ` +
      `${listInWords(sorted.map((v) => `${v.name} ${v.residualDisplay} of ${v.exposureDisplay}`))}. ` +
      'The residuals add up to the residual risk.',
    unit: 'Residual-risk points',
    ...niceAxis(Math.max(0, ...sorted.map((v) => v.exposure))),
    bars: sorted.map((v) => ({
      label: v.name,
      value: v.residual,
      display: `${v.residualDisplay} of ${v.exposureDisplay}`,
      background: v.exposure,
    })),
    marker: null,
    legend: { value: 'Residual with these answers', background: 'Exposure with no controls' },
  };
}

function domainRiskChart(domains: readonly DomainRow[]): BarChart {
  return {
    id: 'risk-by-domain',
    title: 'Where the residual risk sits, by domain',
    summary:
      `Residual-risk points each domain would remove if all its gaps reached target, out of the domain's weight: ` +
      `${listInWords(domains.map((d) => `${d.name} ${d.riskRemovedDisplay} of ${d.weightDisplay}`))}. ` +
      'Domains share attack vectors, so these do not add up to the residual risk.',
    unit: 'Residual-risk points',
    ...niceAxis(Math.max(0, ...domains.map((d) => d.weight))),
    bars: domains.map((d) => ({
      label: d.name,
      value: d.riskRemoved,
      display: `${d.riskRemovedDisplay} of ${d.weightDisplay}`,
      background: d.weight,
    })),
    marker: null,
    legend: { value: 'Removable by closing its gaps', background: 'Weight in the threat model' },
  };
}

function summariseProfile(profile: ThreatProfile, custom: boolean): ProfileSummary {
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

function methodology(catalogue: Catalogue, profile: ThreatProfile): MethodSection[] {
  const weights = Object.entries(SEVERITY_WEIGHT)
    .map(([severity, weight]) => `${severity} ${String(weight)}`)
    .join(', ');
  const totals = shareTotals(profile.shares);
  const effort = Object.entries(EFFORT_UNITS)
    .map(([e, n]) => `${e} = ${String(n)}`)
    .join(', ');
  return [
    {
      title: 'Answers',
      paragraphs: [
        `Each control is answered on the catalogue's scale, 0 to ${String(catalogue.scale.length - 1)} (${catalogue.scale.map((s) => `${String(s.level)} ${s.name}`).join(', ')}), or marked not applicable with a written justification. The target is the catalogue's baseline for the control unless the assessment sets its own.`,
        "A control's attainment is min(level, target) / target, where the target is the catalogue baseline unless the assessment set its own for that control (the appendix lists them). Unanswered controls count as 0: they are scored as gaps until someone answers them. Not-applicable controls leave every sum, exactly as if the control were not in the catalogue.",
      ],
    },
    {
      title: 'Readiness',
      paragraphs: [
        `Readiness = 100 × Σ(w × attainment) / Σ w over applicable controls, with severity weights w: ${weights}. It does not depend on the threat profile. Gap points are what closing one gap would add: 100 × w × (1 − attainment) / Σ w.`,
      ],
    },
    {
      title: 'Residual risk',
      paragraphs: [
        "For each attack vector v the profile gives an incident share i(v) and a loss share l(v). The incident share is how often the vector occurs (likelihood); l(v) / i(v) is how costly one occurrence is against the average (cost); their product, l(v), is the vector's expected share of loss. So a gap is weighted by loss share: a vector with 15% of incidents and 76% of loss weighs about 5 times its incident share, one with 60% of incidents and 18% of loss less than its incident share.",
        `Preventive controls make a vector less likely; controls that detect, limit the loss or speed the response make each occurrence cheaper. P(v) is the weighted attainment of the applicable controls that prevent v, M(v) that of those that detect, limit or respond to it (0 where there are none). residual(v) = ŵ(v) × (1 − ${String(PREVENTION_EFFICACY)} × P(v)) × (1 − ${String(MITIGATION_EFFICACY)} × M(v)), with ŵ(v) = l(v) / Σ l. Residual risk = 100 × Σ residual(v).`,
        `${String(PREVENTION_EFFICACY)} and ${String(MITIGATION_EFFICACY)} are assumptions: the share of likelihood a fully met set of preventive controls removes, and the share of cost that detection and containment save. Neither is 1, because no set of controls removes all risk and containment usually saves part of a loss. So 100 means none of the modelled loss is mitigated and ${points(RISK_FLOOR)} is the floor with every vector fully covered.`,
        `Dividing by Σ l (here ${totals.loss.toFixed(4)} of loss and ${totals.incidents.toFixed(4)} of incidents) makes the index a share of the loss the profile models; shares the profile leaves to its remainder are outside it.`,
        `Gaps are ranked by the index points removed if that control alone reached its target, others as answered; the per-effort ranking divides by effort units (${effort}, an assumption). A domain's weight is the index span between all its controls absent and all at target.`,
      ],
    },
    {
      title: 'Incident exposure',
      paragraphs: [
        'Each real incident in the catalogue is an ordered attack path. Each step lists the controls that would have broken it and the level at which they would have: that mapping is our analysis, not a sourced fact. A step is broken when the team has the control at or above that level; unanswered and not-applicable controls break nothing. One prevented step prevents the incident; otherwise the strongest effect met decides: detected, then loss limited, else not stopped.',
      ],
    },
    { title: 'Worked example', paragraphs: workedExampleSteps() },
  ];
}

function unansweredNote(unanswered: number): string | null {
  if (unanswered === 0) return null;
  return unanswered === 1
    ? '1 unanswered control is scored as a gap until it is answered.'
    : `${String(unanswered)} unanswered controls are scored as gaps until they are answered.`;
}

/** ASCII, lower-case, dash-separated: safe as a file name on every system. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug === '' ? 'assessment' : slug;
}
