import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { PersistenceBanner } from '../../src/components/PersistenceBanner.tsx';
import { PERSISTED_VERSION } from '../../src/domain/persistence/persisted.ts';
import {
  createAppStore,
  newAssessment,
  selectActiveAssessment,
  STORAGE_KEY,
  useAppStore,
} from '../../src/store/app-store.ts';
import { usePersistenceStatus } from '../../src/store/persistence-status.ts';
import { createGuardedStorage } from '../../src/store/storage.ts';
import { appStorage } from '../fixtures/storage.ts';

const NOW = new Date('2026-11-25T12:00:00.000Z');

/** Saved data whose answers no longer fit the catalogue: a level above the scale, a lost control. */
async function seedMisfits(): Promise<void> {
  const base = newAssessment('saved', NOW, 'Saved before the update');
  const assessment = {
    ...base,
    answers: {
      'KEY-01': { status: 'level', level: 9, notes: 'From a 0–10 scale' },
      'KEY-02': { status: 'level', level: 2 },
      'ZZZ-99': { status: 'level', level: 1 },
    },
  };
  await appStorage().backend.write(
    STORAGE_KEY,
    JSON.stringify({
      version: PERSISTED_VERSION,
      state: { assessments: { saved: assessment }, activeAssessmentId: 'saved' },
    }),
  );
}

describe('saved answers that no longer fit their catalogue', () => {
  it('are loaded, kept and listed for review instead of passing silently', async () => {
    await seedMisfits();
    const store = createAppStore({
      storage: createGuardedStorage(appStorage().backend, null),
      now: () => NOW,
      newId: () => 'fresh',
      followOtherTabs: false,
    });
    // Nothing is dropped: the answers are all still there to be answered again.
    await waitFor(() =>
      expect(Object.keys(selectActiveAssessment(store.getState())?.answers ?? {})).toEqual([
        'KEY-01',
        'KEY-02',
        'ZZZ-99',
      ]),
    );
    render(<PersistenceBanner />);
    const banner = await screen.findByRole('alert', {
      name: 'Saved answers that no longer fit their catalogue',
    });
    expect(within(banner).getByText(/answers\.KEY-01\.level/)).toBeInTheDocument();
    expect(within(banner).getByText(/answers\.ZZZ-99/)).toBeInTheDocument();
    expect(within(banner).queryByText(/KEY-02/)).toBeNull();
    expect(usePersistenceStatus.getState().loadFailure).toBeNull();
  });

  it('never show a level above the scale as meeting its target', async () => {
    await seedMisfits();
    await useAppStore.persist.rehydrate();
    window.location.hash = '#/assessment';
    render(<App />);
    const card = await waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-control-id="KEY-01"]');
      if (!el) throw new Error('no card yet');
      return el;
    });
    expect(
      within(card).getByText(/^Saved level 9 is above this catalogue's scale \(0–3\)/),
    ).toBeInTheDocument();
    expect(within(card).queryByText(/meets target/)).toBeNull();
    expect(card.className).toContain('answer-gap');
  });
});
