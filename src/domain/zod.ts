import {
  config,
  core,
  never,
  unknown,
  util,
  ZodMiniType,
  type ZodMiniObject,
  type ZodMiniUnknown,
} from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod for every schema in the app: zod/mini, whose schemas carry no methods, so building them at
 * import costs a fraction of what zod classic's do (classic attaches dozens of methods to each
 * schema). Import it as a namespace: `import * as z from '../zod.ts'`.
 */
export * from 'zod/mini';

// Mini loads no locale of its own; English is set here, where every schema module gets `z`, so
// each message a person sees ("Invalid input: expected string, received number") reads as before.
config(en());

/**
 * An object schema that parses with zod's compiled fast path where the runtime allows it, as zod
 * classic's objects do (mini's never do). Besides speed on large inputs (the command line, the
 * tests), the compiled path adds a property's issues one by one: the interpreted one spreads them
 * into one call, and 300,000 issues from a hostile file's record overflow the stack. The browser's
 * policy allows no eval, so there both kinds interpret, as classic did. Relies on zod's internals
 * (`$ZodObjectJIT`); zod is pinned to an exact version, and tests/unit/assessment-import.test.ts
 * fails if this stops working.
 */
const ZodMiniObjectJIT: core.$constructor<ZodMiniObject> = core.$constructor(
  'ZodMiniObject',
  (inst, def) => {
    core.$ZodObjectJIT.init(inst, def);
    ZodMiniType.init(inst, def);
    util.installLazyProp(inst, 'shape', (self: ZodMiniObject) => self._zod.def.shape, false);
  },
);

type Params = string | core.$ZodObjectParams;

export function object<T extends core.$ZodLooseShape>(
  shape: T,
  params?: Params,
): ZodMiniObject<util.Writeable<T>> {
  return new ZodMiniObjectJIT({
    type: 'object',
    shape,
    ...util.normalizeParams(params),
  }) as ZodMiniObject<util.Writeable<T>>;
}

export function strictObject<T extends core.$ZodLooseShape>(
  shape: T,
  params?: Params,
): ZodMiniObject<util.Writeable<T>, core.$strict> {
  return new ZodMiniObjectJIT({
    type: 'object',
    shape,
    catchall: never(),
    ...util.normalizeParams(params),
  }) as ZodMiniObject<util.Writeable<T>, core.$strict>;
}

export function looseObject<T extends core.$ZodLooseShape>(
  shape: T,
  params?: Params,
): ZodMiniObject<util.Writeable<T>, core.$loose> {
  const catchall: ZodMiniUnknown = unknown();
  return new ZodMiniObjectJIT({
    type: 'object',
    shape,
    catchall,
    ...util.normalizeParams(params),
  }) as ZodMiniObject<util.Writeable<T>, core.$loose>;
}
