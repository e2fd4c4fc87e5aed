// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration cannot be imported: the store loads the built-in catalogue through the build plugin, typed there
/// <reference path="../../src/virtual.d.ts" />
import { describe, expect, it } from 'vitest';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { createAppStore, selectActiveAssessment } from '../../src/store/app-store.ts';
import { createGuardedStorage } from '../../src/store/storage.ts';
import { onlyCatalogue, tinyCatalogue } from '../fixtures/catalogue.ts';
import { memoryBackend } from '../fixtures/storage.ts';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const tiny = {
  ...tinyCatalogue([{ appliesTo: ['bridge'] }, {}]),
  architecture: [
    { id: 'bridge', name: 'Bridge', description: 'A bridge.' },
    { id: 'front-end', name: 'Web front end', description: 'A web app.' },
  ],
};
const only = onlyCatalogue(tiny);

function store() {
  let ids = 0;
  return createAppStore({
    storage: createGuardedStorage(memoryBackend(), null),
    now: () => NOW,
    newId: () => `id-${String(++ids)}`,
    catalogues: only,
    digest: (text) => Promise.resolve(String(text.length).padStart(64, '0')),
    followOtherTabs: false,
  });
}

describe('setArchitecture', () => {
  it('records what is not operated in the catalogue’s order, and none removes the field', () => {
    const s = store();
    s.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    s.getState().setArchitecture(['front-end', 'bridge']);
    const a = selectActiveAssessment(s.getState());
    expect(a?.architecture).toEqual({ notOperated: ['bridge', 'front-end'] });
    // The answer to the bridge's control is kept, only scored as N/A.
    expect(a?.answers['KEY-01']).toEqual({ status: 'level', level: 1 });
    s.getState().setArchitecture([]);
    expect(selectActiveAssessment(s.getState())).not.toHaveProperty('architecture');
  });

  it('refuses a feature the catalogue does not declare, and a repeated one, saving nothing', () => {
    const s = store();
    expect(() => s.getState().setArchitecture(['bridges'])).toThrow(
      /Refused to save the architecture:\n.*"bridges" is not an architecture feature of catalogue tiny/,
    );
    expect(() => s.getState().setArchitecture(['bridge', 'bridge'])).toThrow(
      /expected each feature once/,
    );
    expect(selectActiveAssessment(s.getState())).not.toHaveProperty('architecture');
  });

  it('exports what it records, and the export imports back the same', () => {
    const s = store();
    s.getState().setArchitecture(['bridge']);
    const a = selectActiveAssessment(s.getState());
    if (!a) throw new Error('expected an assessment');
    const back = parseAssessmentFile(assessmentToJson(a), 'a.json', tiny);
    expect(back.ok && back.value.file.assessment.architecture).toEqual({ notOperated: ['bridge'] });
  });
});
