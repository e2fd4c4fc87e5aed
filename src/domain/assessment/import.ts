import { carryMergedAnswers } from '../catalogue/migrate.ts';
import { maxLevel, type Catalogue } from '../catalogue/schema.ts';
import { fundsProblems } from '../loss/funds.ts';
import { compareVersions } from '../catalogue/version.ts';
import { parseJson } from '../json.ts';
import {
  fail,
  limitProblems,
  MAX_PROBLEMS,
  ok,
  problemsFromZod,
  type Problem,
  type Result,
} from '../validation.ts';
import { migrate } from '../persistence/migrations.ts';
import { catalogueDiff, withoutRemoved, type CatalogueDiff } from './export.ts';
import {
  ASSESSMENT_FILE_FORMAT,
  ASSESSMENT_FILE_VERSION,
  assessmentFileEnvelopeSchema,
  assessmentFileSchema,
  legacyAssessmentFileSchemas,
  FILE_HISTORY,
  type Assessment,
  type AssessmentFile,
} from './schema.ts';

/** Large enough for 1,000 controls with long notes; small enough that parsing cannot hang a tab. */
export const MAX_ASSESSMENT_FILE_BYTES = 5 * 1024 * 1024;

// Kept here too: tests and callers import it with the import code it orders.
export { compareVersions } from '../catalogue/version.ts';

export interface ImportedAssessment {
  /** Ready to store: answers and meta for controls the catalogue no longer has are left out. */
  readonly file: AssessmentFile;
  /** What was left out, one entry per control; the import still succeeded. */
  readonly warnings: readonly Problem[];
  /** How the file's catalogue differs from the one it was checked against (before anything was left out). */
  readonly diff: CatalogueDiff;
  /** The catalogue the file was checked against. */
  readonly catalogue: Catalogue;
}

/**
 * Reads an exported assessment file. Everything is checked before anything is returned, so a
 * caller that only stores `ok` results can never store half a file.
 *
 * The file must name one of `catalogues` by id. A file made against an older version of that
 * catalogue keeps its answers: those to controls the catalogue has since removed are dropped and
 * reported as warnings, since refusing the file would cost the team every other answer. For the
 * same or a newer version an unknown control stays an error: the file is damaged, or needs a
 * catalogue this browser does not have.
 */
export function parseAssessmentFile(
  text: string,
  source: string,
  catalogues: Catalogue | readonly Catalogue[],
): Result<ImportedAssessment> {
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
  const json = parseJson(text, source);
  if (!json.ok) return json;
  const parsed = readAssessmentFile(json.value, source);
  if (!parsed.ok) return parsed;

  const original = parsed.value.assessment;
  const list: readonly Catalogue[] = 'meta' in catalogues ? [catalogues] : catalogues;
  const catalogue = list.find((c) => c.meta.id === original.catalogue.id);
  if (!catalogue) {
    const expected = list.map((c) => `"${c.meta.id}"`).join(', ');
    return fail([
      {
        source,
        path: 'assessment.catalogue.id',
        message: `made against catalogue "${original.catalogue.id}"; expected ${list.length === 1 ? expected : `one of ${expected}`} (load that catalogue first)`,
      },
    ]);
  }

  const older = (compareVersions(original.catalogue.version, catalogue.meta.version) ?? 0) < 0;
  const { assessment: kept, dropped } = older
    ? withoutRemoved(original, catalogue)
    : { assessment: original, dropped: { answers: [], meta: [] } };
  // Answers of controls the newer catalogue merged or split are carried, flagged to revisit.
  const { assessment } = older ? carryMergedAnswers(kept, catalogue) : { assessment: kept };
  const problems = [
    ...checkAgainstCatalogue(assessment, catalogue, source, ['assessment']),
    ...fundsAgainstCatalogue(assessment, catalogue, source, ['assessment']),
  ];
  if (problems.length > 0) return fail(limitProblems(problems));

  const since = `catalogue ${catalogue.meta.id} ${catalogue.meta.version} no longer has control`;
  const warnings: Problem[] = [
    ...dropped.answers.map((id) => ({
      source,
      path: `assessment.answers.${id}`,
      message: `${since} "${id}" (the file was made against ${original.catalogue.version}); its answer was not imported`,
    })),
    ...dropped.meta.map((id) => ({
      source,
      path: `assessment.meta.${id}`,
      message: `${since} "${id}" (the file was made against ${original.catalogue.version}); its target, owner and evidence were not imported`,
    })),
  ];
  return ok({
    file: { ...parsed.value, assessment },
    warnings: limitWarnings(warnings, source),
    diff: catalogueDiff(original, catalogue),
    catalogue,
  });
}

/**
 * A file can name 300,000 controls of an older catalogue version: list the first few dozen and
 * count the rest, as for problems.
 */
function limitWarnings(warnings: readonly Problem[], source: string): Problem[] {
  const rest = warnings.length - MAX_PROBLEMS;
  if (rest <= 0) return [...warnings];
  return [
    ...warnings.slice(0, MAX_PROBLEMS),
    {
      source,
      path: '(root)',
      message: `and ${String(rest)} more ${rest === 1 ? 'control' : 'controls'} left out like those above, not listed`,
    },
  ];
}

/**
 * Checks a file of any version this build reads against that version's own schema, so a field a
 * version could not have is refused, then brings its assessment up to the current version.
 */
export function readAssessmentFile(json: unknown, source: string): Result<AssessmentFile> {
  const envelope = assessmentFileEnvelopeSchema.safeParse(json);
  if (!envelope.success) return fail(problemsFromZod(source, envelope.error));
  const version = envelope.data.formatVersion;
  if (version === ASSESSMENT_FILE_VERSION) {
    const current = assessmentFileSchema.safeParse(json);
    return current.success ? ok(current.data) : fail(problemsFromZod(source, current.error));
  }
  const schema = legacyAssessmentFileSchemas[version];
  if (!schema) {
    const message = `no schema for format version ${String(version)}`;
    return fail([{ source, path: 'formatVersion', message }]);
  }
  const asWritten = schema.safeParse(json);
  if (!asWritten.success) return fail(problemsFromZod(source, asWritten.error));
  const { assessment } = asWritten.data;
  const migrated = migrate(assessment, version, FILE_HISTORY);
  if (!migrated.ok) {
    return fail([{ source, path: 'formatVersion', message: migrated.failure.message }]);
  }
  const upgraded = assessmentFileSchema.safeParse({
    format: ASSESSMENT_FILE_FORMAT,
    formatVersion: ASSESSMENT_FILE_VERSION,
    assessment: migrated.value,
  });
  return upgraded.success ? ok(upgraded.data) : fail(problemsFromZod(source, upgraded.error));
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
  const unknown = (id: string, ...path: string[]): void => {
    if (known.has(id)) return;
    problems.push({
      source,
      path: [...prefix, ...path].join('.'),
      message: `control "${id}" is not in catalogue ${catalogue.meta.id} ${catalogue.meta.version}`,
    });
  };
  const workshop = assessment.workshop;
  workshop?.participants.forEach((participant, i) => {
    const base = ['workshop', `participants[${String(i)}]`, 'answers'];
    for (const [id, answer] of Object.entries(participant.answers)) {
      unknown(id, ...base, id);
      if (known.has(id) && answer.status === 'level' && answer.level > top) {
        problems.push({
          source,
          path: [...prefix, ...base, id, 'level'].join('.'),
          message: `expected a level from 0 to ${top}, got ${answer.level}`,
        });
      }
    }
  });
  for (const id of Object.keys(workshop?.agreements ?? {}))
    unknown(id, 'workshop', 'agreements', id);
  for (const id of Object.keys(workshop?.discussed ?? {})) unknown(id, 'workshop', 'discussed', id);
  for (const id of Object.keys(workshop?.verifications ?? {}))
    unknown(id, 'workshop', 'verifications', id);
  workshop?.actions.forEach((action, i) =>
    unknown(action.controlId, 'workshop', `actions[${String(i)}]`, 'controlId'),
  );
  const domains = new Set(catalogue.domains.map((d) => d.id));
  workshop?.agenda.forEach((item, i) => {
    if (!domains.has(item.domain)) {
      problems.push({
        source,
        path: [...prefix, 'workshop', `agenda[${String(i)}]`, 'domain'].join('.'),
        message: `domain "${item.domain}" is not in catalogue ${catalogue.meta.id} ${catalogue.meta.version}`,
      });
    }
  });
  const features = new Set((catalogue.architecture ?? []).map((f) => f.id));
  assessment.architecture?.notOperated.forEach((id, i) => {
    if (!features.has(id)) {
      problems.push({
        source,
        path: [...prefix, 'architecture', `notOperated[${String(i)}]`].join('.'),
        message: `architecture feature "${id}" is not in catalogue ${catalogue.meta.id} ${catalogue.meta.version}`,
      });
    }
  });
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

/**
 * Funds a file states that its own catalogue and architecture cannot hold: a pool the catalogue
 * does not declare, or one of a feature the architecture says the team does not operate. The
 * schema has already checked each amount; these are the checks the Assessment page's funds form
 * and `npm run score` make, so a file cannot bring in what the form would refuse.
 */
export function fundsAgainstCatalogue(
  assessment: Assessment,
  catalogue: Catalogue,
  source: string,
  prefix: readonly string[] = [],
): Problem[] {
  if (assessment.funds === undefined) return [];
  const notOperated = new Set(assessment.architecture?.notOperated ?? []);
  return fundsProblems(catalogue, notOperated, assessment.funds, source).map((p) => ({
    ...p,
    path: [...prefix, 'funds', p.path].join('.'),
  }));
}
