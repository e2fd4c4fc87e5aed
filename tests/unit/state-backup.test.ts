import { describe, expect, it } from 'vitest';
import { MAX_ASSESSMENT_FILE_BYTES } from '../../src/domain/assessment/import.ts';
import { MAX_STATE_BACKUP_BYTES, parseStateBackup } from '../../src/domain/persistence/backup.ts';
import { PERSISTED_VERSION } from '../../src/domain/persistence/persisted.ts';
import { createAppStore } from '../../src/store/app-store.ts';
import { createGuardedStorage } from '../../src/store/storage.ts';
import { onlyCatalogue, tinyAssessment, tinyCatalogue } from '../fixtures/catalogue.ts';
import { memoryBackend } from '../fixtures/storage.ts';

// 240 controls with the longest notes allowed: one assessment just under the 5 MB file limit.
const CONTROLS = 240;
const catalogue = tinyCatalogue(Array.from({ length: CONTROLS }, () => ({})));

function long(id: string) {
  const answers = Object.fromEntries(
    catalogue.controls.map((c) => [
      c.id,
      { status: 'level' as const, level: 2, notes: 'x'.repeat(20_000) },
    ]),
  );
  return tinyAssessment({ id, answers });
}

describe('a backup of saved data larger than one file may be', () => {
  it('imports whole when each assessment inside is within the file limit', () => {
    const state = {
      assessments: { first: long('first'), second: long('second') },
      activeAssessmentId: 'first',
    };
    const text = JSON.stringify({ state, version: PERSISTED_VERSION });
    expect(text.length).toBeGreaterThan(MAX_ASSESSMENT_FILE_BYTES * 1.8);

    const result = parseStateBackup(text, 'opsready-saved-data.json', [catalogue]);
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(result.value.assessments.map((a) => a.file.assessment.id)).toEqual(['first', 'second']);
    expect(result.value.skipped).toEqual([]);
  });

  it('imports through the app, past the door a single file must pass', async () => {
    let ids = 0;
    const store = createAppStore({
      storage: createGuardedStorage(memoryBackend(), null),
      newId: () => `new-${String(++ids)}`,
      catalogues: onlyCatalogue(catalogue),
      followOtherTabs: false,
    });
    const text = JSON.stringify({
      state: {
        assessments: { first: long('first'), second: long('second') },
        activeAssessmentId: 'first',
      },
      version: PERSISTED_VERSION,
    });
    const result = await store.getState().importAssessmentFile({
      name: 'opsready-saved-data.json',
      size: text.length,
      text: () => Promise.resolve(text),
    });
    expect(result).toMatchObject({ ok: true, backup: { skipped: [] } });
    expect(Object.keys(store.getState().assessments)).toEqual(
      expect.arrayContaining(['first', 'second']),
    );
  });

  it('is refused past its own limit, located, before it is parsed', () => {
    const text = `{"state":{},"version":${String(PERSISTED_VERSION)},"pad":"${' '.repeat(MAX_STATE_BACKUP_BYTES)}"}`;
    const result = parseStateBackup(text, 'huge.json', [catalogue]);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          source: 'huge.json',
          path: '(root)',
          message: expect.stringMatching(
            /^file is too large \(\d+ characters; at most 67108864 bytes accepted for a backup of saved data\)$/,
          ) as string,
        },
      ],
    });
  });
});
