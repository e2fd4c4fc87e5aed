import type { Answer, Assessment, ControlMeta } from '../assessment/schema.ts';
import { maxLevel, type Catalogue, type CatalogueMigration } from './schema.ts';
import { compareVersions } from './version.ts';

/**
 * Carries answers across a catalogue version that merged or split controls (the `migrations`
 * section), so a team does not lose what it said when a scope moves to another control.
 *
 * The rule is the lowest level among the sources' level answers. A merged control is only as good
 * as its weakest part: a team at level 2 on signer removal but level 0 on key rotation after a
 * departure has no departure process at level 2. Taking the highest (or an average) would report a
 * level nobody gave for the merged scope. The carried answer is flagged to revisit with how it was
 * derived, so the team confirms it against the new control's own descriptors.
 *
 * Only the assessment's own answers are carried; the sources keep theirs (they still exist, with a
 * narrower scope). An answer the team already gave to the merged control is never replaced, which
 * also makes carrying twice a no-op. N/A and unanswered sources carry nothing: an N/A on one part
 * says nothing about the merged scope. Participants' files and agreements are left as they were.
 */

export interface CarriedAnswer {
  readonly migration: CatalogueMigration;
  /** The sources' level answers that were compared, in the order the migration lists them. */
  readonly sources: readonly { readonly controlId: string; readonly level: number }[];
  /** The level given to `into`; undefined when no source had a level, so nothing was carried. */
  readonly level: number | undefined;
}

/** The most characters a follow-up may have (the assessment schema's limit). */
const MAX_FOLLOW_UP = 500;

/** `meta` flagged to revisit with `note` first in its follow-up, cut to the schema's limit. */
export function withFollowUp(meta: ControlMeta | undefined, note: string): ControlMeta {
  const kept = meta?.followUp === undefined ? note : `${note} | ${meta.followUp}`;
  const followUp =
    kept.length <= MAX_FOLLOW_UP ? kept : `${kept.slice(0, MAX_FOLLOW_UP - 1).trimEnd()}…`;
  return { ...meta, revisit: true, followUp };
}

/**
 * The migrations an assessment made against `version` has not been through, oldest first. None
 * when the version is not a semantic version: an unreadable version is never taken for an older one.
 */
export function pendingMigrations(version: string, catalogue: Catalogue): CatalogueMigration[] {
  return (catalogue.migrations ?? [])
    .filter((m) => (compareVersions(version, m.version) ?? 0) < 0)
    .sort((a, b) => compareVersions(a.version, b.version) ?? 0);
}

function carriedNote(
  assessment: Assessment,
  migration: CatalogueMigration,
  sources: CarriedAnswer['sources'],
  level: number,
): string {
  const listed = sources.map((s) => `${s.controlId} ${String(s.level)}`).join(', ');
  const what = migration.kind === 'merged' ? 'merged here from' : 'split here from';
  return `Carried: answered under ${assessment.catalogue.id} ${assessment.catalogue.version}; ${migration.version} ${what} ${migration.from.join(', ')} (levels ${listed}); the lowest, ${String(level)}, was taken. Check it against this control's descriptors.`;
}

/**
 * The assessment with every pending migration of `catalogue` applied, and what each one did. An
 * assessment of another catalogue is returned as it is.
 */
export function carryMergedAnswers(
  assessment: Assessment,
  catalogue: Catalogue,
): { readonly assessment: Assessment; readonly carried: readonly CarriedAnswer[] } {
  if (assessment.catalogue.id !== catalogue.meta.id) return { assessment, carried: [] };
  const pending = pendingMigrations(assessment.catalogue.version, catalogue);
  if (pending.length === 0) return { assessment, carried: [] };
  const top = maxLevel(catalogue);
  const answers: Record<string, Answer> = { ...assessment.answers };
  const meta: Record<string, ControlMeta> = { ...assessment.meta };
  const carried: CarriedAnswer[] = [];
  for (const migration of pending) {
    if (answers[migration.into] !== undefined) continue;
    const sources = migration.from.flatMap((controlId) => {
      const a = assessment.answers[controlId];
      return a?.status === 'level' && a.level <= top ? [{ controlId, level: a.level }] : [];
    });
    if (sources.length === 0) {
      carried.push({ migration, sources, level: undefined });
      continue;
    }
    const level = Math.min(...sources.map((s) => s.level));
    answers[migration.into] = { status: 'level', level };
    meta[migration.into] = withFollowUp(
      meta[migration.into],
      carriedNote(assessment, migration, sources, level),
    );
    carried.push({ migration, sources, level });
  }
  return { assessment: { ...assessment, answers, meta }, carried };
}
