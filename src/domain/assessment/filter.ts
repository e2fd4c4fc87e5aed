import type { Catalogue, Control, Severity } from '../catalogue/schema.ts';
import { controlMatches } from '../catalogue/search.ts';
import { scoreControl } from '../scoring/readiness.ts';
import type { Assessment } from './schema.ts';

/** The assessment page's filters. Empty strings mean "any". */
export interface ControlFilter {
  readonly domain: string;
  readonly state: '' | 'unanswered' | 'gap' | 'na' | 'flagged' | 'answered';
  readonly severity: '' | Severity;
  readonly text: string;
}

export const NO_FILTER: ControlFilter = { domain: '', state: '', severity: '', text: '' };

export function isFiltering(filter: ControlFilter): boolean {
  return (
    filter.domain !== '' ||
    filter.state !== '' ||
    filter.severity !== '' ||
    filter.text.trim() !== ''
  );
}

/**
 * The controls that pass the filter, in catalogue order. "gap" means answered with a level below
 * the control's target (the assessment's own or the catalogue baseline), or a saved level the
 * catalogue's scale no longer has, as the card says. Unanswered controls are their own state:
 * the report scores them as gaps, but a team looking for what to fix first wants the answers it
 * gave, and "Unanswered" lists the rest.
 */
export function filterControls(
  catalogue: Catalogue,
  assessment: Pick<Assessment, 'answers' | 'meta'>,
  filter: ControlFilter,
): Control[] {
  return catalogue.controls.filter((c) => {
    if (filter.domain !== '' && c.domain !== filter.domain) return false;
    if (filter.severity !== '' && c.severity !== filter.severity) return false;
    if (!controlMatches(c, filter.text)) return false;
    const answer = assessment.answers[c.id];
    const meta = assessment.meta[c.id];
    switch (filter.state) {
      case '':
        return true;
      case 'unanswered':
        return answer === undefined;
      case 'answered':
        return answer !== undefined;
      case 'na':
        return answer?.status === 'na';
      case 'gap': {
        const score = scoreControl(c, answer, meta?.target);
        return score.state === 'level' && score.gap;
      }
      case 'flagged':
        return meta?.revisit === true;
    }
  });
}
