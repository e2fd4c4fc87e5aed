import {
  fail,
  findUnsafeKeys,
  formatPath,
  ok,
  quoted,
  type Problem,
  type Result,
} from './validation.ts';

/**
 * The one way OpsReady reads JSON that came from outside (an imported file, a participant's answers,
 * a team catalogue, stored state): a leading byte-order mark is dropped, so the app and the command
 * line read the same files; syntax errors name the line and column; duplicate keys are refused,
 * because `JSON.parse` keeps the last silently (a file can say one thing to a reviewer reading it
 * and another to the app), while the YAML loader already refuses them; and keys that reach an
 * object's prototype are refused.
 */
export function parseJson(text: string, source: string): Result<unknown> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return fail([{ source, path: '(root)', message: `not valid JSON: ${syntaxMessage(e, body)}` }]);
  }
  const duplicates = findDuplicateKeys(body, source);
  if (duplicates.length > 0) return fail(duplicates);
  const unsafe = findUnsafeKeys(source, value);
  if (unsafe.length > 0) return fail(unsafe);
  return ok(value);
}

/** V8 says "at position N"; a person wants the line and column. */
function syntaxMessage(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  if (at?.[1] === undefined) return message;
  const offset = Number(at[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message.replace(/\s*\(line \d+ column \d+\)/, '')} (line ${String(line)}, column ${String(column)})`;
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly keys: Set<string>;
  expectingKey: boolean;
  key: string;
  index: number;
}

/**
 * Keys that appear twice in one object of a text that is already valid JSON, with the path and
 * line of the second. A single pass over the characters with an explicit stack, so a hostile depth
 * cannot overflow the call stack; it stops after `max` findings.
 */
export function findDuplicateKeys(text: string, source: string, max = 20): Problem[] {
  const problems: Problem[] = [];
  const stack: Frame[] = [];
  let line = 1;
  // While inside a child, each ancestor's current key or index is still the child's slot, so the
  // path is read off the stack when needed instead of copied into every frame (which would cost
  // memory quadratic in the depth).
  const pathTo = (depth: number): PropertyKey[] =>
    stack.slice(0, depth).map((f) => (f.kind === 'object' ? f.key : f.index));
  for (let i = 0; i < text.length && problems.length < max; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) {
      line++;
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      stack.push({
        kind: ch === 0x7b ? 'object' : 'array',
        keys: new Set(),
        expectingKey: ch === 0x7b,
        key: '',
        index: 0,
      });
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      stack.pop();
    } else if (ch === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.expectingKey = true;
      else if (top) top.index++;
    } else if (ch === 0x22 /* " */) {
      const start = i;
      i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22) {
        if (text.charCodeAt(i) === 0x5c /* \ */) i++;
        i++;
      }
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectingKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        top.expectingKey = false;
        top.key = key;
        if (top.keys.has(key)) {
          problems.push({
            source,
            path: formatPath([...pathTo(stack.length - 1), key]),
            message: `the key ${JSON.stringify(quoted(key))} appears more than once in this object (line ${String(line)}); each key may appear once`,
          });
        }
        top.keys.add(key);
      }
    }
  }
  return problems;
}
