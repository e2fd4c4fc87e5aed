import * as z from './zod.ts';

/**
 * Names an object already has through its prototype. An id is used as a key (assessments are
 * stored by id), and one of these as a key either reaches the prototype or is refused by the load
 * check, which used to fail the load of every assessment saved beside it.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isReservedId(id: string): boolean {
  return RESERVED_IDS.has(id);
}

/** An id a file, a store or a workshop may hold: 1–100 characters and none of the reserved names. */
export const safeIdSchema = z.string().check(
  z.minLength(1),
  z.maxLength(100),
  z.refine((id) => !isReservedId(id), {
    error:
      'expected an id other than "__proto__", "constructor" or "prototype" (names JavaScript reserves)',
  }),
);
