import type { Problem } from '../validation.ts';
import type { SourceFile } from './load.ts';
import type { Catalogue } from './schema.ts';

/**
 * The rules a team's own catalogue meets before it is loaded, shared by the app (which stores it)
 * and the command line (`--catalogue`), so a file the one refuses the other refuses too.
 */

/** The id of the catalogue in `controls/`, which the app and the command line ship with. */
export const BUILT_IN_CATALOGUE_ID = 'opsready-core';

/** A catalogue of 1,000 detailed controls is about 2 MB of YAML; this leaves room, not abuse. */
export const MAX_CATALOGUE_BYTES = 4 * 1024 * 1024;

/**
 * Files over the size limit. `size` is the file's length as measured where it was read: bytes on
 * disk, or characters of text already in memory (each UTF-16 unit is at least one UTF-8 byte, so
 * the character count never over-counts).
 */
export function oversizedCatalogueFiles(
  files: readonly { readonly name: string; readonly size: number }[],
  unit: 'bytes' | 'characters',
): Problem[] {
  return files
    .filter((f) => f.size > MAX_CATALOGUE_BYTES)
    .map((f) => ({
      source: f.name,
      path: '(root)',
      message: `file is too large (${String(f.size)} ${unit}; at most ${String(MAX_CATALOGUE_BYTES)} accepted)`,
    }));
}

/**
 * A team's catalogue that takes the built-in id: assessments name their catalogue by id, so two
 * catalogues with one id could not be told apart, and the team's would shadow the shipped one.
 */
export function claimsBuiltInId(
  catalogue: Catalogue,
  files: readonly Pick<SourceFile, 'name'>[],
): Problem[] {
  const id = catalogue.meta.id;
  if (id !== BUILT_IN_CATALOGUE_ID) return [];
  return [
    {
      source: files.map((f) => f.name).join(', '),
      path: 'catalogue.id',
      message: `"${id}" is the built-in catalogue's id; give your catalogue its own id so the two can be told apart`,
    },
  ];
}
