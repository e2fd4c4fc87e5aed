import type * as z from '../zod.ts';
import { parseDataFile, withLines, type SourceFile } from '../catalogue/load.ts';
import type { Catalogue } from '../catalogue/schema.ts';
import {
  fail,
  findUnsafeKeys,
  ok,
  problemsFromZod,
  type Problem,
  type Result,
} from '../validation.ts';
import {
  ccssCrosswalkFileSchema,
  SFC_ID_PATTERN,
  sealCrosswalkFileSchema,
  type CcssCrosswalk,
  type Frameworks,
  type Requirement,
  type SealCrosswalk,
} from './schema.ts';

/** The crosswalk files in the catalogue's `crosswalks/` folder. */
export const SEAL_FILE = 'seal-sfc.yaml';
export const CCSS_FILE = 'ccss.yaml';

/**
 * Loads both crosswalks and checks them against the catalogue they map: every control id must be
 * one of its controls, every level on its scale, no control listed twice in one mapping, every SFC
 * id inside its module and section, and every SEAL SFC id the catalogue itself cites must exist
 * here with the same title. Every problem names the file, the path inside it and what was expected.
 */
export function loadFrameworks(
  files: { readonly seal: SourceFile; readonly ccss: SourceFile },
  catalogue: Catalogue,
): Result<Frameworks> {
  const seal = parseFile(files.seal, sealCrosswalkFileSchema);
  const ccss = parseFile(files.ccss, ccssCrosswalkFileSchema);
  if (!seal.ok || !ccss.ok) {
    return fail([...(seal.ok ? [] : seal.problems), ...(ccss.ok ? [] : ccss.problems)]);
  }
  const problems = [
    ...checkSeal(files.seal.name, seal.value, catalogue),
    ...checkCcss(files.ccss.name, ccss.value, catalogue),
  ];
  if (problems.length > 0) return fail(withLines(problems, [files.seal, files.ccss]));
  return ok({ seal: seal.value, ccss: ccss.value });
}

function parseFile<T>(file: SourceFile, schema: z.ZodMiniType<T>): Result<T> {
  const raw = parseDataFile(file);
  if (!raw.ok) return raw;
  const unsafe = findUnsafeKeys(file.name, raw.value);
  if (unsafe.length > 0) return fail(unsafe);
  const checked = schema.safeParse(raw.value);
  if (!checked.success) return fail(withLines(problemsFromZod(file.name, checked.error), [file]));
  return ok(checked.data);
}

function checkMeta(
  source: string,
  meta: { readonly catalogue: string },
  catalogue: Catalogue,
): Problem[] {
  return meta.catalogue === catalogue.meta.id
    ? []
    : [
        {
          source,
          path: 'crosswalk.catalogue',
          message: `maps catalogue "${meta.catalogue}", but the catalogue loaded is "${catalogue.meta.id}"`,
        },
      ];
}

/** The checks every mapped requirement shares, whichever framework it belongs to. */
function checkMapping(
  source: string,
  path: string,
  item: Requirement,
  controls: ReadonlySet<string>,
  topLevel: number,
): Problem[] {
  const problems: Problem[] = [];
  const unknown = (id: string, at: string): void => {
    problems.push({
      source,
      path: at,
      message: `unknown control "${id}"; expected the id of a control in the catalogue`,
    });
  };
  if (item.satisfiedBy !== undefined && item.covered === false) {
    problems.push({
      source,
      path: `${path}.covered`,
      message: 'a requirement with `satisfiedBy` is covered; drop `covered: false` or the mapping',
    });
  }
  if (item.satisfiedBy === undefined && item.covered !== false) {
    problems.push({
      source,
      path,
      message:
        'expected `satisfiedBy` (the catalogue controls that meet it) or `covered: false` (not covered by this catalogue)',
    });
  }
  if (item.satisfiedBy === undefined && item.notAssessed !== undefined) {
    problems.push({
      source,
      path: `${path}.notAssessed`,
      message:
        '`notAssessed` lists what a mapping leaves out; a requirement without `satisfiedBy` is answered whole',
    });
  }
  const mapped = item.satisfiedBy?.controls ?? [];
  mapped.forEach((m, i) => {
    const at = `${path}.satisfiedBy.controls[${i}]`;
    if (!controls.has(m.control)) unknown(m.control, `${at}.control`);
    if (mapped.findIndex((o) => o.control === m.control) < i) {
      problems.push({
        source,
        path: `${at}.control`,
        message: `control "${m.control}" is listed twice in this mapping; list it once`,
      });
    }
    if (m.level > topLevel) {
      problems.push({
        source,
        path: `${at}.level`,
        message: `level ${String(m.level)} is above the top of the scale (${String(topLevel)})`,
      });
    }
  });
  item.related?.forEach((id, i) => {
    const at = `${path}.related[${i}]`;
    if (!controls.has(id)) unknown(id, at);
    else if ((item.related ?? []).indexOf(id) < i) {
      problems.push({ source, path: at, message: `control "${id}" is listed twice; list it once` });
    } else if (mapped.some((m) => m.control === id)) {
      problems.push({
        source,
        path: at,
        message: `control "${id}" is already in \`satisfiedBy\`; "related" is for controls that are not`,
      });
    }
  });
  return problems;
}

function checkSeal(source: string, seal: SealCrosswalk, catalogue: Catalogue): Problem[] {
  const problems = checkMeta(source, seal.crosswalk, catalogue);
  const controls = new Set(catalogue.controls.map((c) => c.id));
  const topLevel = catalogue.scale.length - 1;
  const seen = new Map<string, string>();
  const titles = new Map<string, string>();
  const prefixes = new Map<string, number>();
  seal.modules.forEach((mod, mi) => {
    const modPath = `modules[${mi}]`;
    const first = prefixes.get(mod.prefix);
    if (first !== undefined) {
      problems.push({
        source,
        path: `${modPath}.prefix`,
        message: `prefix "${mod.prefix}" is already used by modules[${String(first)}]`,
      });
    } else prefixes.set(mod.prefix, mi);
    mod.sections.forEach((section, si) => {
      const sectionPath = `${modPath}.sections[${si}]`;
      if (!section.id.startsWith(`${mod.prefix}-`)) {
        problems.push({
          source,
          path: `${sectionPath}.id`,
          message: `section "${section.id}" is in module "${mod.id}", so its id must start with "${mod.prefix}-"`,
        });
      }
      section.controls.forEach((control, ci) => {
        const path = `${sectionPath}.controls[${ci}]`;
        const match = SFC_ID_PATTERN.exec(control.id);
        const sectionOf = match ? `${match[1] ?? ''}-${match[2] ?? ''}` : '';
        if (sectionOf !== section.id) {
          problems.push({
            source,
            path: `${path}.id`,
            message: `SFC control "${control.id}" is in section "${section.id}", so its id must start with "${section.id}."`,
          });
        }
        const previous = seen.get(control.id);
        if (previous !== undefined) {
          problems.push({
            source,
            path: `${path}.id`,
            message: `duplicate SFC control id "${control.id}" (first at ${previous})`,
          });
        } else {
          seen.set(control.id, path);
          titles.set(control.id, control.title);
        }
        problems.push(...checkMapping(source, path, control, controls, topLevel));
      });
    });
  });
  // The catalogue cites SFC controls by id and title; a citation the crosswalk cannot resolve
  // would show a control as mapped in one place and unknown in another.
  for (const c of catalogue.controls) {
    c.references?.forEach((ref, ri) => {
      if (ref.framework !== 'SEAL' || !SFC_ID_PATTERN.test(ref.id)) return;
      const title = titles.get(ref.id);
      if (title === undefined) {
        problems.push({
          source,
          path: 'modules',
          message: `catalogue control ${c.id} cites SFC control "${ref.id}" (references[${String(ri)}]), which no module here holds`,
        });
      } else if (ref.title !== undefined && ref.title !== title) {
        problems.push({
          source,
          path: seen.get(ref.id) ?? 'modules',
          message: `catalogue control ${c.id} cites "${ref.id}" as "${ref.title}"; the SFC title is "${title}"`,
        });
      }
    });
  }
  return problems;
}

function checkCcss(source: string, ccss: CcssCrosswalk, catalogue: Catalogue): Problem[] {
  const problems = checkMeta(source, ccss.crosswalk, catalogue);
  const controls = new Set(catalogue.controls.map((c) => c.id));
  const topLevel = catalogue.scale.length - 1;
  const aspects = new Set<string>();
  const components = new Set<string>();
  ccss.aspects.forEach((aspect, ai) => {
    const aspectPath = `aspects[${ai}]`;
    if (aspects.has(aspect.id)) {
      problems.push({
        source,
        path: `${aspectPath}.id`,
        message: `duplicate CCSS aspect "${aspect.id}"`,
      });
    }
    aspects.add(aspect.id);
    // Aspect "1.03" numbers its components "1.3.n" in this text.
    const [major = '', minor = ''] = aspect.id.split('.');
    const prefix = `${major}.${String(Number(minor))}.`;
    aspect.components.forEach((component, ci) => {
      const path = `${aspectPath}.components[${ci}]`;
      if (!component.id.startsWith(prefix)) {
        problems.push({
          source,
          path: `${path}.id`,
          message: `component "${component.id}" is in aspect ${aspect.id}, so its id must start with "${prefix}"`,
        });
      }
      if (components.has(component.id)) {
        problems.push({
          source,
          path: `${path}.id`,
          message: `duplicate CCSS component "${component.id}"`,
        });
      }
      components.add(component.id);
      component.levels.forEach((level, li) => {
        const levelPath = `${path}.levels[${li}]`;
        const before = component.levels[li - 1];
        if (before !== undefined && before.level >= level.level) {
          problems.push({
            source,
            path: `${levelPath}.level`,
            message: `level ${String(level.level)} follows level ${String(before.level)}; list each level once, in rising order`,
          });
        }
        problems.push(...checkMapping(source, levelPath, level, controls, topLevel));
      });
    });
  });
  return problems;
}
