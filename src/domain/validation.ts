import type * as z from './zod.ts';

/**
 * One thing wrong with an input, located precisely enough that a person can open the file and fix
 * it: which file (or source), where inside it, and what was expected.
 */
export interface Problem {
  /** File name or other source label, e.g. `controls/keys.yaml` or `assessment.json`. */
  readonly source: string;
  /** Location inside the source: a data path like `controls[2].levels[3]`, or `line 4, column 7`. */
  readonly path: string;
  readonly message: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(problems: readonly Problem[]): Result<T> => ({ ok: false, problems });

/** Renders `['controls', 2, 'levels', 3]` as `controls[2].levels[3]`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      // A hostile file can carry a megabyte key: quote enough to find it, never all of it.
      const key = String(segment);
      out +=
        /^[A-Za-z_$][\w$-]*$/.test(key) && key.length <= MAX_QUOTED
          ? `${out === '' ? '' : '.'}${key}`
          : `[${JSON.stringify(quoted(key))}]`;
    }
  }
  return out === '' ? '(root)' : out;
}

/** How long a key or message may be when quoted back to the user. */
export const MAX_QUOTED = 200;

/**
 * How many problems one input reports. Past a few dozen a person fixes the first and tries again;
 * a hostile file with 300,000 bad keys must not become 300,000 list items (or a stack overflow
 * in code that spreads them into an argument list).
 */
export const MAX_PROBLEMS = 50;

export function quoted(text: string): string {
  return text.length <= MAX_QUOTED
    ? text
    : `${text.slice(0, MAX_QUOTED)}… (${String(text.length)} characters)`;
}

export function problemsFromZod(
  source: string,
  error: z.core.$ZodError,
  prefix: readonly PropertyKey[] = [],
): Problem[] {
  const listed = error.issues.slice(0, MAX_PROBLEMS).map((issue) => ({
    source,
    path: formatPath([...prefix, ...issue.path]),
    message: quoted(issue.message),
  }));
  return limitProblems(listed, error.issues.length);
}

/**
 * The first MAX_PROBLEMS of a list, and a last line that counts the rest, so a reader knows the
 * list is not all there is. `total` is the length of the full list when only a prefix was built.
 */
export function limitProblems(
  problems: readonly Problem[],
  total: number = problems.length,
): Problem[] {
  // A list limited once (by the parser) is limited again where it is shown: its count line is not
  // one more problem to cut, or the count would be lost.
  const last = problems[problems.length - 1];
  const counted = last !== undefined && countLines.has(last) ? 1 : 0;
  if (total - counted <= MAX_PROBLEMS && problems.length - counted <= MAX_PROBLEMS) {
    return [...problems];
  }
  const shown = problems.slice(0, MAX_PROBLEMS);
  const rest = Math.max(total, problems.length) - shown.length;
  const count: Problem = {
    source: shown[0]?.source ?? '(input)',
    path: '(root)',
    message: `and ${String(rest)} more ${rest === 1 ? 'problem' : 'problems'} not listed: fix those above and try again`,
  };
  countLines.add(count);
  return [...shown, count];
}

const countLines = new WeakSet<Problem>();

/** One line per problem, in the form editors and CI logs recognise: `file: path: message`. */
export function formatProblems(problems: readonly Problem[]): string {
  return limitProblems(problems)
    .map((p) => `${p.source}: ${p.path}: ${p.message}`)
    .join('\n');
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any legitimate OpsReady file; stops a crafted file from exhausting the stack. */
export const MAX_DEPTH = 64;

/**
 * Finds keys that could reach an object's prototype, and nesting too deep to be real data. zod's
 * records drop `__proto__` silently; a file that contains one was crafted or corrupted, and the
 * user should hear about it. Iterative, so hostile depth cannot overflow the stack.
 */
export function findUnsafeKeys(source: string, value: unknown, maxProblems = 20): Problem[] {
  const problems: Problem[] = [];
  const stack: { node: unknown; path: readonly PropertyKey[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0 && problems.length < maxProblems) {
    const { node, path } = stack.pop() ?? { node: null, path: [] };
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= MAX_DEPTH) {
      problems.push({
        source,
        path: formatPath(path),
        message: `nested more than ${MAX_DEPTH} levels deep`,
      });
      continue;
    }
    const entries: [PropertyKey, unknown][] = Array.isArray(node)
      ? node.map((item, i): [PropertyKey, unknown] => [i, item])
      : Object.entries(node);
    for (const [key, child] of entries) {
      if (typeof key === 'string' && UNSAFE_KEYS.has(key)) {
        problems.push({
          source,
          path: formatPath([...path, key]),
          message: `the key "${key}" is not allowed`,
        });
      } else {
        stack.push({ node: child, path: [...path, key] });
      }
    }
  }
  return problems;
}
