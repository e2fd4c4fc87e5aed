import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import { MAX_PROBLEMS } from '../../src/domain/validation.ts';
import { newAssessment, useAppStore } from '../../src/store/app-store.ts';
import { everythingSaved } from '../fixtures/storage.ts';

const BAD_KEYS = 300_000;

/**
 * A participant's file with 300,000 answers under keys no catalogue has: the red team's file that
 * overflowed the stack (in the import) and threw an uncaught error on the Workshop page.
 */
function hostileFile(): File {
  const own = newAssessment('p-mallory', new Date('2026-11-24T09:00:00Z'), 'Mallory');
  const text = assessmentToJson({ ...own, assessors: ['Mallory'] });
  const answers = Array.from({ length: BAD_KEYS }, (_, i) => `"k${String(i)}":1`).join(',');
  return new File([text.replace('"answers": {}', `"answers": {${answers}}`)], 'mallory.json', {
    type: 'application/json',
  });
}

describe('a participants’ file with 300,000 bad keys', () => {
  it('is refused on the page with the first problems and a count, and changes nothing', async () => {
    useAppStore.getState().addAssessment({
      ...newAssessment('w-1', new Date('2026-11-25T09:00:00Z'), 'Workshop'),
      assessors: ['Ana Auditor'],
    });
    const before = await everythingSaved();
    const state = useAppStore.getState().assessments;
    const errors = vi.spyOn(console, 'error');
    window.location.hash = '#/workshop';
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('button', { name: 'Participants' }));

    const file = hostileFile();
    expect(file.size).toBeLessThan(5 * 1024 * 1024);
    await user.upload(screen.getByLabelText('Participants’ files'), file);

    const alert = await screen.findByRole('alert', {}, { timeout: 20_000 });
    expect(alert).toHaveTextContent('mallory.json');
    expect(alert).toHaveTextContent(/more problems not listed/);
    expect(within(alert).getAllByRole('listitem').length).toBeLessThanOrEqual(MAX_PROBLEMS + 1);
    expect(alert).not.toHaveTextContent('Maximum call stack');
    expect(errors).not.toHaveBeenCalled();
    expect(useAppStore.getState().assessments).toBe(state);
    expect(await everythingSaved()).toEqual(before);
  }, 60_000);
});
