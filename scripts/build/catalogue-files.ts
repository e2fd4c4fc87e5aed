import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadCatalogue, type SourceFile } from '../../src/domain/catalogue/load.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import { CCSS_FILE, loadFrameworks, SEAL_FILE } from '../../src/domain/frameworks/load.ts';
import type { Frameworks } from '../../src/domain/frameworks/schema.ts';

const DATA_FILE = /\.(ya?ml|json)$/i;
/** Framework crosswalks sit beside the catalogue but have their own schema and loader. */
export const CROSSWALK_DIR = 'crosswalks';

/** Every YAML or JSON file below `dir`: its path, and its name relative to `root` for messages. */
export function catalogueFilePaths(
  dir: string,
  root: string = process.cwd(),
): { path: string; name: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(
      (entry) =>
        entry.isFile() &&
        DATA_FILE.test(entry.name) &&
        !relative(dir, entry.parentPath).split(sep).includes(CROSSWALK_DIR),
    )
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, name: relative(root, path).split(sep).join('/') };
    });
}

/** Every YAML or JSON file below `dir`, named relative to `root` so messages name a real path. */
export function readCatalogueFiles(dir: string, root: string = process.cwd()): SourceFile[] {
  return catalogueFilePaths(dir, root).map(({ path, name }) => ({
    name,
    text: readFileSync(path, 'utf8'),
  }));
}

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/** Loads and validates the catalogue directory, throwing one error that lists every problem. */
export function loadCatalogueDir(dir: string, root: string = process.cwd()): Catalogue {
  const result = loadCatalogue(readCatalogueFiles(dir, root));
  if (!result.ok) {
    throw new CatalogueError(
      `The control catalogue in ${relative(root, dir) || '.'} is invalid ` +
        `(${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n` +
        formatProblems(result.problems),
    );
  }
  return result.value;
}

/** Loads the SEAL and CCSS crosswalks in `dir/crosswalks` and checks them against `catalogue`. */
export function loadFrameworksDir(
  dir: string,
  catalogue: Catalogue,
  root: string = process.cwd(),
): Frameworks {
  const read = (file: string): SourceFile => {
    const path = join(dir, CROSSWALK_DIR, file);
    return { name: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') };
  };
  const result = loadFrameworks({ seal: read(SEAL_FILE), ccss: read(CCSS_FILE) }, catalogue);
  if (!result.ok) {
    throw new CatalogueError(
      `The framework crosswalks in ${relative(root, join(dir, CROSSWALK_DIR)) || '.'} are invalid ` +
        `(${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n` +
        formatProblems(result.problems),
    );
  }
  return result.value;
}

/**
 * The crosswalks beside a catalogue directory that has them and whose catalogue they map; a single
 * catalogue file, or a team's directory without them, has none.
 */
export function frameworksBeside(
  path: string,
  catalogue: Catalogue,
  root: string = process.cwd(),
): Frameworks | undefined {
  if (!existsSync(path) || !statSync(path).isDirectory()) return undefined;
  if (!existsSync(join(path, CROSSWALK_DIR))) return undefined;
  const frameworks = loadFrameworksDir(path, catalogue, root);
  return frameworks.seal.crosswalk.catalogue === catalogue.meta.id ? frameworks : undefined;
}
