import type { Assessment } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { frameworkCoverage, FRAMEWORK_NAME, SOA_STATUS_LABEL } from '../frameworks/coverage.ts';
import {
  ccssReadiness,
  CCSS_LEVEL_LABEL,
  crosswalkApplies,
  factsFromAnswers,
  sealReadiness,
  STATUS_LABEL,
  type RequirementResult,
} from '../frameworks/readiness.ts';
import type { Frameworks } from '../frameworks/schema.ts';

/**
 * SEAL certification and CCSS readiness for the report, every text already written, so the
 * screen, the PDF and the Markdown print the same words. Null when the report was built without
 * crosswalks or for a catalogue they do not map.
 */
export interface FrameworksReport {
  readonly sealAttribution: string;
  readonly sealRule: string;
  readonly readyModules: number;
  readonly modules: readonly {
    readonly title: string;
    readonly controls: number;
    readonly implemented: number;
    readonly partial: number;
    readonly notImplemented: number;
    readonly na: number;
    readonly unanswered: number;
    readonly ready: string;
  }[];
  readonly sfcControls: readonly {
    readonly module: string;
    readonly id: string;
    readonly title: string;
    readonly status: string;
    readonly basis: string;
  }[];
  readonly ccss: {
    readonly attribution: string;
    /** C4's notice, which its licence asks to appear wherever its text is copied. */
    readonly notice: string;
    readonly overall: string;
    readonly limiting: string;
    readonly aspects: readonly {
      readonly aspect: string;
      readonly level: string;
      readonly next: string;
    }[];
  };
  readonly coverage: readonly {
    readonly id: string;
    readonly name: string;
    readonly rows: readonly {
      readonly id: string;
      readonly title: string;
      readonly status: string;
      readonly controls: string;
    }[];
  }[];
}

export interface FrameworksSection {
  readonly frameworks: FrameworksReport | null;
}

/** What an SFC status rests on, short enough for a table cell. */
export function basisText(r: RequirementResult): string {
  const mapped = r.controls
    .map((c) => {
      const answer =
        c.state === 'unanswered' ? 'unanswered' : c.state === 'na' ? 'N/A' : String(c.level ?? 0);
      return `${c.control.id} ${answer} (needs ${String(c.required)})`;
    })
    .join(', ');
  const team =
    r.direct === null
      ? 'no team answer'
      : `team: ${r.direct.state === 'na' ? 'N/A' : r.direct.state}`;
  const parts =
    r.coverage === 'full'
      ? [`${r.rule === 'any' ? 'any of' : 'all of'} ${mapped}`]
      : r.coverage === 'partly'
        ? [`${r.rule === 'any' ? 'any of' : 'all of'} ${mapped}`, `other baselines: ${team}`]
        : [`not covered by the catalogue; ${team}`];
  if (r.status === 'na' && r.justification !== null) parts.push(`N/A: ${r.justification}`);
  return parts.join('; ');
}

export function frameworksSection(
  catalogue: Catalogue,
  assessment: Assessment,
  frameworks: Frameworks | undefined,
): FrameworksSection {
  if (frameworks === undefined || !crosswalkApplies(frameworks, assessment)) {
    return { frameworks: null };
  }
  const facts = factsFromAnswers(catalogue, assessment.answers);
  const seal = sealReadiness(frameworks, facts, assessment.frameworks);
  const ccss = ccssReadiness(frameworks, facts, assessment.frameworks);
  const { crosswalk } = frameworks.seal;
  return {
    frameworks: {
      sealAttribution: `${crosswalk.attribution} Licence ${crosswalk.licence.name} (${crosswalk.licence.url}); source ${crosswalk.source.repository} at ${crosswalk.source.revision}.`,
      sealRule: crosswalk.rule,
      readyModules: seal.modules.filter((m) => m.ready).length,
      modules: seal.modules.map((m) => ({
        title: `${m.module.title} ${m.module.version}`,
        controls: m.controls.length,
        implemented: m.counts.implemented,
        partial: m.counts.partial,
        notImplemented: m.counts['not-implemented'],
        na: m.counts.na,
        unanswered: m.counts.unanswered,
        ready: m.ready ? 'Yes' : 'No',
      })),
      sfcControls: seal.modules.flatMap((m) =>
        m.controls.map((c) => ({
          module: m.module.title,
          id: c.control.id,
          title: c.control.title,
          status: STATUS_LABEL[c.result.status],
          basis: basisText(c.result),
        })),
      ),
      ccss: {
        attribution: frameworks.ccss.crosswalk.attribution,
        notice: frameworks.ccss.crosswalk.licence.text ?? frameworks.ccss.crosswalk.licence.url,
        overall: CCSS_LEVEL_LABEL[ccss.level] ?? String(ccss.level),
        limiting: ccss.limiting.map((a) => `${a.aspect.id} ${a.aspect.title}`).join(', '),
        aspects: ccss.aspects.map((a) => ({
          aspect: `${a.aspect.id} ${a.aspect.title}`,
          level: CCSS_LEVEL_LABEL[a.level] ?? String(a.level),
          next:
            a.blocking.length === 0
              ? '—'
              : a.blocking
                  .map(
                    (b) =>
                      `${b.component.id} ${b.component.title}: ${STATUS_LABEL[b.result.status]}${b.result.coverage === 'none' ? ' (not assessed by the catalogue)' : ''}`,
                  )
                  .join('; '),
        })),
      },
      coverage: frameworkCoverage(catalogue, assessment, facts).map((f) => ({
        id: f.framework,
        name: FRAMEWORK_NAME[f.framework],
        rows: f.rows.map((r) => ({
          id: r.id,
          title: r.title,
          status: SOA_STATUS_LABEL[r.status],
          controls: r.controls
            .map(
              (c) =>
                `${c.control.id} ${c.state === 'unanswered' ? 'unanswered' : c.state === 'na' ? 'N/A' : `${String(c.level ?? 0)}/${String(c.target)}`}`,
            )
            .join(', '),
        })),
      })),
    },
  };
}
