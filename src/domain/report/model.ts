import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue, Severity } from '../catalogue/schema.ts';
import {
  computeReadiness,
  formatScore,
  SEVERITY_WEIGHT,
  type Counts,
} from '../scoring/readiness.ts';

/**
 * Everything the on-screen report and the exported documents show, computed once. Screen and PDF
 * render this model and format nothing themselves, so they cannot disagree on a number.
 */
export interface ReportModel {
  readonly title: string;
  readonly assessmentName: string;
  readonly organisation: string;
  readonly scope: string;
  readonly assessors: readonly string[];
  /** `yyyy-mm-dd`, supplied by the caller: the domain does not read the clock. */
  readonly reportDate: string;
  readonly catalogue: { readonly id: string; readonly name: string; readonly version: string };
  readonly readiness: { readonly value: number | null; readonly display: string };
  readonly counts: Counts;
  /** Says that unanswered controls were scored as gaps; null when everything is answered. */
  readonly unansweredNote: string | null;
  readonly domains: readonly DomainRow[];
  readonly gaps: readonly GapRow[];
  readonly notApplicable: readonly NotApplicableRow[];
  readonly methodology: readonly string[];
  readonly fileBaseName: string;
}

export interface DomainRow {
  readonly id: string;
  readonly name: string;
  readonly readiness: number | null;
  readonly display: string;
  readonly counts: Counts;
}

export interface GapRow {
  readonly controlId: string;
  readonly title: string;
  readonly domainName: string;
  readonly severity: Severity;
  /** Current level, or null when unanswered. */
  readonly level: number | null;
  readonly target: number;
  /** Readiness points the gap costs: what the overall score would gain if it were closed. */
  readonly points: number;
  readonly pointsDisplay: string;
  /** `unanswered` or the level, as shown. */
  readonly levelDisplay: string;
}

export interface NotApplicableRow {
  readonly controlId: string;
  readonly title: string;
  readonly justification: string;
}

export interface ReportInput {
  readonly catalogue: Catalogue;
  readonly assessment: Assessment;
  readonly reportDate: string;
}

export function buildReportModel({ catalogue, assessment, reportDate }: ReportInput): ReportModel {
  const result = computeReadiness(catalogue, assessment.answers);
  const domainName = new Map(catalogue.domains.map((d) => [d.id, d.name]));
  const totalWeight = result.controls
    .filter((s) => s.attainment !== null)
    .reduce((sum, s) => sum + s.weight, 0);

  const gaps: GapRow[] = result.controls
    .filter((s) => s.gap)
    .map((s) => {
      const points =
        totalWeight === 0 ? 0 : (100 * s.weight * (1 - (s.attainment ?? 0))) / totalWeight;
      return {
        controlId: s.control.id,
        title: s.control.title,
        domainName: domainName.get(s.control.domain) ?? s.control.domain,
        severity: s.control.severity,
        level: s.level,
        levelDisplay: s.level === null ? 'unanswered' : String(s.level),
        target: s.target,
        points,
        pointsDisplay: points.toFixed(1),
      };
    })
    .sort((a, b) => b.points - a.points || a.controlId.localeCompare(b.controlId));

  const notApplicable: NotApplicableRow[] = catalogue.controls.flatMap((c) => {
    const answer = assessment.answers[c.id];
    return answer?.status === 'na'
      ? [{ controlId: c.id, title: c.title, justification: answer.justification }]
      : [];
  });

  const weights = Object.entries(SEVERITY_WEIGHT)
    .map(([severity, weight]) => `${severity} ${weight}`)
    .join(', ');

  return {
    title: 'Operational security readiness report',
    assessmentName: assessment.name,
    organisation: assessment.organisation,
    scope: assessment.scope,
    assessors: assessment.assessors,
    reportDate,
    catalogue: {
      id: catalogue.meta.id,
      name: catalogue.meta.name,
      version: catalogue.meta.version,
    },
    readiness: { value: result.readiness, display: formatScore(result.readiness) },
    counts: result.counts,
    unansweredNote: unansweredNote(result.counts.unanswered),
    domains: catalogue.domains.map((d, i) => {
      const r = result.domains[i];
      return {
        id: d.id,
        name: d.name,
        readiness: r?.readiness ?? null,
        display: formatScore(r?.readiness ?? null),
        counts: r?.counts ?? result.counts,
      };
    }),
    gaps,
    notApplicable,
    methodology: [
      'Each control is answered on the catalogue scale (0 to ' +
        String(catalogue.scale.length - 1) +
        ') or marked not applicable with a written justification.',
      'A control’s attainment is min(level, target) / target, where the target is the catalogue baseline. Unanswered controls count as 0: they are scored as gaps until someone answers them.',
      `Readiness = 100 × Σ(weight × attainment) / Σ(weight) over applicable controls, with severity weights ${weights}. Not-applicable controls leave both sums.`,
      'Gap points are what closing one gap would add to the overall readiness: 100 × weight × (1 − attainment) / Σ(weight).',
    ],
    fileBaseName: `opsready-${slugify(assessment.organisation || assessment.name)}-${reportDate}`,
  };
}

function unansweredNote(unanswered: number): string | null {
  if (unanswered === 0) return null;
  return unanswered === 1
    ? '1 unanswered control is scored as a gap until it is answered.'
    : `${unanswered} unanswered controls are scored as gaps until they are answered.`;
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
