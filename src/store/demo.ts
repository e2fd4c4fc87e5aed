import { parseAssessmentFile } from '../domain/assessment/import.ts';
import type { Assessment } from '../domain/assessment/schema.ts';
import type { Problem } from '../domain/validation.ts';
import { useAppStore } from './app-store.ts';
import { bundledCatalogue } from './catalogue.ts';

/** The demo's earlier assessment, signed at the close of its workshop: what the report compares to. */
export const DEMO_BASELINE_FILE = 'demo/halcyon-baseline.json';
/** The demo's current assessment, the one that is opened. */
export const DEMO_FILE = 'demo/halcyon-assessment.json';

export type DemoLoadResult =
  | {
      readonly status: 'loaded' | 'already-loaded';
      /** The assessment now open. */
      readonly name: string;
      /** The earlier, signed assessment loaded beside it. */
      readonly baselineName: string;
    }
  | { readonly status: 'failed'; readonly problems: readonly Problem[] };

async function readDemo(
  file: string,
  fetchImpl: typeof fetch,
  baseUrl: string,
): Promise<{ ok: true; assessment: Assessment } | { ok: false; problems: readonly Problem[] }> {
  let text: string;
  try {
    const response = await fetchImpl(`${baseUrl}${file}`);
    if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
    text = await response.text();
  } catch (e) {
    return {
      ok: false,
      problems: [
        {
          source: file,
          path: '(root)',
          message: `could not be fetched: ${e instanceof Error ? e.message : String(e)}`,
        },
      ],
    };
  }
  const parsed = parseAssessmentFile(text, file, bundledCatalogue);
  return parsed.ok
    ? { ok: true, assessment: parsed.value.file.assessment }
    : { ok: false, problems: parsed.problems };
}

/**
 * Loads the bundled demo, its signed earlier assessment and its current one, as separate
 * assessments and opens the current one, leaving the user's own assessments as they were. Both
 * files are validated like any import, and neither is added unless both pass.
 */
export async function loadDemoAssessment(
  fetchImpl: typeof fetch = fetch,
  baseUrl: string = import.meta.env.BASE_URL,
): Promise<DemoLoadResult> {
  const [baseline, current] = await Promise.all([
    readDemo(DEMO_BASELINE_FILE, fetchImpl, baseUrl),
    readDemo(DEMO_FILE, fetchImpl, baseUrl),
  ]);
  if (!baseline.ok || !current.ok) {
    return {
      status: 'failed',
      problems: [
        ...(baseline.ok ? [] : baseline.problems),
        ...(current.ok ? [] : current.problems),
      ],
    };
  }
  const store = useAppStore.getState();
  // The earlier one first, so the current one is added last and is the one left open.
  store.addAssessment(baseline.assessment);
  const added = store.addAssessment(current.assessment);
  store.setActiveAssessment(current.assessment.id);
  return {
    status: added ? 'loaded' : 'already-loaded',
    name: current.assessment.name,
    baselineName: baseline.assessment.name,
  };
}
