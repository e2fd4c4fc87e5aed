import { fireEvent, render, screen, within } from '@testing-library/react';
import { memo, Profiler, type ComponentProps } from 'react';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateScoringCatalogue } from '../../scripts/bench/generate.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { AssessmentPage } from '../../src/features/assessment/AssessmentPage.tsx';
import { ControlAnswer } from '../../src/features/assessment/ControlAnswer.tsx';
import { newAssessment, selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';
import {
  bundledCatalogue,
  loadCatalogueDetails,
  useCatalogueStore,
} from '../../src/store/catalogue.ts';

/**
 * Issue 18's "lists that scale" on a generated 1,000-control catalogue: one answer re-renders the
 * one card it changes, and the cards share one store subscription. Cards are counted with React's
 * Profiler around the real card (the card itself is not replaced: the wrapper renders it with the
 * same props and the same memo comparison), subscriptions by counting the store's listeners.
 */
const renders = vi.hoisted(() => ({ log: [] as { id: string; phase: string }[] }));

vi.mock('../../src/features/assessment/ControlAnswer.tsx', async (importOriginal) => {
  const actual = await importOriginal<{ ControlAnswer: typeof ControlAnswer }>();
  const Real = actual.ControlAnswer;
  const Counted = memo(function Counted(props: ComponentProps<typeof Real>) {
    return (
      <Profiler id={props.control.id} onRender={(id, phase) => renders.log.push({ id, phase })}>
        <Real {...props} />
      </Profiler>
    );
  });
  return { ...actual, ControlAnswer: Counted };
});

const CONTROLS = 1000;

function largeCatalogue(): Catalogue {
  const { catalogue } = generateScoringCatalogue(bundledCatalogue, CONTROLS);
  // A team's catalogue, loaded beside the built-in one, as the app's own import would add it.
  return { ...catalogue, meta: { ...catalogue.meta, id: 'generated-1000', name: 'Generated' } };
}

/**
 * The app store's listeners, counted in and out: every subscription goes through the store's
 * subscribe (the React bindings' and the cards' shared one alike), which the spy wraps.
 */
function countListeners(): { active: () => number; restore: () => void } {
  const storeSubscribe = useAppStore.subscribe;
  let active = 0;
  const spy = vi.spyOn(useAppStore, 'subscribe').mockImplementation((listener) => {
    active += 1;
    const unsubscribe = storeSubscribe(listener);
    let done = false;
    return () => {
      if (!done) active -= 1;
      done = true;
      unsubscribe();
    };
  });
  return { active: () => active, restore: () => spy.mockRestore() };
}

const card = (id: string): HTMLElement => {
  const el = document.querySelector<HTMLElement>(`[data-control-id="${id}"]`);
  if (!el) throw new Error(`no card for ${id}`);
  return el;
};

let catalogue: Catalogue;
const listeners = countListeners();
afterAll(() => listeners.restore());

beforeEach(async () => {
  await loadCatalogueDetails(bundledCatalogue);
  catalogue = largeCatalogue();
  useCatalogueStore.setState({
    user: [
      { loadedAt: '2026-01-01T00:00:00.000Z', files: [], result: { ok: true, value: catalogue } },
    ],
  });
  useAppStore
    .getState()
    .addAssessment(newAssessment('scale', new Date('2026-01-01'), 'Scale', catalogue));
  renders.log = [];
});

describe('the Assessment page with 1,000 controls', () => {
  it('gives the cards one store subscription between them, gone with the last card', () => {
    const controls = catalogue.controls.slice(0, 3);
    const before = listeners.active();
    const { unmount } = render(
      <>
        {controls.map((c) => (
          <ControlAnswer key={c.id} control={c} scale={catalogue.scale} />
        ))}
      </>,
    );
    expect(listeners.active() - before).toBe(1);
    unmount();
    expect(listeners.active()).toBe(before);
  });

  it('re-renders exactly the answered card, once, on an answer, a key and a flag', () => {
    render(<AssessmentPage />);
    expect(document.querySelectorAll('[data-control-id]')).toHaveLength(CONTROLS);
    const mounted = renders.log.filter((r) => r.phase === 'mount').length;
    expect(mounted).toBe(CONTROLS);
    // One listener for all the cards; the rest are the page's own (progress, filter, undo, panels).
    const pageOwn = listeners.active();
    expect(pageOwn).toBeGreaterThan(0);
    expect(pageOwn).toBeLessThan(40);

    // A card far down the list, answered by clicking a level.
    const far = catalogue.controls[CONTROLS - 3]?.id ?? '';
    renders.log = [];
    const level2 = within(card(far)).getAllByRole('radio')[2];
    if (!level2) throw new Error(`no level 2 in ${far}`);
    fireEvent.click(level2);
    expect(selectActiveAssessment(useAppStore.getState())?.answers[far]).toEqual({
      status: 'level',
      level: 2,
    });
    expect(renders.log).toEqual([{ id: far, phase: 'update' }]);

    // Another card, by the digit key on the focused card.
    const near = catalogue.controls[5]?.id ?? '';
    renders.log = [];
    fireEvent.keyDown(card(near), { key: '3' });
    expect(selectActiveAssessment(useAppStore.getState())?.answers[near]?.status).toBe('level');
    expect(renders.log).toEqual([{ id: near, phase: 'update' }]);

    // Flagging touches the details, not the answer: still that card alone.
    renders.log = [];
    fireEvent.click(within(card(near)).getByRole('button', { name: /^Flag to revisit/ }));
    expect(renders.log).toEqual([{ id: near, phase: 'update' }]);
    expect(within(card(near)).getByText(/flagged to revisit/)).toBeInTheDocument();

    // The page's own figures still follow: two answered of 1,000.
    expect(screen.getByText('of 1000 answered', { exact: false })).toBeInTheDocument();
    expect(listeners.active()).toBe(pageOwn);
  }, 120_000);
});
