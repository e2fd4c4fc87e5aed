import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseJson } from '../../src/domain/json.ts';
import { loadCatalogue } from '../../src/domain/catalogue/load.ts';
import { claimsBuiltInId } from '../../src/domain/catalogue/team.ts';
import { catalogFromOscal, MAX_OSCAL_BYTES } from '../../src/domain/oscal/catalog-import.ts';
import { catalogToOscal, oscalJson } from '../../src/domain/oscal/catalog-export.ts';
import { resultsToOscal } from '../../src/domain/oscal/results-export.ts';
import { prepareReportExport } from '../../src/lib/report-export.ts';
import { forTerminal } from '../../src/domain/text.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import {
  inputArgs,
  type InputArgs,
  INPUT_OPTIONS,
  InputError,
  OUTPUT_OPTION,
  parseCommandLine,
} from './args.ts';
import { loadCatalogueArg, loadInput, read, runCli } from './cli-input.ts';

const USAGE = `Usage: npm run oscal -- <command> [options]

OSCAL 1.1.3 documents from OpsReady data, and OpsReady catalogues from OSCAL catalogs.
Nothing is sent anywhere.

Commands:
  catalog -o <file.json>                    the catalogue as an OSCAL catalog
  results <assessment.json> -o <file.json>  an exported assessment as OSCAL assessment results
  import <oscal-catalog.json> -o <file.json>
                                            an OSCAL catalog as an OpsReady catalogue file, for
                                            --catalogue or the Catalogue page; prints what it assumed

Options:
  -o, --output <file>     where to write (required)
  --catalogue <dir|file>  catalogue directory or single file (default: controls/)
  --profile <id|file>     threat profile for the results' residual risk and gap ranking
                          (default: the assessment's own choice, else the catalogue's default)
  --date <yyyy-mm-dd>     for catalog: the date when the catalogue's changelog gives none
                          (default: today, UTC)
  -h, --help              show this help

Exit status: 0 written, 2 invalid input or usage.`;

interface Options extends InputArgs {
  command: 'catalog' | 'results' | 'import';
  input: string | undefined;
  output: string;
}

function parseArgs(argv: readonly string[]): Options {
  const { values, positionals } = parseCommandLine(
    argv,
    { ...OUTPUT_OPTION, ...INPUT_OPTIONS },
    USAGE,
  );
  const shared = inputArgs(values);
  const [command, input, ...rest] = positionals;
  if (command !== 'catalog' && command !== 'results' && command !== 'import') {
    throw new InputError(
      command === undefined
        ? 'no command given (catalog, results or import)'
        : `unknown command "${command}"; expected catalog, results or import`,
    );
  }
  if (command === 'catalog' ? input !== undefined : input === undefined || rest.length > 0) {
    throw new InputError(
      command === 'catalog' ? 'catalog takes no file' : `${command} takes one input file`,
    );
  }
  if (values.output === undefined) throw new InputError('no output file given (-o file.json)');
  return {
    command,
    input,
    output: values.output,
    ...shared,
  };
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.command === 'catalog') {
    const catalogue = loadCatalogueArg(opts.catalogue);
    writeFileSync(opts.output, oscalJson(catalogToOscal(catalogue, opts.date)));
    console.log(
      forTerminal(
        `Wrote ${opts.output}: OSCAL catalog of ${catalogue.meta.id} ${catalogue.meta.version}, ${String(catalogue.controls.length)} controls in ${String(catalogue.domains.length)} groups.`,
      ),
    );
    return 0;
  }
  const inputPath = opts.input ?? '';
  if (opts.command === 'results') {
    const input = loadInput(inputPath, opts.catalogue, opts.profile);
    const { model } = await prepareReportExport({ ...input, reportDate: opts.date });
    const document = resultsToOscal({
      catalogue: input.catalogue,
      assessment: input.assessment,
      model,
      ...(model.data.sha256 === null ? {} : { dataSha256: model.data.sha256 }),
    });
    writeFileSync(opts.output, oscalJson(document));
    console.log(
      forTerminal(
        `Wrote ${opts.output}: OSCAL assessment results, ${String(input.catalogue.controls.length)} findings, ${String(model.gaps.length)} risks; readiness ${model.readiness.display}.`,
      ),
    );
    return 0;
  }
  const name = basename(inputPath);
  const parsed = parseJson(read(inputPath, MAX_OSCAL_BYTES), name);
  if (!parsed.ok)
    throw new InputError(`${inputPath} is not valid JSON:\n${formatProblems(parsed.problems)}`);
  const converted = catalogFromOscal(parsed.value, name);
  if (!converted.ok)
    throw new InputError(
      `${inputPath} is not an OSCAL catalog OpsReady can read:\n${formatProblems(converted.problems)}`,
    );
  const text = `${JSON.stringify(converted.value.file, null, 2)}\n`;
  const checked = loadCatalogue([{ name: basename(opts.output), text }]);
  if (!checked.ok)
    throw new InputError(
      `The converted catalogue does not load:\n${formatProblems(checked.problems)}`,
    );
  const refused = claimsBuiltInId(checked.value, [{ name }]);
  if (refused.length > 0) throw new InputError(formatProblems(refused));
  writeFileSync(opts.output, text);
  const r = converted.value.report;
  console.log(
    forTerminal(
      [
        `Wrote ${opts.output}: ${checked.value.meta.id} ${checked.value.meta.version}, ${String(r.controls)} controls in ${String(r.domains)} domains, from "${r.title}" (OSCAL ${r.oscalVersion}).`,
        ...(r.assumptions.length === 0
          ? ['Nothing was assumed: the catalog carries every OpsReady field.']
          : ['Assumed:', ...r.assumptions.map((a) => `- ${a}`)]),
      ].join('\n'),
    ),
  );
  return 0;
}

await runCli(main);
