import type { z } from 'zod';

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
      const key = String(segment);
      out += /^[A-Za-z_$][\w$-]*$/.test(key)
        ? `${out === '' ? '' : '.'}${key}`
        : `[${JSON.stringify(key)}]`;
    }
  }
  return out === '' ? '(root)' : out;
}

export function problemsFromZod(
  source: string,
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): Problem[] {
  return error.issues.map((issue) => ({
    source,
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}

/** One line per problem, in the form editors and CI logs recognise: `file: path: message`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.source}: ${p.path}: ${p.message}`).join('\n');
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Finds keys that could reach an object's prototype. zod's records drop `__proto__` silently; a
 * file that contains one was crafted or corrupted, and the user should hear about it.
 */
export function findUnsafeKeys(source: string, value: unknown, maxProblems = 20): Problem[] {
  const problems: Problem[] = [];
  const walk = (node: unknown, path: PropertyKey[]): void => {
    if (problems.length >= maxProblems || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    for (const key of Object.keys(node)) {
      if (UNSAFE_KEYS.has(key)) {
        problems.push({
          source,
          path: formatPath([...path, key]),
          message: `the key "${key}" is not allowed`,
        });
      } else {
        walk((node as Record<string, unknown>)[key], [...path, key]);
      }
    }
  };
  walk(value, []);
  return problems;
}
