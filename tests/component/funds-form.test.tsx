import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';

const active = () => selectActiveAssessment(useAppStore.getState());

beforeEach(() => {
  window.location.hash = '#/assessment';
});

async function openFunds(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByText('Funds at risk'));
  return within(screen.getByText('Funds at risk').closest('details') as HTMLElement);
}

describe('funds at risk', () => {
  it('shows each bad amount at its field and saves nothing until every one is valid', async () => {
    const user = userEvent.setup();
    render(<App />);
    const form = await openFunds(user);
    const tvl = form.getByLabelText(/^Value locked in contracts, USD/);
    const treasury = form.getByLabelText(/^Treasury wallets, USD/);
    const hot = form.getByLabelText(/^Hot-wallet float, USD/);
    expect(tvl).toHaveAccessibleDescription(/vaults, pools, lending markets/);
    await user.type(tvl, '-5');
    await user.type(treasury, '12M');
    await user.type(hot, '5000000000000');
    await user.click(form.getByRole('button', { name: 'Save funds' }));
    expect(tvl).toHaveAttribute('aria-invalid', 'true');
    expect(tvl).toHaveAccessibleDescription(/expected an amount of at least \$0/);
    expect(treasury).toHaveAccessibleDescription(/expected an amount in US dollars, digits only/);
    expect(hot).toHaveAccessibleDescription(/at most \$1,000,000,000,000/);
    expect(active()?.funds).toBeUndefined();

    await user.clear(tvl);
    await user.type(tvl, '145,000,000');
    await user.clear(treasury);
    await user.type(treasury, '9400000');
    await user.clear(hot);
    await user.click(form.getByRole('button', { name: 'Save funds' }));
    expect(active()?.funds?.pools).toEqual({ 'contract-tvl': 145_000_000, treasury: 9_400_000 });
    expect(form.getByRole('status')).toHaveTextContent(/^Saved: \$154M as of \d{4}-\d{2}-\d{2}\.$/);
  });

  it('refuses a pool the architecture no longer has, at the field, and an incident rate out of range', async () => {
    const user = userEvent.setup();
    render(<App />);
    const form = await openFunds(user);
    await user.type(form.getByLabelText(/^Bridge escrow, USD/), '38000000');
    await user.click(form.getByRole('button', { name: 'Save funds' }));
    expect(active()?.funds?.pools).toEqual({ 'bridge-escrow': 38_000_000 });
    // Untick the bridge: the stored escrow is now a pool the architecture lacks.
    await user.click(screen.getByRole('heading', { name: 'What your team operates' }));
    await user.click(screen.getByRole('checkbox', { name: 'Bridge or cross-chain messaging' }));
    const escrow = form.getByLabelText(/^Bridge escrow, USD/);
    await user.type(form.getByLabelText('Incidents a year (optional)'), '500');
    await user.click(form.getByRole('button', { name: 'Save funds' }));
    expect(escrow).toHaveAccessibleDescription(
      /needs Bridge or cross-chain messaging, which the architecture says the team does not operate/,
    );
    expect(form.getByLabelText('Incidents a year (optional)')).toHaveAccessibleDescription(
      /expected at most 100 incidents a year/,
    );
    expect(active()?.funds?.pools).toEqual({ 'bridge-escrow': 38_000_000 });
    expect(active()?.funds?.annualIncidents).toBeUndefined();
  });
});
