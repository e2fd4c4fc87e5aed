import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { AUTOSAVE_DELAY_MS } from '../../src/features/assessment/autosave.ts';
import { selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';

const active = () => selectActiveAssessment(useAppStore.getState());
// Queries go through the card: role queries over the whole page are slow in jsdom.
const card = (id: string) => {
  const el = document.querySelector<HTMLElement>(`[data-control-id="${id}"]`);
  if (!el) throw new Error(`no card for ${id}`);
  return el;
};
const openDetails = async (user: ReturnType<typeof userEvent.setup>, id: string) => {
  const key = within(card(id));
  await user.click(key.getByText(/^Target, owner, evidence and notes/));
  return key;
};

beforeEach(() => {
  window.location.hash = '#/assessment';
});

// The full page re-renders slowly in jsdom; the waits themselves are a fraction of a second.
describe('nothing typed is lost', { timeout: 30_000 }, () => {
  it('saves a control’s owner after a pause in typing, without leaving the field', async () => {
    const user = userEvent.setup();
    render(<App />);
    const key = await openDetails(user, 'KEY-05');
    const owner = key.getByLabelText('Owner');
    await user.type(owner, 'Ops lead');
    expect(owner).toHaveFocus();
    await waitFor(() => expect(active()?.meta['KEY-05']).toEqual({ owner: 'Ops lead' }), {
      timeout: AUTOSAVE_DELAY_MS * 5,
    });
    expect(key.getByText('Saved.')).toHaveAttribute('role', 'status');
    expect(owner).toHaveFocus();
  });

  it('keeps a reason for N/A typed without pressing its button, and never an empty one', async () => {
    const user = userEvent.setup();
    render(<App />);
    const key = within(card('KEY-07'));
    await user.click(key.getByRole('radio', { name: /^Not applicable/ }));
    const reason = key.getByLabelText(/Why is KEY-07 not applicable/);
    await user.type(reason, 'No deployer keys: contracts are immutable.');
    // Leaving the page inside the pause still saves it.
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(active()?.answers['KEY-07']).toEqual({
      status: 'na',
      justification: 'No deployer keys: contracts are immutable.',
    });
    await user.clear(reason);
    await user.tab();
    expect(key.getByText(/justification/i, { selector: '.field-error' })).toBeInTheDocument();
    expect(active()?.answers['KEY-07']).toEqual({
      status: 'na',
      justification: 'No deployer keys: contracts are immutable.',
    });
  });

  it('saves what waits for the pause at once when the page is hidden or left', async () => {
    const user = userEvent.setup();
    render(<App />);
    const key = await openDetails(user, 'KEY-06');
    await user.type(key.getByLabelText('Owner'), 'Treasury');
    // Still inside the pause: nothing saved yet.
    expect(active()?.meta['KEY-06']).toBeUndefined();
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(active()?.meta['KEY-06']).toEqual({ owner: 'Treasury' });

    await user.type(key.getByLabelText('Owner'), ' team');
    act(() => {
      window.dispatchEvent(new Event('beforeunload'));
    });
    expect(active()?.meta['KEY-06']).toEqual({ owner: 'Treasury team' });
  });

  it('saves what waits when the route changes and the page goes away', async () => {
    const user = userEvent.setup();
    render(<App />);
    const key = await openDetails(user, 'KEY-07');
    await user.click(key.getByLabelText('Evidence: links or references, one per line'));
    await user.paste('https://wiki.example.org/rotation');
    expect(active()?.meta['KEY-07']).toBeUndefined();
    act(() => {
      window.location.hash = '#/catalogue';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await screen.findByRole('heading', { level: 1, name: 'Catalogue' });
    expect(active()?.meta['KEY-07']).toEqual({ evidence: ['https://wiki.example.org/rotation'] });
  });

  it('keeps the flags and follow-up the form does not edit, and saves valid fields beside an invalid one', async () => {
    const user = userEvent.setup();
    useAppStore.getState().setAnswer('KEY-08', { status: 'level', level: 1 });
    useAppStore.getState().setMeta('KEY-08', {
      revisit: true,
      evidenceRequested: true,
      followUp: 'K. Osei: signer list',
    });
    render(<App />);
    const key = await openDetails(user, 'KEY-08');
    await user.click(key.getByLabelText('Owner'));
    await user.paste('x'.repeat(201));
    await user.type(key.getByLabelText('Notes'), 'Two signers share a laptop.');
    await user.tab();
    expect(key.getByText('expected at most 200 characters')).toBeInTheDocument();
    expect(key.getByLabelText('Owner')).toHaveAttribute('aria-invalid', 'true');
    expect(
      key.getByText('The field marked above is not saved until it is corrected.'),
    ).toBeInTheDocument();
    expect(active()?.meta['KEY-08']).toEqual({
      revisit: true,
      evidenceRequested: true,
      followUp: 'K. Osei: signer list',
    });
    expect(active()?.answers['KEY-08']).toEqual({
      status: 'level',
      level: 1,
      notes: 'Two signers share a laptop.',
    });
    await user.clear(key.getByLabelText('Owner'));
    await user.type(key.getByLabelText('Owner'), 'CTO');
    await user.tab();
    expect(active()?.meta['KEY-08']).toEqual({
      revisit: true,
      evidenceRequested: true,
      followUp: 'K. Osei: signer list',
      owner: 'CTO',
    });
  });

  it('shows a change made elsewhere (undo) in the open form', async () => {
    const user = userEvent.setup();
    render(<App />);
    const key = await openDetails(user, 'KEY-10');
    await user.type(key.getByLabelText('Owner'), 'Infra');
    await user.tab();
    expect(active()?.meta['KEY-10']).toEqual({ owner: 'Infra' });
    act(() => {
      useAppStore.getState().undo();
    });
    expect(active()?.meta['KEY-10']).toBeUndefined();
    expect(key.getByLabelText('Owner')).toHaveValue('');
  });

  it('saves the assessment details as they are typed', async () => {
    const user = userEvent.setup();
    render(<App />);
    const organisation = await screen.findByLabelText('Organisation');
    await user.type(organisation, 'Example DAO');
    fireEvent(window, new Event('pagehide'));
    expect(active()?.organisation).toBe('Example DAO');
    await user.type(screen.getByLabelText('Scope'), 'Vaults on Base');
    await waitFor(() => expect(active()?.scope).toBe('Vaults on Base'), {
      timeout: AUTOSAVE_DELAY_MS * 5,
    });
  });
});
