import { buildReportModel, type ReportModel } from '../../src/domain/report/model.ts';
import { forTerminal } from '../../src/domain/text.ts';
import { checkFunds } from '../../src/domain/loss/funds.ts';
import { formatProblems } from '../../src/domain/validation.ts';
import { inputArgs, type InputArgs, INPUT_OPTIONS, InputError, parseCommandLine } from './args.ts';
import { loadInput, runCli } from './cli-input.ts';

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

interface Options extends InputArgs {
  assessment: string;
  json: boolean;
  failUnder: number | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const { values, positionals } = parseCommandLine(
    argv,
    { ...INPUT_OPTIONS, json: { type: 'boolean' }, 'fail-under': { type: 'string' } },
    USAGE,
  );
  const shared = inputArgs(values);
  const failUnderArg = values['fail-under'];
  const failUnder = failUnderArg === undefined ? undefined : Number(failUnderArg);
  if (failUnder !== undefined && !(failUnder >= 0 && failUnder <= 100)) {
    // NaN fails both comparisons.
    throw new InputError(
      `--fail-under expects a number from 0 to 100, got "${String(failUnderArg)}"`,
    );
  }
  if (positionals.length !== 1) {
    throw new InputError(
      positionals.length === 0 ? 'no assessment file given' : 'give one assessment file',
    );
  }
  return {
    assessment: positionals[0] ?? '',
    ...shared,
    json: values.json ?? false,
    failUnder,
  };
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
  const a = m.architecture;
  if (a.declared) {
    lines.push(
      `Not operated: ${a.notOperated.map((f) => f.name).join('; ') || 'none'}`,
      `  ${a.sentence}`,
    );
  }
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
  const d = m.dollars;
  lines.push('', 'Dollars at risk');
  if (d.status === 'ready') {
    for (const row of d.headline) lines.push(`  ${row.key}: ${row.value}`);
    lines.push(
      `  Chance of losing more than, now / at target: ${d.exceedance.map((x) => `${x.amount.replace('More than ', '')} ${x.now} / ${x.target}`).join('; ')}`,
    );
  } else if (d.status === 'needs') {
    lines.push(...d.needs.map((n) => `  needs ${n}`));
  } else lines.push(...d.problems.map((p) => `  ${p}`));
  if (m.exposure.length > 0) {
    lines.push('', 'Incident exposure');
    for (const x of m.exposure) {
      lines.push(`  ${x.verdictDisplay.padEnd(41)} ${x.name} (${x.date})`);
    }
  }
  return lines.join('\n');
}

/**
 * JSON.stringify escapes C0 controls but leaves DEL, the C1 controls, the line separators and the
 * bidirectional marks raw, and those reorder or rewrite what a terminal or a CI log shows. They can
 * only occur inside strings, so a `\u` escape reads back as the same value.
 */
const RAW_IN_JSON = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    RAW_IN_JSON,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function main(): number {
  const opts = parseArgs(process.argv.slice(2));
  const { catalogue, assessment, profile } = loadInput(
    opts.assessment,
    opts.catalogue,
    opts.profile,
  );
  if (assessment.funds !== undefined) {
    // The report would only say the funds cannot be used; a pipeline should stop instead.
    const notOperated = new Set(assessment.architecture?.notOperated ?? []);
    const funds = checkFunds(catalogue, notOperated, assessment.funds, `${opts.assessment}: funds`);
    if (!funds.ok) {
      throw new InputError(
        `The funds in ${opts.assessment} cannot be used:\n${formatProblems(funds.problems)}`,
      );
    }
  }
  const model = buildReportModel({ catalogue, assessment, profile, reportDate: opts.date });
  // Names, notes and ids in the summary come from the files: shown, never run.
  console.log(opts.json ? jsonForTerminal(model) : forTerminal(summary(model)));
  if (opts.failUnder !== undefined && (model.readiness.value ?? 0) < opts.failUnder) {
    console.error(
      `Readiness ${model.readiness.display} is below --fail-under ${String(opts.failUnder)}.`,
    );
    return 1;
  }
  return 0;
}

await runCli(main);
