import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from '../../src/domain/zod.ts';
import { assessmentFileSchema } from '../../src/domain/assessment/schema.ts';
import { catalogueFileSchema } from '../../src/domain/catalogue/schema.ts';

/**
 * JSON Schemas for the data files people edit by hand, generated from the zod schemas the app
 * validates with, so an editor's red squiggle and the app's error come from the same rules.
 * Cross-file checks (unique ids, references) are beyond JSON Schema; `npm run catalogue:check`
 * runs those. `--check` fails when a committed schema is stale, which CI runs.
 */
export const SCHEMAS = [
  {
    path: 'public/schemas/catalogue.schema.json',
    title: 'OpsReady catalogue file',
    schema: catalogueFileSchema,
  },
  {
    path: 'public/schemas/assessment.schema.json',
    title: 'OpsReady assessment file',
    schema: assessmentFileSchema,
  },
] as const;

export function renderSchema(entry: (typeof SCHEMAS)[number]): string {
  const json = z.toJSONSchema(entry.schema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...json, title: entry.title }, null, 2)}\n`;
}

if (process.argv[1]?.endsWith('generate-schemas.ts')) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const entry of SCHEMAS) {
    const text = renderSchema(entry);
    if (check) {
      let current = '';
      try {
        current = readFileSync(entry.path, 'utf8');
      } catch {
        // Missing counts as stale.
      }
      if (current !== text) {
        console.error(`${entry.path} is out of date: run npm run schemas`);
        stale += 1;
      }
    } else {
      mkdirSync(dirname(entry.path), { recursive: true });
      writeFileSync(entry.path, text);
      console.log(`wrote ${entry.path}`);
    }
  }
  if (stale > 0) process.exit(1);
}
