import { parseAssessmentFile } from '../domain/assessment/import.ts';
import type { Problem } from '../domain/validation.ts';
import { useAppStore } from './app-store.ts';
import { bundledCatalogue } from './catalogue.ts';

export const DEMO_FILE = 'demo/halcyon-assessment.json';

export type DemoLoadResult =
  | { readonly status: 'loaded' | 'already-loaded'; readonly name: string }
  | { readonly status: 'failed'; readonly problems: readonly Problem[] };

/**
 * Loads the bundled demo as a separate assessment and switches to it, leaving the user's own
 * assessments as they were. The file is validated like any import.
 */
export async function loadDemoAssessment(
  fetchImpl: typeof fetch = fetch,
  baseUrl: string = import.meta.env.BASE_URL,
): Promise<DemoLoadResult> {
  let text: string;
  try {
    const response = await fetchImpl(`${baseUrl}${DEMO_FILE}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    text = await response.text();
  } catch (e) {
    return {
      status: 'failed',
      problems: [
        {
          source: DEMO_FILE,
          path: '(root)',
          message: `could not be fetched: ${e instanceof Error ? e.message : String(e)}`,
        },
      ],
    };
  }
  const parsed = parseAssessmentFile(text, DEMO_FILE, bundledCatalogue);
  if (!parsed.ok) return { status: 'failed', problems: parsed.problems };
  const { assessment } = parsed.value.file;
  const store = useAppStore.getState();
  if (store.addAssessment(assessment)) return { status: 'loaded', name: assessment.name };
  store.setActiveAssessment(assessment.id);
  return { status: 'already-loaded', name: assessment.name };
}
