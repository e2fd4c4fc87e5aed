import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { prepareReportExport } from '../../src/lib/report-export.ts';
import { frameworksBeside } from '../build/catalogue-files.ts';
import { renderReportDocx } from '../../src/lib/report-docx.ts';
import { renderReportPdf } from '../../src/lib/report-pdf.ts';
import { forTerminal } from '../../src/domain/text.ts';
import {
  inputArgs,
  type InputArgs,
  INPUT_OPTIONS,
  InputError,
  OUTPUT_OPTION,
  parseCommandLine,
} from './args.ts';
import { loadInput, read, runCli } from './cli-input.ts';
import { MAX_ASSESSMENT_FILE_BYTES } from '../../src/domain/assessment/import.ts';
import { pdfFonts } from './pdf-fonts.ts';

const USAGE = `Usage: npm run report -- <assessment.json> -o <report.pdf|report.docx|report.md> [options]

Writes the readiness report of an exported OpsReady assessment: the same PDF, Word document or
Markdown the app exports, for pipelines. Nothing is sent anywhere.

Options:
  -o, --output <file>     report file; .pdf, .docx or .md decides the format
  --data <file>           also write the assessment data whose SHA-256 the report states
  --signed-data <file>    also write the signed content (the assessment without its sign-off)
                          whose SHA-256 a sign-off records; only for a signed assessment
  --baseline <file>       an earlier assessment of the organisation (exported JSON) to report
                          what changed since; without it the report says nothing is compared
  --catalogue <dir|file>  catalogue directory or single file (default: controls/)
  --profile <id|file>     threat profile id, or a YAML/JSON profile file
                          (default: the assessment's own choice, else the catalogue's default)
  --date <yyyy-mm-dd>     report date (default: today, UTC)
  -h, --help              show this help

The PDF's and the Word file's creation date is now, or SOURCE_DATE_EPOCH (seconds) when set,
so a pipeline can make byte-identical files from the same inputs.

Exit status: 0 written, 2 invalid input or usage.`;

interface Options extends InputArgs {
  assessment: string;
  output: string;
  data: string | undefined;
  signedData: string | undefined;
  baseline: string | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      ...OUTPUT_OPTION,
      data: { type: 'string' },
      'signed-data': { type: 'string' },
      baseline: { type: 'string' },
      ...INPUT_OPTIONS,
    },
    USAGE,
  );
  const shared = inputArgs(values);
  if (positionals.length !== 1) {
    throw new InputError(
      positionals.length === 0 ? 'no assessment file given' : 'give one assessment file',
    );
  }
  if (values.output === undefined) throw new InputError('no output file given (-o report.pdf)');
  if (!/\.(pdf|docx|md)$/i.test(values.output)) {
    throw new InputError(`the output file must end in .pdf, .docx or .md, got "${values.output}"`);
  }
  return {
    assessment: positionals[0] ?? '',
    output: values.output,
    data: values.data,
    signedData: values['signed-data'],
    baseline: values.baseline,
    ...shared,
  };
}

function creationDate(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  if (!/^\d+$/.test(epoch))
    throw new InputError(`SOURCE_DATE_EPOCH must be whole seconds, got "${epoch}"`);
  return new Date(Number(epoch) * 1000);
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const input = loadInput(opts.assessment, opts.catalogue, opts.profile);
  const baseline =
    opts.baseline === undefined
      ? undefined
      : loadInput(opts.baseline, opts.catalogue, opts.profile).assessment;
  const frameworks = frameworksBeside(opts.catalogue, input.catalogue);
  // Through the bounded reader, as loadInput read it: a file is never read past the limit.
  const inputText = read(opts.assessment, MAX_ASSESSMENT_FILE_BYTES);
  const { model, document, dataJson, signedJson } = await prepareReportExport({
    ...input,
    // The report says which file its SHA-256 is of: the input when it is byte for byte what was
    // hashed, else the --data file written below; else the name the app's export gives it.
    nameData: (json) =>
      json === inputText
        ? basename(opts.assessment)
        : opts.data === undefined
          ? undefined
          : basename(opts.data),
    reportDate: opts.date,
    ...(baseline === undefined ? {} : { baseline }),
    ...(frameworks === undefined ? {} : { frameworks }),
  });
  if (opts.signedData !== undefined && signedJson === undefined) {
    throw new InputError(
      `--signed-data: ${opts.assessment} has no sign-off, so there is no signed content to write`,
    );
  }
  if (/\.md$/i.test(opts.output)) {
    writeFileSync(opts.output, reportMarkdown(document));
  } else if (/\.docx$/i.test(opts.output)) {
    writeFileSync(opts.output, await renderReportDocx(document, { creationDate: creationDate() }));
  } else {
    const pdf = await renderReportPdf(document, {
      fonts: pdfFonts(),
      creationDate: creationDate(),
    });
    writeFileSync(opts.output, pdf);
  }
  if (opts.data !== undefined) writeFileSync(opts.data, dataJson);
  else if (dataJson !== inputText) {
    console.error(
      forTerminal(
        `note: ${opts.assessment} is not byte for byte the data the report's SHA-256 is of ` +
          `(an older format, or other formatting); the report names that data ${model.data.fileName}, ` +
          `as the app's Export JSON does; add --data <file> to write it.`,
      ),
    );
  }
  if (opts.signedData !== undefined && signedJson !== undefined)
    writeFileSync(opts.signedData, signedJson);
  console.log(
    forTerminal(
      `Wrote ${opts.output}: readiness ${model.readiness.display}, residual risk ${model.residualRisk.display}; ` +
        `data SHA-256 ${model.data.sha256 ?? '(none)'}.`,
    ),
  );
  return 0;
}

await runCli(main);
