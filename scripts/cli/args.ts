import { parseArgs } from 'node:util';

/**
 * Command-line parsing shared by `npm run score`, `npm run report` and `npm run oscal`: node's own
 * parser in strict mode, with the tools' messages instead of node's, so a mistyped option or a
 * forgotten value stops the run (exit status 2 through `runCli`) rather than being read as a file.
 */

/** Bad input or usage: printed without a stack trace, exit status 2. */
export class InputError extends Error {}

/** `-h` or `--help` was given: `runCli` prints the message (the usage) and exits 0. */
export class HelpRequested extends Error {}

/** An option by its long name: a string takes a value, a boolean is a switch. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

/** What was given, by long name; an option not given is absent. */
export type OptionValues<O extends Readonly<Record<string, OptionSpec>>> = {
  readonly [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

export interface CommandLine<O extends Readonly<Record<string, OptionSpec>>> {
  readonly values: OptionValues<O>;
  readonly positionals: readonly string[];
}

/** The options every tool reading the catalogue takes: `--catalogue`, `--profile`, `--date`. */
export const INPUT_OPTIONS = {
  catalogue: { type: 'string' },
  profile: { type: 'string' },
  date: { type: 'string' },
} as const satisfies Record<string, OptionSpec>;

/** The input options as the tools use them: the bundled catalogue and today unless given. */
export interface InputArgs {
  readonly catalogue: string;
  readonly profile: string | undefined;
  readonly date: string;
}

export function inputArgs(values: OptionValues<typeof INPUT_OPTIONS>): InputArgs {
  return {
    catalogue: values.catalogue ?? 'controls',
    profile: values.profile,
    date: dateArg(values.date),
  };
}

/** `-o`/`--output`, for the tools that write a file. */
export const OUTPUT_OPTION = { output: { type: 'string', short: 'o' } } as const satisfies Record<
  string,
  OptionSpec
>;

/**
 * Parses `argv` against `options` (long names as keys). An option given twice keeps its last
 * value, so a wrapper's default can be overridden further along; everything after `--` is a
 * positional, for a file whose name starts with a dash. A value that starts with a dash must be
 * joined to its option (`--output=-x.pdf`), as that is more often a forgotten value.
 */
export function parseCommandLine<O extends Readonly<Record<string, OptionSpec>>>(
  argv: readonly string[],
  options: O,
  usage: string,
): CommandLine<O> {
  const all: Record<string, OptionSpec> = { ...options, help: { type: 'boolean', short: 'h' } };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: all, strict: true, allowPositionals: true });
  } catch (e) {
    throw usageError(argv, all, e);
  }
  const { help, ...values } = parsed.values;
  if (help === true) throw new HelpRequested(usage);
  // Strict parsing gives each option only the type its spec names, and no other key.
  return { values: values as OptionValues<O>, positionals: parsed.positionals };
}

/**
 * Node's messages name the option in its own words; the tools say which argument is wrong as it
 * was typed. The lenient parse only locates it: its tokens are what the strict one refused.
 */
function usageError(
  argv: readonly string[],
  options: Readonly<Record<string, OptionSpec>>,
  error: unknown,
): InputError {
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (spec === undefined) return new InputError(`unknown option ${token.rawName}`);
    if (spec.type === 'boolean' && token.value !== undefined)
      return new InputError(`${token.rawName} takes no value`);
    if (spec.type === 'string') {
      if (token.value === undefined) return new InputError(`${token.rawName} needs a value`);
      if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-'))
        return new InputError(
          `${token.rawName} needs a value, and "${token.value}" reads as an option: write --${token.name}=${token.value} if it is the value`,
        );
    }
  }
  return new InputError(error instanceof Error ? error.message : String(error));
}

/**
 * A `--date` value, default today (UTC): yyyy-mm-dd and a real day. Date.parse rolls 2024-02-30
 * over to March, so a round trip catches it; a month 13 is no date at all.
 */
export function dateArg(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  const day = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(day.getTime()) ||
    day.toISOString().slice(0, 10) !== value
  )
    throw new InputError(`--date expects yyyy-mm-dd, got "${value}"`);
  return value;
}
