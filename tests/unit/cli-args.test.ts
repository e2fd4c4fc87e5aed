import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dateArg, HelpRequested, InputError, parseCommandLine } from '../../scripts/cli/args.ts';
import { repoRoot } from '../fixtures/catalogue.ts';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  date: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const parse = (...argv: string[]) => parseCommandLine(argv, OPTIONS, 'Usage: tool <file>');

/** The message `parse` fails with; fails the test when it does not fail with an InputError. */
function refusal(...argv: string[]): string {
  try {
    parse(...argv);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(argv)}`);
}

describe('parseCommandLine', () => {
  it('reads long, short and joined options around the positionals', () => {
    const r = parse('a.json', '-o', 'r.pdf', '--date=2026-11-25', '--json', 'b.json');
    expect(r.values).toEqual({ output: 'r.pdf', date: '2026-11-25', json: true });
    expect(r.positionals).toEqual(['a.json', 'b.json']);
    expect(parse('-or.md').values.output).toBe('r.md');
  });

  it('refuses an unknown option by the name it was typed with', () => {
    expect(refusal('a.json', '--colour')).toBe('unknown option --colour');
    expect(refusal('-x', 'a.json')).toBe('unknown option -x');
    // No prefix matching: --out is not --output.
    expect(refusal('--out', 'r.pdf')).toBe('unknown option --out');
  });

  it('refuses an option whose value is missing, or looks like the next option', () => {
    expect(refusal('a.json', '-o')).toBe('-o needs a value');
    expect(refusal('a.json', '--output', '--json')).toBe(
      '--output needs a value, and "--json" reads as an option: write --output=--json if it is the value',
    );
    expect(refusal('a.json', '-o', '--')).toMatch(/^-o needs a value, and "--" reads as an option/);
    // Joined to its option, a value may start with a dash.
    expect(parse('--output=-r.pdf').values.output).toBe('-r.pdf');
  });

  it('refuses a value given to a switch', () => {
    expect(refusal('--json=yes')).toBe('--json takes no value');
  });

  it('keeps the last value of an option given twice', () => {
    expect(parse('-o', 'first.pdf', '--output', 'second.pdf').values.output).toBe('second.pdf');
    expect(parse('--date', '2026-01-01', '--date=2026-02-02').values.date).toBe('2026-02-02');
  });

  it('takes everything after -- as positionals, options included', () => {
    const r = parse('-o', 'r.pdf', '--', '-o', '--json', '--colour');
    expect(r.values).toEqual({ output: 'r.pdf' });
    expect(r.positionals).toEqual(['-o', '--json', '--colour']);
  });

  it('answers -h and --help with the usage, even beside other arguments', () => {
    for (const argv of [['-h'], ['a.json', '--help', '-o', 'r.pdf']]) {
      expect(() => parseCommandLine(argv, OPTIONS, 'Usage: tool <file>')).toThrow(
        new HelpRequested('Usage: tool <file>'),
      );
    }
    // After --, "--help" is a file name.
    expect(parse('--', '--help').positionals).toEqual(['--help']);
  });
});

describe('dateArg', () => {
  it('takes a real yyyy-mm-dd day and defaults to today in UTC', () => {
    expect(dateArg('2024-02-29')).toBe('2024-02-29');
    expect(dateArg(undefined)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each(['2023-02-29', '2024-13-45', '2024-1-5', '25/11/2026', ''])(
    'refuses %j as a date with exit-2 input error',
    (value) => {
      expect(() => dateArg(value)).toThrow(
        new InputError(`--date expects yyyy-mm-dd, got "${value}"`),
      );
    },
  );
});

describe('the tools', () => {
  const run = (tool: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', `scripts/cli/${tool}.ts`, ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('exit 2 naming the option for an unknown option or a missing value, and 0 for --help', () => {
    const unknown = run('report', 'a.json', '-o', 'r.pdf', '--colour');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('unknown option --colour\n\nRun with --help for usage.\n');
    const missing = run('oscal', 'catalog', '-o');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('-o needs a value\n\nRun with --help for usage.\n');
    const help = run('oscal', 'catalog', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: npm run oscal -- <command> \[options\]\n/);
  }, 60_000);
});
