import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { newAssessment, selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';
import { bundledCatalogue } from '../../src/store/catalogue.ts';

const active = () => selectActiveAssessment(useAppStore.getState());
const residual = () => screen.getByTestId('residual-risk').textContent;

beforeEach(() => {
  // Half the catalogue answered at level 1, so every profile has something to weigh.
  const answers = Object.fromEntries(
    bundledCatalogue.controls
      .filter((_, i) => i % 2 === 0)
      .map((c) => [c.id, { status: 'level' as const, level: 1 }]),
  );
  useAppStore.getState().addAssessment({
    ...newAssessment('a-1', new Date('2026-11-25T00:00:00Z'), 'Profiles'),
    answers,
  });
  window.location.hash = '#/report';
});

describe('the threat profile on the report', () => {
  it('scores with the default profile and says so, with the heavy-tail warning', () => {
    render(<App />);
    expect(screen.getByRole('combobox', { name: 'Weight gaps with' })).toHaveValue('trm-h1-2026');
    expect(screen.getAllByText(/TRM Labs, H1 2026/).length).toBeGreaterThan(0);
    expect(
      screen.getByText(/The mean incident \(\$4\.7M\) is 21× the median \(\$219k\)/),
    ).toBeInTheDocument();
  });

  it('changes the residual risk when another profile is picked, and saves the choice', async () => {
    const user = userEvent.setup();
    render(<App />);
    const before = residual();
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Weight gaps with' }),
      'trm-h1-2026-with-bybit',
    );
    expect(residual()).not.toBe(before);
    expect(active()?.profileId).toBe('trm-h1-2026-with-bybit');
  });

  it('saves an edited split with the assessment and marks edited figures as assumptions', async () => {
    const user = userEvent.setup();
    render(<App />);
    const before = residual();
    await user.click(screen.getByRole('button', { name: 'Edit the split' }));
    const loss = screen.getByLabelText('Signer social engineering: loss share (%)');
    await user.clear(loss);
    await user.type(loss, '1');
    await user.click(screen.getByRole('button', { name: 'Use these shares' }));
    const custom = active()?.customProfile;
    expect(custom?.id).toBe('custom-trm-h1-2026');
    const share = custom?.shares.find((s) => s.vector === 'signer-social-engineering');
    expect(share).toMatchObject({
      loss: 0.01,
      lossBasis: 'assumption',
      incidentsBasis: 'assumption',
    });
    expect(share?.note).toMatch(/Edited by the team/);
    expect(residual()).not.toBe(before);
    const table = screen.getByRole('table', { name: 'Residual risk by attack vector' });
    const row = within(table).getByRole('row', { name: /Signer social engineering/ });
    // Both shares of an edited vector are the team's assumption, and the row says so of each.
    expect(within(row).getByText('1.0% (assumption)')).toBeInTheDocument();
    expect(within(row).getAllByText(/^\d+\.\d% \(assumption\)$/)).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Discard edits' }));
    expect(active()?.customProfile).toBeUndefined();
    expect(residual()).toBe(before);
  });

  it('refuses shares that add up to more than 100% and keeps the saved profile', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('button', { name: 'Edit the split' }));
    const loss = screen.getByLabelText('Key compromise: loss share (%)');
    await user.clear(loss);
    await user.type(loss, '90');
    await user.click(screen.getByRole('button', { name: 'Use these shares' }));
    expect(
      await screen.findByText(/loss shares add up to .*%; they can add up to at most 100%/),
    ).toBeInTheDocument();
    expect(active()?.customProfile).toBeUndefined();
  });
});
