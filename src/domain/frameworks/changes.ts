import type { Assessment } from '../assessment/schema.ts';
import type { DirectAnswer } from './answer-schema.ts';
import { ccssRequirementKey, type Frameworks } from './schema.ts';

export type DirectFramework = 'seal' | 'ccss';

/**
 * Sets (or, with null, clears) one direct framework answer. An emptied record and an emptied
 * `frameworks` are removed, so clearing every answer gives back the assessment as it was.
 */
export function withFrameworkAnswer(
  assessment: Assessment,
  framework: DirectFramework,
  key: string,
  answer: DirectAnswer | null,
): Assessment {
  const current = assessment.frameworks?.[framework] ?? {};
  const next: Record<string, DirectAnswer> = Object.fromEntries(
    Object.entries(current).filter(([k]) => k !== key),
  );
  if (answer !== null) next[key] = answer;
  const { [framework]: _dropped, ...others } = assessment.frameworks ?? {};
  const frameworks = Object.keys(next).length === 0 ? others : { ...others, [framework]: next };
  const { frameworks: _old, ...rest } = assessment;
  return Object.keys(frameworks).length === 0 ? rest : { ...rest, frameworks };
}

/**
 * Why a direct answer cannot be stored for `key`, or null when it can: the key must name a
 * requirement of the crosswalk that the catalogue does not establish in full (an answer to one it
 * does would be ignored, and storing it would suggest otherwise).
 */
export function directAnswerRefusal(
  frameworks: Frameworks,
  framework: DirectFramework,
  key: string,
): string | null {
  const requirement =
    framework === 'seal'
      ? frameworks.seal.modules
          .flatMap((m) => m.sections.flatMap((s) => s.controls))
          .find((c) => c.id === key)
      : frameworks.ccss.aspects
          .flatMap((a) =>
            a.components.flatMap((c) =>
              c.levels.map((l) => ({ ...l, key: ccssRequirementKey(c.id, l.level) })),
            ),
          )
          .find((r) => r.key === key);
  if (requirement === undefined)
    return `"${key}" is not a requirement of the ${framework === 'seal' ? 'SEAL SFC' : 'CCSS'} crosswalk`;
  if (requirement.satisfiedBy !== undefined && (requirement.notAssessed ?? []).length === 0) {
    return `"${key}" is established by catalogue controls alone; answer those controls instead`;
  }
  return null;
}
