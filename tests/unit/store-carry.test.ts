import { describe, expect, it } from 'vitest';
import { PERSISTED_VERSION } from '../../src/domain/persistence/persisted.ts';
import {
  createAppStore,
  newAssessment,
  selectActiveAssessment,
  STORAGE_KEY,
} from '../../src/store/app-store.ts';
import { bundledCatalogue } from '../../src/store/catalogue.ts';
import { createGuardedStorage } from '../../src/store/storage.ts';
import { memoryBackend } from '../fixtures/storage.ts';

const NOW = new Date('2026-12-01T10:00:00.000Z');

describe('an assessment saved with catalogue 1.1.0', () => {
  it('gets the answers 1.2.0 merged into APR-14 and split into APR-15 once loaded', async () => {
    const merge = bundledCatalogue.migrations?.find((m) => m.into === 'APR-14');
    expect(merge?.from).toContain('APR-09');
    const saved = {
      ...newAssessment('old', NOW, 'Saved under 1.1.0'),
      catalogue: { id: bundledCatalogue.meta.id, version: '1.1.0' },
      answers: {
        'KEY-07': { status: 'level' as const, level: 2 },
        'APR-09': { status: 'level' as const, level: 1 },
      },
    };
    const backend = memoryBackend();
    await backend.write(
      STORAGE_KEY,
      JSON.stringify({
        state: { assessments: { old: saved }, activeAssessmentId: 'old' },
        version: PERSISTED_VERSION,
      }),
    );
    const storage = createGuardedStorage(backend, null);
    const store = createAppStore({ storage, now: () => NOW, followOtherTabs: false });
    await new Promise<void>((resolve) => {
      const poll = () =>
        selectActiveAssessment(store.getState())?.answers['APR-14'] !== undefined
          ? resolve()
          : setTimeout(poll, 5);
      poll();
    });
    const a = selectActiveAssessment(store.getState());
    // The lowest level of the sources, flagged to revisit with how it was found.
    expect(a?.answers['APR-14']).toEqual({ status: 'level', level: 1 });
    expect(a?.meta['APR-14']?.revisit).toBe(true);
    expect(a?.meta['APR-14']?.followUp).toMatch(/^Carried: .*lowest, 1/);
    expect(a?.answers['APR-15']).toEqual({ status: 'level', level: 1 });
    // The sources keep their answers, and the carried state is saved.
    expect(a?.answers['KEY-07']).toEqual({ status: 'level', level: 2 });
    await storage.flush();
    expect(await backend.read(STORAGE_KEY)).toContain('"APR-14"');
  });
});
