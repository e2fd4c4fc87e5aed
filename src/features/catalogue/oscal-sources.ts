import type { SourceFile } from '../../domain/catalogue/load.ts';
import { parseJson } from '../../domain/json.ts';
import type { OscalImportReport } from '../../domain/oscal/catalog-import.ts';
import { fail, ok, type Result } from '../../domain/validation.ts';
import { readSources } from '../../store/catalogue.ts';

/**
 * The files a team picked on the Catalogue page, made ready for the catalogue loader: an OSCAL
 * catalog (recognised by its top-level `catalog` key) is converted into an OpsReady catalogue file
 * first, and that converted file is what is checked, stored and loaded again on the next start,
 * like any team catalogue. Other files pass through unchanged.
 */

export interface PreparedSources {
  readonly sources: readonly SourceFile[];
  /** What the conversion assumed, when an OSCAL catalog was converted. */
  readonly oscal: OscalImportReport | null;
}

interface PickedFile {
  readonly name: string;
  readonly size: number;
  readonly text: () => Promise<string>;
}

/** `{"catalog": …` or `{"$schema": "…", "catalog": …`, after a byte-order mark and spaces. */
const LOOKS_LIKE_OSCAL = /^\uFEFF?\s*\{\s*(?:"\$schema"\s*:\s*"[^"]*"\s*,\s*)?"catalog"\s*:/;

export async function prepareSources(
  files: readonly PickedFile[],
): Promise<Result<PreparedSources>> {
  const json = files.filter((f) => /\.json$/i.test(f.name));
  const { MAX_OSCAL_BYTES, catalogFromOscal } =
    await import('../../domain/oscal/catalog-import.ts');
  // Only the start of a file is needed to tell an OSCAL catalog; a huge file is refused before
  // it is read whole.
  const heads = await Promise.all(
    json.map(async (f) => (f.size > MAX_OSCAL_BYTES ? null : (await f.text()).slice(0, 400))),
  );
  const oscal = json.filter((_, i) => LOOKS_LIKE_OSCAL.test(heads[i] ?? ''));
  if (oscal.length === 0) {
    const tooBig = json.find((f) => f.size > MAX_OSCAL_BYTES);
    if (tooBig) {
      return fail([
        {
          source: tooBig.name,
          path: '(root)',
          message: `file is too large (${String(tooBig.size)} bytes; at most ${String(MAX_OSCAL_BYTES)} accepted for an OSCAL catalog)`,
        },
      ]);
    }
    return ok({ sources: await readSources(files), oscal: null });
  }
  const [picked] = oscal;
  if (oscal.length > 1 || files.length > 1 || !picked) {
    return fail([
      {
        source: files.map((f) => f.name).join(', '),
        path: '(root)',
        message:
          'an OSCAL catalog is a whole catalogue: load it on its own, not together with other files',
      },
    ]);
  }
  const parsed = parseJson(await picked.text(), picked.name);
  if (!parsed.ok) return parsed;
  const converted = catalogFromOscal(parsed.value, picked.name);
  if (!converted.ok) return converted;
  return ok({
    sources: [
      {
        // `.json`, so the loader reads it with the JSON reader (fast) on every start.
        name: `${picked.name.replace(/\.json$/i, '')}.opsready.json`,
        text: JSON.stringify(converted.value.file),
      },
    ],
    oscal: converted.value.report,
  });
}
