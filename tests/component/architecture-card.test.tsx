import { render, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { useAppStore } from '../../src/store/app-store.ts';

const card = (id: string) => {
  const el = document.querySelector<HTMLElement>(`[data-control-id="${id}"]`);
  if (!el) throw new Error(`no card for ${id}`);
  return el;
};

describe('a control for something the team does not operate', () => {
  it('says on its card that it is scored as not applicable, and keeps the answer', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/assessment';
    render(<App />);
    // DEP-08 (bridge configuration) applies only to a team that runs a bridge.
    await user.click(within(card('DEP-08')).getByRole('radio', { name: /^1 / }));
    expect(within(card('DEP-08')).queryByText(/Scored as not applicable/)).toBeNull();

    act(() => useAppStore.getState().setArchitecture(['bridge']));
    const dep08 = within(card('DEP-08'));
    expect(
      dep08.getByText(
        /^Scored as not applicable \(not operated: Bridge or cross-chain messaging\)/,
      ),
    ).toBeInTheDocument();
    expect(dep08.getByRole('radio', { name: /^1 / })).toBeChecked();
    // A control every team has is not affected.
    expect(within(card('KEY-01')).queryByText(/Scored as not applicable/)).toBeNull();
  });
});
