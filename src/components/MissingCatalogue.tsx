import type { Assessment } from '../domain/assessment/schema.ts';

/** Shown instead of scores when an assessment's catalogue is not loaded in this browser. */
export function MissingCatalogue({ assessment }: { assessment: Assessment }) {
  return (
    <p className="callout" role="status">
      “{assessment.name}” was made against catalogue{' '}
      <strong>
        {assessment.catalogue.id} {assessment.catalogue.version}
      </strong>
      , which is not loaded in this browser. Load that catalogue file on the{' '}
      <a href="#/catalogue">Catalogue</a> page to see and score it; its answers are kept as they
      are.
    </p>
  );
}
