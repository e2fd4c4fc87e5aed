import { parseAssessmentFile, type ImportedAssessment } from '../assessment/import.ts';
import { toAssessmentFile } from '../assessment/schema.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import { findDuplicateKeys } from '../json.ts';
import { fail, limitProblems, ok, type Problem, type Result } from '../validation.ts';
import { migratePersisted, storedEnvelopeSchema } from './persisted.ts';

/**
 * Reading back what the app stores: the text the banner offers as "download the saved data", and
 * the backups kept in storage, are the stored envelope `{ state, version }`, not an assessment
 * file. A backup the app offers must be one it can import, or the backup protects nothing.
 */

export interface BackupImport {
  /** Each assessment the backup holds that passed every check a file import makes. */
  readonly assessments: readonly ImportedAssessment[];
  /** Assessments left out, each located inside the backup; the others are still imported. */
  readonly skipped: readonly Problem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stored envelope rather than an assessment file: `state` and `version`, and no `format`. */
export function looksLikeStateBackup(json: unknown): boolean {
  return isRecord(json) && 'state' in json && 'version' in json && !('format' in json);
}

/** A problem found by the loader or the file check, moved to its place in the backup. */
function located(problem: Problem, source: string, prefix: string): Problem {
  const rest = problem.path.replace(/^assessment(?=\.|$)/, '');
  return { source, path: `${prefix}${rest}`, message: problem.message };
}

/**
 * Reads a state backup: the envelope of any known data version is migrated like stored data, then
 * each assessment is checked as an imported file of its own would be (catalogue, scale, controls),
 * so a backup can never bring in what a file could not. One bad assessment is skipped and reported;
 * the backup is refused only when nothing in it can be read.
 *
 * Returns undefined when the text is not a state backup, so the caller reads it as a file.
 */
/**
 * Saved state lives in IndexedDB and can outgrow the 5 MB of one assessment file; the backup the
 * app offers of it must still import. Each assessment inside is held to the file limit.
 */
export const MAX_STATE_BACKUP_BYTES = 64 * 1024 * 1024;

export function parseStateBackup(
  text: string,
  source: string,
  catalogues: readonly Catalogue[],
): Result<BackupImport> | undefined {
  if (text.length > MAX_STATE_BACKUP_BYTES) {
    return fail([
      {
        source,
        path: '(root)',
        message: `file is too large (${String(text.length)} characters; at most ${String(MAX_STATE_BACKUP_BYTES)} bytes accepted for a backup of saved data)`,
      },
    ]);
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!looksLikeStateBackup(json)) return undefined;
  // Read as stored data, not with parseJson: an unsafe key inside one assessment must cost only
  // that assessment, as it does on load.
  const duplicates = findDuplicateKeys(body, source);
  if (duplicates.length > 0) return fail(duplicates);
  const envelope = storedEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return fail([{ source, path: 'version', message: 'expected a whole-number data version' }]);
  }
  const restored = migratePersisted(envelope.data.state, envelope.data.version);
  if (!restored.ok) {
    return fail(restored.problems.map((p) => ({ ...p, source, path: `state.${p.path}` })));
  }
  const skipped: Problem[] = restored.value.dropped.map((p) => ({
    ...p,
    source,
    path: `state.${p.path}`,
  }));
  const assessments: ImportedAssessment[] = [];
  for (const [id, assessment] of Object.entries(restored.value.state.assessments)) {
    const prefix = `state.assessments.${id}`;
    const one = parseAssessmentFile(
      JSON.stringify(toAssessmentFile(assessment)),
      source,
      catalogues,
    );
    if (one.ok) {
      assessments.push({
        ...one.value,
        warnings: one.value.warnings.map((w) => located(w, source, prefix)),
      });
    } else {
      skipped.push(...one.problems.map((p) => located(p, source, prefix)));
    }
  }
  if (assessments.length === 0) {
    const none: Problem = {
      source,
      path: 'state.assessments',
      message: 'this backup holds no assessment that can be imported',
    };
    return fail(limitProblems([none, ...skipped]));
  }
  return ok({ assessments, skipped: limitProblems(skipped) });
}
