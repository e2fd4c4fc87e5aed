// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration cannot be imported: the store loads the built-in catalogue through the build plugin, typed there
/// <reference path="../../src/virtual.d.ts" />
import { describe, expect, it } from 'vitest';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { participantFromFile } from '../../src/domain/workshop/participants.ts';
import {
  createAppStore,
  selectActiveAssessment,
  type FileSource,
} from '../../src/store/app-store.ts';
import { createGuardedStorage } from '../../src/store/storage.ts';
import { onlyCatalogue, tinyCatalogue } from '../fixtures/catalogue.ts';
import { memoryBackend } from '../fixtures/storage.ts';
import { MAX_STATE_BACKUP_BYTES } from '../../src/domain/persistence/backup.ts';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const tiny = tinyCatalogue([{}, { baseline: 3 }]);

const tinyOnly = onlyCatalogue(tiny);

function store() {
  let ids = 0;
  return createAppStore({
    storage: createGuardedStorage(memoryBackend()),
    now: () => NOW,
    newId: () => `id-${String(++ids)}`,
    catalogues: tinyOnly,
    digest: (text) => Promise.resolve(String(text.length).padStart(64, '0')),
    followOtherTabs: false,
  });
}

function file(name: string, text: string): FileSource {
  return { name, size: text.length, text: () => Promise.resolve(text) };
}

/** A participant's answers to the store's open assessment, as the file they would export. */
function participantFile(
  s: ReturnType<typeof createAppStore>,
  part: Pick<Assessment, 'id' | 'assessors' | 'answers'>,
): string {
  const own = selectActiveAssessment(s.getState());
  if (!own) throw new Error('no assessment');
  return assessmentToJson({ ...own, ...part });
}

const ANA = {
  id: 'p1',
  assessors: ['Ana'],
  answers: { 'KEY-01': { status: 'level', level: 1 } },
} as const satisfies Pick<Assessment, 'id' | 'assessors' | 'answers'>;

describe('the store, given its catalogues', () => {
  it('starts its first assessment on the catalogue it is given', () => {
    const s = store();
    expect(selectActiveAssessment(s.getState())?.catalogue).toEqual({
      id: 'tiny',
      version: '1.0.0',
    });
  });

  it('checks levels against the scale of the catalogue it is given', () => {
    const s = store();
    s.getState().setAnswer('KEY-01', { status: 'level', level: 3 });
    expect(() => s.getState().setAnswer('KEY-01', { status: 'level', level: 4 })).toThrow(
      /above the top of the scale \(3\)/,
    );
    expect(selectActiveAssessment(s.getState())?.answers['KEY-01']).toEqual({
      status: 'level',
      level: 3,
    });
  });

  it('keeps the notes when a level is chosen or a control is agreed', () => {
    const s = store();
    s.getState().setAnswer('KEY-01', { status: 'level', level: 1, notes: 'Ledger in the safe' });
    s.getState().chooseAnswer('KEY-01', { status: 'level', level: 2 });
    s.getState().agreeChoice('KEY-01', { status: 'na', justification: 'No keys' }, ['Ana']);
    const a = selectActiveAssessment(s.getState());
    expect(a?.answers['KEY-01']).toEqual({
      status: 'na',
      justification: 'No keys',
      notes: 'Ledger in the safe',
    });
    expect(a?.workshop?.agreements['KEY-01']?.by).toEqual(['Ana']);
    s.getState().setNotes('KEY-01', '  ');
    expect(selectActiveAssessment(s.getState())?.answers['KEY-01']).toEqual({
      status: 'na',
      justification: 'No keys',
    });
    // Each change is one step back.
    s.getState().undo();
    expect(selectActiveAssessment(s.getState())?.answers['KEY-01']?.notes).toBe(
      'Ledger in the safe',
    );
  });

  it('imports an assessment file against those catalogues, as a copy when its id is taken', async () => {
    const s = store();
    // Started on, so not the untouched first-visit assessment an import takes the place of.
    s.getState().setAnswer('KEY-02', { status: 'level', level: 1 });
    const own = selectActiveAssessment(s.getState());
    if (!own) throw new Error('no assessment');
    const text = assessmentToJson({ ...own, answers: { 'KEY-01': { status: 'level', level: 2 } } });
    const result = await s.getState().importAssessmentFile(file('q3.json', text));
    expect(result).toMatchObject({ ok: true, renamed: true, name: 'My assessment (imported)' });
    const imported = selectActiveAssessment(s.getState());
    expect(imported?.id).not.toBe(own.id);
    expect(imported?.answers['KEY-01']).toEqual({ status: 'level', level: 2 });

    const foreign = text.replace('"id": "tiny"', '"id": "elsewhere"');
    const refused = await s.getState().importAssessmentFile(file('other.json', foreign));
    expect(refused.ok).toBe(false);
    expect(Object.keys(s.getState().assessments)).toHaveLength(2);
  });

  it('refuses a file too large to read, without reading it', async () => {
    const s = store();
    const result = await s.getState().importAssessmentFile({
      name: 'huge.json',
      // Past the larger of the two limits: a backup of saved data may be up to 64 MB.
      size: MAX_STATE_BACKUP_BYTES + 1,
      text: () => Promise.reject(new Error('must not be read')),
    });
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ source: 'huge.json', path: '(root)' })],
    });
  });

  it('imports participants all together, and the same file only once', async () => {
    const s = store();
    const ana = participantFile(s, ANA);
    const ben = participantFile(s, { id: 'p2', assessors: ['Ben'], answers: {} });
    const first = await s
      .getState()
      .importParticipants([file('ana.json', ana), file('ben.json', ben)], 'team');
    expect(first).toEqual({ added: ['Ana', 'Ben'], problems: [], warnings: [] });
    const participants = selectActiveAssessment(s.getState())?.workshop?.participants ?? [];
    const expected = participantFromFile({
      text: ana,
      fileName: 'ana.json',
      catalogue: tiny,
      role: 'team',
      id: participants[0]?.id ?? '',
      importedAt: NOW.toISOString(),
      sha256: String(ana.length).padStart(64, '0'),
    });
    expect(expected.ok && expected.value.participant).toEqual(participants[0]);

    const again = await s.getState().importParticipants([file('ana-again.json', ana)], 'team');
    expect(again.added).toEqual([]);
    expect(again.problems[0]?.message).toBe('this file was already imported, as Ana');
    expect(selectActiveAssessment(s.getState())?.workshop?.participants).toHaveLength(2);
  });

  it.each([
    ['re-exported with other whitespace', (text: string) => text.replace(/\n {2}/g, '\n    ')],
    [
      're-exported after changing an answer',
      (text: string) => text.replace('"level": 1', '"level": 2, "notes": "Rotated since"'),
    ],
  ])('counts a participant once when their file comes back %s', async (_what, change) => {
    const s = store();
    const ana = participantFile(s, ANA);
    expect((await s.getState().importParticipants([file('ana.json', ana)], 'team')).added).toEqual([
      'Ana',
    ]);
    const again = change(ana);
    expect(again).not.toBe(ana);
    const result = await s.getState().importParticipants([file('ana-v2.json', again)], 'auditor');
    expect(result.added).toEqual([]);
    expect(result.problems).toEqual([
      {
        source: 'ana-v2.json',
        path: '(root)',
        message:
          'Ana is already a participant (imported from ana.json); this file is the same person’s assessment again, and each person counts once. Remove Ana first to replace their answers.',
      },
    ]);
    expect(selectActiveAssessment(s.getState())?.workshop?.participants).toHaveLength(1);
  });

  it('still takes two people whose files differ only in who they are', async () => {
    const s = store();
    const own = selectActiveAssessment(s.getState());
    if (!own) throw new Error('no assessment');
    // Names of different lengths: this store's test digest is the text's length.
    const files = ['Ana', 'Benedict'].map((name) =>
      file(
        `${name}.json`,
        assessmentToJson({ ...own, id: 'same-id', assessors: [name], answers: {} }),
      ),
    );
    expect((await s.getState().importParticipants(files, 'team')).added).toEqual([
      'Ana',
      'Benedict',
    ]);
  });
});
