import { useCallback, useSyncExternalStore } from 'react';
import listed, { incidentCounts as listedIncidentCounts } from 'virtual:opsready/catalogue';
import * as z from '../domain/zod.ts';
import { create } from 'zustand';
import type { Assessment } from '../domain/assessment/schema.ts';
import {
  CATALOGUE_DETAIL_FIELDS,
  countIncidents,
  DETAIL_FIELDS,
  META_DETAIL_FIELDS,
  type CatalogueDetails,
  type IncidentCounts,
  type ListedCatalogue,
} from '../domain/catalogue/details.ts';
import type { SourceFile } from '../domain/catalogue/load.ts';
import { claimsBuiltInId, oversizedCatalogueFiles } from '../domain/catalogue/team.ts';
import type { Catalogue, Control } from '../domain/catalogue/schema.ts';
import { fail, problemsFromZod, type Problem, type Result } from '../domain/validation.ts';
import type { CatalogueLookup, FileSource } from './types.ts';

/** A catalogue whose details come later: what `withDeferredDetails` keeps for it. */
interface Deferred {
  details: CatalogueDetails | undefined;
  /** Set while the details are being fetched; cleared on failure, so the next ask tries again. */
  loading: Promise<Catalogue> | undefined;
  error: string | null;
  readonly fetch: () => Promise<unknown>;
  readonly incidentCounts: IncidentCounts;
  readonly listeners: Set<() => void>;
}

const deferredOf = new WeakMap<Catalogue, Deferred>();

function notLoaded(what: string): Error {
  return new Error(
    `${what} of the built-in catalogue was read before its details loaded (wait for loadCatalogueDetails)`,
  );
}

/** A getter for `field` that reads it from the details once they have loaded, and throws before. */
function deferred(
  target: object,
  field: string,
  what: string,
  state: Deferred,
  read: (loaded: CatalogueDetails) => unknown,
): void {
  Object.defineProperty(target, field, {
    enumerable: true,
    get: () => {
      if (!state.details) throw notLoaded(what);
      return read(state.details);
    },
  });
}

/**
 * A catalogue as one object from the start, its list part present at once and its details read
 * through getters once `fetch` has brought them (`loadCatalogueDetails`). Reading a detail before
 * then throws instead of answering with nothing, so no page can show or score a catalogue
 * without them. The app makes one, the built-in catalogue; tests make others to hold the details
 * back as long as they like.
 */
export function withDeferredDetails(
  list: ListedCatalogue,
  incidentCounts: IncidentCounts,
  fetch: () => Promise<unknown>,
): Catalogue {
  const state: Deferred = {
    details: undefined,
    loading: undefined,
    error: null,
    fetch,
    incidentCounts,
    listeners: new Set(),
  };
  const controls = list.controls.map((c) => {
    const control = { ...c };
    for (const field of DETAIL_FIELDS) {
      deferred(control, field, `${field} of ${c.id}`, state, (d) => d.controls[c.id]?.[field]);
    }
    return control as Control;
  });
  const meta = { ...list.meta };
  for (const field of META_DETAIL_FIELDS) {
    deferred(meta, field, `The ${field}`, state, (d) => d.meta[field]);
  }
  const catalogue = { ...list, meta, controls };
  for (const field of CATALOGUE_DETAIL_FIELDS) {
    deferred(catalogue, field, `The ${field}`, state, (d) => d[field]);
  }
  deferredOf.set(catalogue as unknown as Catalogue, state);
  return catalogue as unknown as Catalogue;
}

/**
 * Validated when the app is built (scripts/build/catalogue-plugin.ts fails the build on any
 * problem), so it is not parsed again on every page load. Its details
 * (src/domain/catalogue/details.ts) arrive as a chunk of their own, asked for by
 * `loadCatalogueDetails`: every page but the Catalogue waits for them before it is drawn
 * (src/app/routes.ts), and the Catalogue page asks for them once its list is on screen.
 */
export const bundledCatalogue: Catalogue = withDeferredDetails(
  listed as ListedCatalogue,
  listedIncidentCounts as IncidentCounts,
  () => import('virtual:opsready/catalogue-details').then((m) => m.default),
);

/** Whether every field of the catalogue can be read: only a deferred one's details may not. */
export function catalogueDetailsLoaded(catalogue: Catalogue): boolean {
  const state = deferredOf.get(catalogue);
  return state === undefined || state.details !== undefined;
}

/**
 * Brings a deferred catalogue's details (once; again after a failure) and resolves with the
 * catalogue, whole; any other catalogue is whole already.
 */
export function loadCatalogueDetails(catalogue: Catalogue): Promise<Catalogue> {
  const state = deferredOf.get(catalogue);
  if (state === undefined || state.details !== undefined) return Promise.resolve(catalogue);
  const changed = (): void => {
    for (const listener of state.listeners) listener();
  };
  if (state.loading) return state.loading;
  if (state.error !== null) {
    // Trying again: what waits for them says they are loading, not that they failed. Told after
    // the call, which may come from a page's render (src/app/routes.ts).
    state.error = null;
    queueMicrotask(changed);
  }
  state.loading = state.fetch().then(
    (details) => {
      state.details = details as CatalogueDetails;
      state.error = null;
      changed();
      return catalogue;
    },
    (error: unknown) => {
      state.loading = undefined;
      state.error = error instanceof Error ? error.message : String(error);
      changed();
      throw error;
    },
  );
  return state.loading;
}

export type DetailsStatus = 'loaded' | 'loading' | 'failed';

function detailsStatus(catalogue: Catalogue): DetailsStatus {
  const state = deferredOf.get(catalogue);
  if (state === undefined || state.details !== undefined) return 'loaded';
  return state.error === null ? 'loading' : 'failed';
}

/** Why the last attempt to bring a deferred catalogue's details failed, if it did. */
export function catalogueDetailsError(catalogue: Catalogue): string | null {
  return deferredOf.get(catalogue)?.error ?? null;
}

/** Whether the catalogue's details are there, re-rendering when they arrive or fail to. */
export function useCatalogueDetails(catalogue: Catalogue): DetailsStatus {
  const subscribe = useCallback(
    (onChange: () => void): (() => void) => {
      const state = deferredOf.get(catalogue);
      state?.listeners.add(onChange);
      return () => state?.listeners.delete(onChange);
    },
    [catalogue],
  );
  return useSyncExternalStore(subscribe, () => detailsStatus(catalogue));
}

const countsOf = new WeakMap<Catalogue, IncidentCounts>();

/**
 * How many incidents the catalogue has and how many each control is in: for a deferred
 * catalogue from its list part, so they are known before its details load.
 */
export function catalogueIncidentCounts(catalogue: Catalogue): IncidentCounts {
  const listedCounts = deferredOf.get(catalogue)?.incidentCounts;
  if (listedCounts) return listedCounts;
  let counts = countsOf.get(catalogue);
  if (!counts) {
    counts = countIncidents(catalogue);
    countsOf.set(catalogue, counts);
  }
  return counts;
}

/** Teams' own catalogues, kept apart from the assessments so a bad one can never touch them. */
export const USER_CATALOGUES_KEY = 'opsready:catalogues';
const USER_CATALOGUES_VERSION = 1;

const storedSchema = z.strictObject({
  version: z.literal(USER_CATALOGUES_VERSION),
  catalogues: z.array(
    z.strictObject({
      loadedAt: z.iso.datetime({ offset: true }),
      files: z
        .array(z.strictObject({ name: z.string().check(z.minLength(1)), text: z.string() }))
        .check(z.minLength(1)),
    }),
  ),
});
type Stored = z.infer<typeof storedSchema>;

export interface UserCatalogue {
  readonly loadedAt: string;
  readonly files: readonly SourceFile[];
  /** Validated again on every start: a stored catalogue is untrusted input like any file. */
  readonly result: Result<Catalogue>;
}

/**
 * The loader (and the YAML parser behind it) is needed only when a team brings its own
 * catalogue, so it stays out of the first load.
 */
const loader = () => import('../domain/catalogue/load.ts');

interface CatalogueState {
  readonly user: readonly UserCatalogue[];
  /** Why the stored catalogues could not be read, if they could not; the text is left in place. */
  readonly loadProblems: readonly Problem[];
  readonly saveError: string | null;
  /** True until the stored catalogues have been validated after start-up. */
  readonly validating: boolean;
  /** Settles when start-up validation is done. */
  readonly validated: Promise<void>;
  /** The catalogue the Catalogue page shows. */
  readonly viewing: string;
  readonly view: (id: string) => void;
  /**
   * Validates a catalogue without adding it, so what it would replace can be shown (and agreed)
   * before anything changes.
   */
  readonly check: (files: readonly SourceFile[]) => Promise<Result<Catalogue>>;
  /** Validates and adds (or replaces, by catalogue id) a catalogue; changes nothing on failure. */
  readonly add: (files: readonly SourceFile[], now: Date) => Promise<Result<Catalogue>>;
  /** Reads the files the user picked, then adds them as one catalogue like `add`. */
  readonly addFiles: (files: readonly FileSource[], now: Date) => Promise<Result<Catalogue>>;
  readonly remove: (id: string) => void;
}

type StoredEntry = Stored['catalogues'][number];

/** The text of the files the user picked, read once. */
export function readSources(files: readonly FileSource[]): Promise<SourceFile[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
}

function readStored(storage: Storage | null): { entries: StoredEntry[]; problems: Problem[] } {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(USER_CATALOGUES_KEY) ?? null;
  } catch (e) {
    return {
      entries: [],
      problems: [
        { source: USER_CATALOGUES_KEY, path: '(root)', message: `could not be read: ${String(e)}` },
      ],
    };
  }
  if (raw === null) return { entries: [], problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return {
      entries: [],
      problems: [{ source: USER_CATALOGUES_KEY, path: '(root)', message: 'not valid JSON' }],
    };
  }
  const parsed = storedSchema.safeParse(json);
  if (!parsed.success)
    return { entries: [], problems: problemsFromZod(USER_CATALOGUES_KEY, parsed.error) };
  return { entries: parsed.data.catalogues, problems: [] };
}

/** Identifies a stored entry without parsing it: when it was loaded and from which files. */
function entryKey(entry: {
  readonly loadedAt: string;
  readonly files: readonly SourceFile[];
}): string {
  return `${entry.loadedAt}|${entry.files.map((f) => f.name).join('|')}`;
}

function browserStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function createCatalogueStore(getStorage: () => Storage | null = browserStorage) {
  const initial = readStored(getStorage());
  // When the stored text could not be read, saving is suspended so it is never overwritten.
  const writable = initial.problems.length === 0;
  // The entries this tab last read or wrote: another tab may have added or removed some since, and
  // a save keeps those changes (three-way, by entry) instead of writing this tab's list over them.
  let seen = new Set(initial.entries.map(entryKey));
  const save = (user: readonly UserCatalogue[]): string | null => {
    if (!writable) return 'saving is paused because the stored catalogues could not be read';
    const mine = user.map(({ loadedAt, files }) => ({ loadedAt, files: [...files] }));
    const mineKeys = new Set(mine.map(entryKey));
    const removedHere = new Set([...seen].filter((k) => !mineKeys.has(k)));
    const theirs = readStored(getStorage()).entries.filter(
      (e) => !mineKeys.has(entryKey(e)) && !removedHere.has(entryKey(e)) && !seen.has(entryKey(e)),
    );
    const stored: Stored = { version: USER_CATALOGUES_VERSION, catalogues: [...mine, ...theirs] };
    seen = new Set(stored.catalogues.map(entryKey));
    try {
      getStorage()?.setItem(USER_CATALOGUES_KEY, JSON.stringify(stored));
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };
  const store = create<CatalogueState>()((set, get) => ({
    user: [],
    loadProblems: initial.problems,
    saveError: null,
    validating: initial.entries.length > 0,
    validated: Promise.resolve(),
    viewing: bundledCatalogue.meta.id,
    view: (id) => set({ viewing: id }),
    check: async (files) => {
      const tooBig = oversizedCatalogueFiles(
        files.map((f) => ({ name: f.name, size: f.text.length })),
        'characters',
      );
      if (tooBig.length > 0) return fail(tooBig);
      const { loadCatalogue } = await loader();
      const result = loadCatalogue(files);
      if (!result.ok) return result;
      const builtIn = claimsBuiltInId(result.value, files);
      return builtIn.length > 0 ? fail(builtIn) : result;
    },
    add: async (files, now) => {
      const result = await get().check(files);
      if (!result.ok) return result;
      const id = result.value.meta.id;
      const entry: UserCatalogue = { loadedAt: now.toISOString(), files, result };
      const user = [
        ...get().user.filter((u) => !(u.result.ok && u.result.value.meta.id === id)),
        entry,
      ];
      const saveError = save(user);
      set({ user, saveError, viewing: id });
      return result;
    },
    addFiles: async (files, now) => get().add(await readSources(files), now),
    remove: (id) => {
      const user = get().user.filter((u) => !(u.result.ok && u.result.value.meta.id === id));
      set({ user, saveError: save(user), viewing: bundledCatalogue.meta.id });
    },
  }));
  if (initial.entries.length > 0) {
    const validated = loader().then(
      ({ loadCatalogue }) => {
        const checked = initial.entries.map((e) => ({ ...e, result: loadCatalogue(e.files) }));
        store.setState((s) => ({ user: [...checked, ...s.user], validating: false }));
      },
      (e: unknown) => {
        store.setState({
          validating: false,
          loadProblems: [
            {
              source: USER_CATALOGUES_KEY,
              path: '(root)',
              message: `could not be checked: ${e instanceof Error ? e.message : String(e)}`,
            },
          ],
        });
      },
    );
    store.setState({ validated });
  }
  if (typeof window !== 'undefined') {
    // Another tab loaded or removed a catalogue: show the same list here.
    window.addEventListener('storage', (event) => {
      if (event.key !== USER_CATALOGUES_KEY) return;
      const { entries, problems } = readStored(getStorage());
      if (problems.length > 0) return;
      void loader().then(({ loadCatalogue }) => {
        const byKey = new Map(store.getState().user.map((u) => [entryKey(u), u]));
        const user = entries.map(
          (e) => byKey.get(entryKey(e)) ?? { ...e, result: loadCatalogue(e.files) },
        );
        seen = new Set(entries.map(entryKey));
        store.setState({ user });
      });
    });
  }
  return store;
}

export const useCatalogueStore = createCatalogueStore();

/** Every catalogue that validated: the built-in one first. */
export function validCatalogues(user: readonly UserCatalogue[]): Catalogue[] {
  return [bundledCatalogue, ...user.flatMap((u) => (u.result.ok ? [u.result.value] : []))];
}

export function findCatalogue(user: readonly UserCatalogue[], id: string): Catalogue | undefined {
  return validCatalogues(user).find((c) => c.meta.id === id);
}

/** The catalogue the Catalogue page shows. */
export function useViewedCatalogue(): Catalogue {
  const user = useCatalogueStore((s) => s.user);
  const viewing = useCatalogueStore((s) => s.viewing);
  return findCatalogue(user, viewing) ?? bundledCatalogue;
}

/** The catalogue an assessment was made against, or undefined when it is not loaded here. */
export function useAssessmentCatalogue(assessment: Assessment | undefined): Catalogue | undefined {
  const user = useCatalogueStore((s) => s.user);
  return assessment ? findCatalogue(user, assessment.catalogue.id) : undefined;
}

/** For the store, outside React. */
export function catalogueById(id: string): Catalogue | undefined {
  return findCatalogue(useCatalogueStore.getState().user, id);
}

/** The catalogues the app's assessments are checked against: built in, and the team's own. */
export const catalogueLookup: CatalogueLookup = {
  bundled: bundledCatalogue,
  byId: catalogueById,
  all: () => validCatalogues(useCatalogueStore.getState().user),
  ready: () => useCatalogueStore.getState().validated,
};
