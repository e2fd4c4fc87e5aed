import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';

function sfcControl(id: string): HTMLElement {
  const summary = screen.getByText(id, { selector: 'summary .control-id' });
  const details = summary.closest('details');
  if (!details) throw new Error(`no SFC control ${id}`);
  return details;
}

describe('the Frameworks page', () => {
  it('derives SFC statuses from the answers and shows the attribution', async () => {
    window.location.hash = '#/readiness';
    render(<App />);
    expect(
      await screen.findByRole('heading', { name: 'Framework readiness', level: 1 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: /0 of 6 modules ready to apply/ }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Security Alliance \(SEAL\) Frameworks, CC BY-SA 4.0/).length,
    ).toBeGreaterThan(0);

    // ms-3.1.7 rests on SIG-03 at level 2 alone.
    expect(
      within(sfcControl('ms-3.1.7')).getByText('Unanswered', { selector: '.sfc-status' }),
    ).toBeInTheDocument();
    act(() => useAppStore.getState().chooseAnswer('SIG-03', { status: 'level', level: 1 }));
    expect(
      within(sfcControl('ms-3.1.7')).getByText('Partial', { selector: '.sfc-status' }),
    ).toBeInTheDocument();
    act(() => useAppStore.getState().chooseAnswer('SIG-03', { status: 'level', level: 2 }));
    expect(
      within(sfcControl('ms-3.1.7')).getByText('Implemented', { selector: '.sfc-status' }),
    ).toBeInTheDocument();
  });

  it(
    'takes a direct answer by keyboard, and refuses N/A without a justification at the field',
    { timeout: 60_000 },
    async () => {
      const user = userEvent.setup();
      window.location.hash = '#/readiness';
      render(<App />);
      const control = await screen.findByText('ms-1.1.1', { selector: 'summary .control-id' });
      await user.click(control);
      const item = within(sfcControl('ms-1.1.1'));
      const group = item.getByRole('group', { name: /Does the team meet ms-1.1.1/ });
      await user.click(within(group).getByRole('radio', { name: 'Not applicable' }));
      await user.click(item.getByRole('button', { name: 'Save answer' }));
      expect(item.getByText(/a justification is required/)).toBeInTheDocument();
      expect(item.getByLabelText(/Justification/)).toHaveAttribute('aria-invalid', 'true');
      expect(selectActiveAssessment(useAppStore.getState())?.frameworks).toBeUndefined();

      await user.click(item.getByLabelText(/Justification/));
      await user.paste('One multisig, run by the CFO.');
      await user.click(item.getByRole('button', { name: 'Save answer' }));
      expect(
        selectActiveAssessment(useAppStore.getState())?.frameworks?.seal?.['ms-1.1.1'],
      ).toEqual({
        state: 'na',
        justification: 'One multisig, run by the CFO.',
      });
      expect(item.getByText('N/A', { selector: '.sfc-status' })).toBeInTheDocument();

      // Arrow keys move within the radio group.
      within(group).getByRole('radio', { name: 'Yes' }).focus();
      await user.keyboard('{ArrowRight}');
      expect(within(group).getByRole('radio', { name: 'Partial' })).toBeChecked();
      await user.click(item.getByRole('button', { name: 'Save answer' }));
      expect(item.getByText('Partial', { selector: '.sfc-status' })).toBeInTheDocument();
    },
  );

  it('the store refuses a direct answer to an SFC control the catalogue decides alone', () => {
    expect(() =>
      useAppStore.getState().setFrameworkAnswer('seal', 'ms-3.1.7', { state: 'yes' }),
    ).toThrow(/established by catalogue controls alone/);
    expect(() =>
      useAppStore.getState().setFrameworkAnswer('seal', 'ms-9.9.9', { state: 'yes' }),
    ).toThrow(/not a requirement/);
  });
});
