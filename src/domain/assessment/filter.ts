import type { Catalogue, Control, Severity } from '../catalogue/schema.ts';
import { controlMatches } from '../catalogue/search.ts';
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
 * The controls that pass the filter, in catalogue order. "gap" means below the control's target
 * (the assessment's own or the catalogue baseline), counting unanswered as below, as the report does.
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
    const target = meta?.target ?? c.baseline;
    switch (filter.state) {
      case '':
        return true;
      case 'unanswered':
        return answer === undefined;
      case 'answered':
        return answer !== undefined;
      case 'na':
        return answer?.status === 'na';
      case 'gap':
        return answer === undefined || (answer.status === 'level' && answer.level < target);
      case 'flagged':
        return meta?.revisit === true;
    }
  });
}
