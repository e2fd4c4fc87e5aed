import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';

const active = () => selectActiveAssessment(useAppStore.getState());

beforeEach(() => {
  window.location.hash = '#/assessment';
});

describe('what your team operates', () => {
  it('records a feature not operated from a labelled checkbox, by keyboard, and says what it removed', async () => {
    const user = userEvent.setup();
    render(<App />);
    const group = within(screen.getByRole('group', { name: 'What your team operates' }));
    const bridge = group.getByRole('checkbox', { name: 'Bridge or cross-chain messaging' });
    expect(bridge).toBeChecked();
    expect(bridge).toHaveAccessibleDescription(/locks, mints or releases assets/);
    expect(group.getByRole('status')).toHaveTextContent('Every control and attack vector applies.');
    bridge.focus();
    await user.keyboard(' ');
    expect(bridge).not.toBeChecked();
    expect(active()?.architecture).toEqual({ notOperated: ['bridge'] });
    expect(group.getByRole('status')).toHaveTextContent(
      '1 control not applicable, 0 attack vectors without weight.',
    );
    await user.click(
      group.getByRole('checkbox', { name: 'Validators, oracles, keepers or relayers' }),
    );
    expect(active()?.architecture).toEqual({ notOperated: ['bridge', 'nodes'] });
    expect(group.getByRole('status')).toHaveTextContent(
      '3 controls not applicable, 1 attack vector without weight.',
    );
    await user.click(bridge);
    await user.click(
      group.getByRole('checkbox', { name: 'Validators, oracles, keepers or relayers' }),
    );
    expect(active()).not.toHaveProperty('architecture');
  });
});
