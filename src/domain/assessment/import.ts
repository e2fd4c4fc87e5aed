import { maxLevel, type Catalogue } from '../catalogue/schema.ts';
import {
  fail,
  findUnsafeKeys,
  ok,
  problemsFromZod,
  type Problem,
  type Result,
} from '../validation.ts';
import { anyAssessmentFileSchema, type Assessment, type AssessmentFile } from './schema.ts';

/** Large enough for 1,000 controls with long notes; small enough that parsing cannot hang a tab. */
export const MAX_ASSESSMENT_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads an exported assessment file. Everything is checked before anything is returned, so a
 * caller that only stores `ok` results can never store half a file.
 */
export function parseAssessmentFile(
  text: string,
  source: string,
  catalogue: Catalogue,
): Result<AssessmentFile> {
  // Each UTF-16 unit is at least one UTF-8 byte, so this bound never under-counts.
  if (text.length > MAX_ASSESSMENT_FILE_BYTES) {
    return fail([
      {
        source,
        path: '(root)',
        message: `file is too large (${text.length} characters; at most ${MAX_ASSESSMENT_FILE_BYTES} bytes accepted)`,
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail([
      {
        source,
        path: '(root)',
        message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      },
    ]);
  }
  const unsafe = findUnsafeKeys(source, json);
  if (unsafe.length > 0) return fail(unsafe);
  const parsed = anyAssessmentFileSchema.safeParse(json);
  if (!parsed.success) return fail(problemsFromZod(source, parsed.error));
  const problems = checkAgainstCatalogue(parsed.data.assessment, catalogue, source, ['assessment']);
  return problems.length > 0 ? fail(problems) : ok(parsed.data);
}

export function checkAgainstCatalogue(
  assessment: Assessment,
  catalogue: Catalogue,
  source: string,
  prefix: readonly string[] = [],
): Problem[] {
  const known = new Set(catalogue.controls.map((c) => c.id));
  const top = maxLevel(catalogue);
  const at = (...rest: string[]): string => [...prefix, 'answers', ...rest].join('.');
  const problems: Problem[] = [];
  for (const [id, answer] of Object.entries(assessment.answers)) {
    if (!known.has(id)) {
      problems.push({
        source,
        path: at(id),
        message: `control "${id}" is not in catalogue ${catalogue.meta.id} ${catalogue.meta.version}`,
      });
    } else if (answer.status === 'level' && answer.level > top) {
      problems.push({
        source,
        path: at(id, 'level'),
        message: `expected a level from 0 to ${top}, got ${answer.level}`,
      });
    }
  }
  for (const [id, meta] of Object.entries(assessment.meta)) {
    if (!known.has(id)) {
      problems.push({
        source,
        path: [...prefix, 'meta', id].join('.'),
        message: `control "${id}" is not in catalogue ${catalogue.meta.id} ${catalogue.meta.version}`,
      });
    } else if (meta.target !== undefined && meta.target > top) {
      problems.push({
        source,
        path: [...prefix, 'meta', id, 'target'].join('.'),
        message: `expected a target from 1 to ${String(top)}, got ${String(meta.target)}`,
      });
    }
  }
  const vectors = new Map(catalogue.vectors.map((v) => [v.id, v]));
  assessment.customProfile?.shares.forEach((share, i) => {
    const vector = vectors.get(share.vector);
    if (!vector || vector.amplifier === true) {
      problems.push({
        source,
        path: [...prefix, 'customProfile', `shares[${String(i)}]`, 'vector'].join('.'),
        message: vector
          ? `"${share.vector}" is an amplifier and takes no share`
          : `attack vector "${share.vector}" is not in catalogue ${catalogue.meta.id} ${catalogue.meta.version}`,
      });
    }
  });
  return problems;
}
