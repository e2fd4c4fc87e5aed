import { readFileSync, statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { parseAssessmentFile } from '../src/domain/assessment/import.ts';
import { loadCatalogue, parseDataFile } from '../src/domain/catalogue/load.ts';
import type { Catalogue } from '../src/domain/catalogue/schema.ts';
import { buildReportModel, type ReportModel } from '../src/domain/report/model.ts';
import { threatProfileSchema, type ThreatProfile } from '../src/domain/threat/profile.ts';
import { availableProfiles, resolveProfile } from '../src/domain/threat/resolve.ts';
import { formatProblems, problemsFromZod, type Problem } from '../src/domain/validation.ts';
import { readCatalogueFiles } from './catalogue-files.ts';

const USAGE = `Usage: npm run score -- <assessment.json> [options]

Scores an exported OpsReady assessment and prints the summary.

Options:
  --catalogue <dir|file>  catalogue directory or single file (default: controls/)
  --profile <id|file>     threat profile id from the catalogue, or a YAML/JSON profile file
                          (default: the assessment's own choice, else the catalogue's default)
  --json                  print the full report model as JSON instead of the summary
  --fail-under <N>        exit 1 when overall readiness is below N (0-100)
  --date <yyyy-mm-dd>     report date (default: today, UTC)
  -h, --help              show this help

Exit status: 0 scored, 1 below --fail-under, 2 invalid input or usage.`;

class InputError extends Error {}

interface Options {
  assessment: string;
  catalogue: string;
  profile: string | undefined;
  json: boolean;
  failUnder: number | undefined;
  date: string;
}

function parseArgs(argv: readonly string[]): Options {
  const positional: string[] = [];
  const opts: Partial<Options> = { json: false, catalogue: 'controls' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new InputError(`${arg} needs a value`);
      return v;
    };
    if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--catalogue') opts.catalogue = value();
    else if (arg === '--profile') opts.profile = value();
    else if (arg === '--json') opts.json = true;
    else if (arg === '--date') {
      const d = value();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d))
        throw new InputError(`--date expects yyyy-mm-dd, got "${d}"`);
      opts.date = d;
    } else if (arg === '--fail-under') {
      const v = value();
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 100) {
        throw new InputError(`--fail-under expects a number from 0 to 100, got "${v}"`);
      }
      opts.failUnder = n;
    } else if (arg.startsWith('-')) throw new InputError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) {
    throw new InputError(
      positional.length === 0 ? 'no assessment file given' : 'give one assessment file',
    );
  }
  return {
    assessment: positional[0] ?? '',
    catalogue: opts.catalogue ?? 'controls',
    profile: opts.profile,
    json: opts.json ?? false,
    failUnder: opts.failUnder,
    date: opts.date ?? new Date().toISOString().slice(0, 10),
  };
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function fromProblems(what: string, problems: readonly Problem[]): InputError {
  return new InputError(
    `${what} (${String(problems.length)} problem${problems.length === 1 ? '' : 's'}):\n${formatProblems(problems)}`,
  );
}

function loadCatalogueArg(path: string): Catalogue {
  const absolute = resolve(path);
  let isDir: boolean;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    throw new InputError(`catalogue not found: ${path}`);
  }
  const files = isDir
    ? readCatalogueFiles(absolute)
    : [{ name: relative(process.cwd(), absolute), text: read(absolute) }];
  const result = loadCatalogue(files);
  if (!result.ok) throw fromProblems(`The catalogue in ${path} is invalid`, result.problems);
  return result.value;
}

function loadProfileArg(arg: string, catalogue: Catalogue): ThreatProfile {
  const byId = availableProfiles(catalogue).find((p) => p.id === arg);
  if (byId) return byId;
  if (!/\.(ya?ml|json)$/i.test(arg)) {
    const ids = availableProfiles(catalogue)
      .map((p) => p.id)
      .join(', ');
    throw new InputError(`unknown profile "${arg}"; expected one of ${ids}, or a .yaml/.json file`);
  }
  const name = basename(arg);
  const raw = parseDataFile({ name, text: read(arg) });
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

function summary(m: ReportModel): string {
  const c = m.counts;
  const lines = [
    `${m.assessmentName}${m.organisation ? ` (${m.organisation})` : ''}, ${m.reportDate}`,
    `Catalogue ${m.catalogue.id} ${m.catalogue.version}; threat profile: ${m.profile.name} (${m.profile.period})`,
    '',
    `Readiness:     ${m.readiness.display} / 100`,
    `Residual risk: ${m.residualRisk.display} / 100 (lower is better; ${m.residualRisk.atTargetDisplay} with every control at target)`,
    `Controls: ${String(c.total)}; answered ${String(c.answered)}, unanswered ${String(c.unanswered)}, not applicable ${String(c.notApplicable)}, below target ${String(c.gaps)}`,
  ];
  if (m.unansweredNote) lines.push(`NOTE: ${m.unansweredNote}`);
  lines.push('', 'Domain                 readiness  risk removable');
  for (const d of m.domains) {
    lines.push(
      `  ${d.name.padEnd(20)} ${d.display.padStart(9)}  ${d.riskRemovedDisplay.padStart(14)}`,
    );
  }
  lines.push('', 'Top gaps by risk removed');
  for (const g of m.gaps.slice(0, 10)) {
    lines.push(
      `  ${String(g.rank).padStart(2)}. ${g.controlId.padEnd(7)} ${g.levelDisplay.padStart(10)} -> ${String(g.target)}  ${g.riskRemovedDisplay.padStart(5)}  ${g.title}`,
    );
  }
  if (m.gaps.length > 10) lines.push(`  … and ${String(m.gaps.length - 10)} more (--json for all)`);
  if (m.exposure.length > 0) {
    lines.push('', 'Incident exposure');
    for (const x of m.exposure) lines.push(`  ${x.outcomeLabel.padEnd(30)} ${x.name} (${x.date})`);
  }
  return lines.join('\n');
}

function main(): number {
  const opts = parseArgs(process.argv.slice(2));
  const catalogue = loadCatalogueArg(opts.catalogue);
  const parsed = parseAssessmentFile(read(opts.assessment), opts.assessment, catalogue);
  if (!parsed.ok)
    throw fromProblems(`The assessment ${opts.assessment} is invalid`, parsed.problems);
  for (const warning of parsed.value.warnings) {
    console.error(`warning: ${warning.source}: ${warning.path}: ${warning.message}`);
  }
  const assessment = parsed.value.file.assessment;
  const profile =
    opts.profile === undefined
      ? resolveProfile(catalogue, assessment)
      : loadProfileArg(opts.profile, catalogue);
  const model = buildReportModel({ catalogue, assessment, profile, reportDate: opts.date });
  console.log(opts.json ? JSON.stringify(model, null, 2) : summary(model));
  if (opts.failUnder !== undefined && (model.readiness.value ?? 0) < opts.failUnder) {
    console.error(
      `Readiness ${model.readiness.display} is below --fail-under ${String(opts.failUnder)}.`,
    );
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  console.error(`${e.message}\n\nRun with --help for usage.`);
  process.exitCode = 2;
}
