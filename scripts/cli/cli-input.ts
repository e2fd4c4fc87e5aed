import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MAX_ASSESSMENT_FILE_BYTES,
  parseAssessmentFile,
} from '../../src/domain/assessment/import.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { loadCatalogue, parseDataFile } from '../../src/domain/catalogue/load.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import {
  claimsBuiltInId,
  MAX_CATALOGUE_BYTES,
  oversizedCatalogueFiles,
} from '../../src/domain/catalogue/team.ts';
import { forTerminal } from '../../src/domain/text.ts';
import { threatProfileSchema, type ThreatProfile } from '../../src/domain/threat/profile.ts';
import { availableProfiles, resolveProfile } from '../../src/domain/threat/resolve.ts';
import {
  formatProblems,
  MAX_PROBLEMS,
  problemsFromZod,
  type Problem,
} from '../../src/domain/validation.ts';
import { catalogueFilePaths } from '../build/catalogue-files.ts';
import { HelpRequested, InputError } from './args.ts';

/**
 * Input handling shared by the command-line tools (`npm run score`, `npm run report`): the same
 * validation as the app, with the app's messages, and exit status 2 for anything invalid.
 */

/** The catalogue the tools ship with; any other `--catalogue` is a team's, held to the app's rules. */
const BUNDLED_CATALOGUE = fileURLToPath(new URL('../../controls', import.meta.url));

/** Reads a text file, refusing it unread when it is over `maxBytes`. */
export function read(path: string, maxBytes: number): string {
  try {
    const size = statSync(path).size;
    if (size > maxBytes) {
      throw new InputError(
        `${path}: (root): file is too large (${String(size)} bytes; at most ${String(maxBytes)} accepted)`,
      );
    }
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function fromProblems(what: string, problems: readonly Problem[]): InputError {
  // Past MAX_PROBLEMS the list ends with its own count of the rest.
  const count =
    problems.length > MAX_PROBLEMS
      ? ''
      : ` (${String(problems.length)} problem${problems.length === 1 ? '' : 's'})`;
  return new InputError(`${what}${count}:\n${formatProblems(problems)}`);
}

export function loadCatalogueArg(path: string): Catalogue {
  const absolute = resolve(path);
  let isDir: boolean;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    throw new InputError(`catalogue not found: ${path}`);
  }
  const paths = isDir
    ? catalogueFilePaths(absolute)
    : [{ path: absolute, name: relative(process.cwd(), absolute) }];
  const oversized = oversizedCatalogueFiles(
    paths.map((f) => ({ name: f.name, size: statSync(f.path).size })),
    'bytes',
  );
  if (oversized.length > 0) throw fromProblems(`The catalogue in ${path} is invalid`, oversized);
  const files = paths.map((f) => ({ name: f.name, text: read(f.path, MAX_CATALOGUE_BYTES) }));
  const result = loadCatalogue(files);
  if (!result.ok) throw fromProblems(`The catalogue in ${path} is invalid`, result.problems);
  const bundled = isDir && realpathSync(absolute) === realpathSync(BUNDLED_CATALOGUE);
  const claims = bundled ? [] : claimsBuiltInId(result.value, files);
  if (claims.length > 0) throw fromProblems(`The catalogue in ${path} is refused`, claims);
  return result.value;
}

export function loadProfileArg(arg: string, catalogue: Catalogue): ThreatProfile {
  const byId = availableProfiles(catalogue).find((p) => p.id === arg);
  if (byId) return byId;
  if (!/\.(ya?ml|json)$/i.test(arg)) {
    const ids = availableProfiles(catalogue)
      .map((p) => p.id)
      .join(', ');
    throw new InputError(`unknown profile "${arg}"; expected one of ${ids}, or a .yaml/.json file`);
  }
  const name = basename(arg);
  const raw = parseDataFile({ name, text: read(arg, MAX_CATALOGUE_BYTES) });
  if (!raw.ok) throw fromProblems(`The profile file ${arg} is invalid`, raw.problems);
  // A profile file is either a bare profile or a catalogue file with one entry in `profiles`.
  const value = raw.value;
  const profiles =
    typeof value === 'object' && value !== null && 'profiles' in value ? value.profiles : undefined;
  const candidate: unknown =
    Array.isArray(profiles) && profiles.length === 1 ? (profiles[0] as unknown) : value;
  const parsed = threatProfileSchema.safeParse(candidate);
  if (!parsed.success)
    throw fromProblems(`The profile file ${arg} is invalid`, problemsFromZod(name, parsed.error));
  const vectors = new Set(catalogue.vectors.filter((v) => v.amplifier !== true).map((v) => v.id));
  const unknown = parsed.data.shares.flatMap((s, i) =>
    vectors.has(s.vector)
      ? []
      : [
          {
            source: name,
            path: `shares[${String(i)}].vector`,
            message: `attack vector "${s.vector}" is not a weighted vector of catalogue ${catalogue.meta.id}`,
          },
        ],
  );
  if (unknown.length > 0) throw fromProblems(`The profile file ${arg} is invalid`, unknown);
  return parsed.data;
}

export interface CliInput {
  readonly catalogue: Catalogue;
  readonly assessment: Assessment;
  readonly profile: ThreatProfile;
}

/** Loads and validates the catalogue, the assessment and the profile named on the command line. */
export function loadInput(
  assessmentPath: string,
  cataloguePath: string,
  profileArg: string | undefined,
): CliInput {
  const catalogue = loadCatalogueArg(cataloguePath);
  const parsed = parseAssessmentFile(
    read(assessmentPath, MAX_ASSESSMENT_FILE_BYTES),
    assessmentPath,
    catalogue,
  );
  if (!parsed.ok)
    throw fromProblems(`The assessment ${assessmentPath} is invalid`, parsed.problems);
  for (const warning of parsed.value.warnings) {
    console.error(forTerminal(`warning: ${warning.source}: ${warning.path}: ${warning.message}`));
  }
  const assessment = parsed.value.file.assessment;
  const profile =
    profileArg === undefined
      ? resolveProfile(catalogue, assessment)
      : loadProfileArg(profileArg, catalogue);
  return { catalogue, assessment, profile };
}

/** Runs a command-line main, turning input errors into a message and exit status 2. */
export async function runCli(main: () => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (e) {
    if (e instanceof HelpRequested) {
      console.log(e.message);
      process.exitCode = 0;
      return;
    }
    if (!(e instanceof InputError)) throw e;
    // Messages quote the files they are about, and a hostile file can carry escape sequences.
    console.error(forTerminal(`${e.message}\n\nRun with --help for usage.`));
    process.exitCode = 2;
  }
}
