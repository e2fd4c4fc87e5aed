import { directAnswerSchema, type DirectAnswer } from '../../domain/frameworks/answer-schema.ts';
import {
  directAnswerRefusal,
  withFrameworkAnswer,
  type DirectFramework,
} from '../../domain/frameworks/changes.ts';
import type { Frameworks } from '../../domain/frameworks/schema.ts';
import { problemsFromZod } from '../../domain/validation.ts';
import { bundledFrameworks } from '../bundled-frameworks.ts';
import type { Slice, SliceDeps } from '../types.ts';
import { assertValid, updateActive } from './shared.ts';

// Loaded after the first paint; the pages that read them wait for them (src/app/routes.ts).
export { bundledFrameworks };

export interface FrameworksActions {
  /**
   * Sets or clears (null) the team's own answer to a framework requirement the catalogue does not
   * establish: an SFC control by id, a CCSS requirement by "component/level".
   */
  setFrameworkAnswer: (
    framework: DirectFramework,
    key: string,
    answer: DirectAnswer | null,
  ) => void;
}

export const createFrameworksSlice =
  ({ now }: SliceDeps, frameworks: Frameworks = bundledFrameworks): Slice<FrameworksActions> =>
  (set) => ({
    setFrameworkAnswer: (framework, key, answer) => {
      const refusal = directAnswerRefusal(frameworks, framework, key);
      assertValid(
        `the ${framework === 'seal' ? 'SEAL' : 'CCSS'} answer to ${key}`,
        refusal !== null
          ? [{ source: key, path: '(root)', message: refusal }]
          : answer === null
            ? []
            : ((r) => (r.success ? [] : problemsFromZod(key, r.error)))(
                directAnswerSchema.safeParse(answer),
              ),
      );
      updateActive(set, now, (a) => withFrameworkAnswer(a, framework, key, answer));
    },
  });
