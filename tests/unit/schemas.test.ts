import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderSchema, SCHEMAS } from '../../scripts/build/generate-schemas.ts';
import { repoRoot } from '../fixtures/catalogue.ts';

it.each(SCHEMAS.map((s) => [s.path, s] as const))(
  'the committed %s matches the zod schema (run npm run schemas if not)',
  (path, entry) => {
    expect(readFileSync(`${repoRoot}${path}`, 'utf8')).toBe(renderSchema(entry));
  },
);
