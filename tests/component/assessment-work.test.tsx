import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';
import { bundledCatalogue } from '../../src/store/catalogue.ts';

const active = () => selectActiveAssessment(useAppStore.getState());
// Queries go through the card: role queries over the whole 78-control page are slow in jsdom.
const card = (id: string) => {
  const el = document.querySelector<HTMLElement>(`[data-control-id="${id}"]`);
  if (!el) throw new Error(`no card for ${id}`);
  return el;
};
const status = () => screen.getByText(/^Showing (all )?\d+/);

beforeEach(() => {
  window.location.hash = '#/assessment';
});

describe('per-control target, owner, evidence and notes', () => {
  it('saves them with the assessment, and an own target changes what counts as a gap', async () => {
    const user = userEvent.setup();
    render(<App />);
    const key = within(card('KEY-02'));
    await user.click(key.getByRole('radio', { name: /^2 Established/ }));
    expect(key.getByText(/^Level 2: meets target 2/)).toBeInTheDocument();
    await user.click(key.getByText(/^Target, owner, evidence and notes/));
    await user.selectOptions(key.getByLabelText('Target level'), '3');
    await user.type(key.getByLabelText('Owner'), 'Security lead');
    await user.selectOptions(key.getByLabelText('Confidence'), 'verified');
    await user.type(
      key.getByLabelText('Evidence: links or references, one per line'),
      'https://wiki.example.org/backup{Enter}Ticket SEC-7',
    );
    await user.type(key.getByLabelText('Notes'), 'Seen the restore log.');
    // No save button: leaving the field saves what was typed.
    await user.tab();
    expect(key.queryByRole('button', { name: /^Save/ })).toBeNull();
    expect(key.getByText('Saved.')).toHaveAttribute('role', 'status');
    expect(active()?.meta['KEY-02']).toEqual({
      target: 3,
      owner: 'Security lead',
      confidence: 'verified',
      evidence: ['https://wiki.example.org/backup', 'Ticket SEC-7'],
    });
    expect(active()?.answers['KEY-02']).toEqual({
      status: 'level',
      level: 2,
      notes: 'Seen the restore log.',
    });
    expect(key.getByText(/^Level 2: below target 3/)).toBeInTheDocument();
  });

  it('shows an evidence error at the field, in words, and saves nothing', async () => {
    const user = userEvent.setup();
    render(<App />);
    const key = within(card('KEY-03'));
    await user.click(key.getByText(/^Target, owner, evidence and notes/));
    const evidence = key.getByLabelText('Evidence: links or references, one per line');
    await user.click(evidence);
    await user.paste(`ok\n${'x'.repeat(2001)}`);
    await user.tab();
    expect(await key.findByText('line 2: expected at most 2,000 characters')).toBeInTheDocument();
    expect(evidence).toHaveAttribute('aria-invalid', 'true');
    expect(
      key.getByText('The field marked above is not saved until it is corrected.'),
    ).toBeInTheDocument();
    expect(active()?.meta['KEY-03']).toBeUndefined();
  });

  it('flags a control to revisit and filters by the flag', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(within(card('SIG-02')).getByRole('button', { name: /^Flag to revisit/ }));
    expect(active()?.meta['SIG-02']).toEqual({ revisit: true });
    await user.selectOptions(screen.getByLabelText('Answer'), 'flagged');
    expect(status()).toHaveTextContent(
      `Showing 1 of ${String(bundledCatalogue.controls.length)} controls.`,
    );
    expect(document.querySelectorAll('[data-control-id]')).toHaveLength(1);
  });
});

// Many interactions on the full 78-control page; jsdom re-renders it slowly, hence the timeout.
describe('filters', { timeout: 30_000 }, () => {
  it('filters by domain, severity and text, and by answer state', { timeout: 90_000 }, async () => {
    const user = userEvent.setup();
    render(<App />);
    const total = bundledCatalogue.controls.length;
    await user.selectOptions(screen.getByLabelText('Domain'), 'signing');
    const signing = bundledCatalogue.controls.filter((c) => c.domain === 'signing').length;
    expect(status()).toHaveTextContent(`Showing ${String(signing)} of ${String(total)} controls.`);
    await user.selectOptions(screen.getByLabelText('Severity'), 'critical');
    const critical = bundledCatalogue.controls.filter(
      (c) => c.domain === 'signing' && c.severity === 'critical',
    ).length;
    expect(status()).toHaveTextContent(`Showing ${String(critical)} of ${String(total)} controls.`);
    await user.selectOptions(screen.getByLabelText('Domain'), '');
    await user.selectOptions(screen.getByLabelText('Severity'), '');
    // Pasted, not typed: each keystroke re-renders 112 cards in jsdom, and filtering is the point.
    await user.click(screen.getByLabelText('Search'));
    await user.paste('timelock');
    expect(document.querySelector('[data-control-id="APR-01"]')).not.toBeNull();
    await user.clear(screen.getByLabelText('Search'));

    // Answered under "Unanswered", a control stays until the filter is applied again.
    await user.selectOptions(screen.getByLabelText('Answer'), 'unanswered');
    expect(status()).toHaveTextContent(`Showing ${String(total)} of ${String(total)} controls.`);
    // Offered only once an answer has changed what the filter would show.
    const apply = { name: 'Apply the filter to the latest answers' };
    expect(screen.queryByRole('button', apply)).toBeNull();
    await user.click(within(card('KEY-01')).getByRole('radio', { name: /^1 Initial/ }));
    expect(document.querySelector('[data-control-id="KEY-01"]')).not.toBeNull();
    await user.click(screen.getByRole('button', apply));
    expect(document.querySelector('[data-control-id="KEY-01"]')).toBeNull();
    expect(screen.queryByRole('button', apply)).toBeNull();
    // Below target is an answered control under its target; unanswered ones are not listed.
    await user.selectOptions(screen.getByLabelText('Answer'), 'gap');
    expect(document.querySelector('[data-control-id="KEY-01"]')).not.toBeNull();
    expect(document.querySelector('[data-control-id="KEY-02"]')).toBeNull();
    expect(status()).toHaveTextContent(`Showing 1 of ${String(total)} controls.`);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(status()).toHaveTextContent(`Showing all ${String(total)} controls.`);
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });
});

describe('keys', () => {
  it('moves between controls with j and k and answers with digits, n and f', () => {
    render(<App />);
    const first = card('KEY-01');
    first.focus();
    fireEvent.keyDown(first, { key: '2' });
    expect(active()?.answers['KEY-01']).toEqual({ status: 'level', level: 2 });
    fireEvent.keyDown(first, { key: 'j' });
    expect(card('KEY-02')).toHaveFocus();
    fireEvent.keyDown(card('KEY-02'), { key: 'f' });
    expect(active()?.meta['KEY-02']).toEqual({ revisit: true });
    fireEvent.keyDown(card('KEY-02'), { key: 'f' });
    expect(active()?.meta['KEY-02']).toBeUndefined();
    fireEvent.keyDown(card('KEY-02'), { key: 'k' });
    expect(first).toHaveFocus();
    fireEvent.keyDown(first, { key: 'n' });
    expect(within(first).getByLabelText(/Why is KEY-01 not applicable/)).toHaveFocus();
    // Typing in a field is never taken as a command.
    fireEvent.keyDown(within(first).getByLabelText(/Why is KEY-01 not applicable/), { key: '3' });
    expect(active()?.answers['KEY-01']).toEqual({ status: 'level', level: 2 });
    // A digit above the scale does nothing.
    fireEvent.keyDown(card('KEY-02'), { key: '7' });
    expect(active()?.answers['KEY-02']).toBeUndefined();
  });
});

describe('undo', () => {
  it('reverses the last changes one at a time, at least 20 back, and only those', async () => {
    const user = userEvent.setup();
    render(<App />);
    const store = useAppStore.getState();
    // 25 changes across controls: levels 0–3 cycling over the Keys domain.
    const keys = bundledCatalogue.controls.filter((c) => c.domain === 'keys');
    for (let i = 0; i < 25; i++) {
      const c = keys[i % keys.length];
      if (c) store.setAnswer(c.id, { status: 'level', level: i % 4 });
    }
    const after25 = structuredClone(active()?.answers);
    for (let i = 0; i < 20; i++) useAppStore.getState().undo();
    // Back to the state after the first five changes.
    const expected: Record<string, unknown> = {};
    for (let i = 0; i < 5; i++) {
      const c = keys[i];
      if (c) expected[c.id] = { status: 'level', level: i % 4 };
    }
    expect(active()?.answers).toEqual(expected);
    expect(after25).not.toEqual(expected);

    // The button names what it will undo, and the key does the same outside text fields.
    await user.click(within(card('SIG-01')).getByRole('radio', { name: /^2 Established/ }));
    await user.click(within(card('SIG-02')).getByRole('button', { name: /^Flag to revisit/ }));
    expect(screen.getByRole('button', { name: 'Undo the details of SIG-02' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Undo the details of SIG-02' }));
    expect(active()?.meta['SIG-02']).toBeUndefined();
    expect(active()?.answers['SIG-01']).toEqual({ status: 'level', level: 2 });
    expect(screen.getByText('Undid the change to the details of SIG-02.')).toBeInTheDocument();
    fireEvent.keyDown(card('SIG-01'), { key: 'z', ctrlKey: true });
    expect(active()?.answers['SIG-01']).toBeUndefined();
  });
});

describe('review fixes', () => {
  it('shows a level set by key after choosing N/A, not a stale N/A', async () => {
    const user = userEvent.setup();
    render(<App />);
    const el = card('KEY-04');
    await user.click(within(el).getByRole('radio', { name: /^Not applicable/ }));
    fireEvent.keyDown(el, { key: '2' });
    expect(within(el).getByRole('radio', { name: /^2 Established/ })).toBeChecked();
    expect(within(el).getByRole('radio', { name: /^Not applicable/ })).not.toBeChecked();
    expect(within(el).queryByLabelText(/Why is KEY-04 not applicable/)).toBeNull();
  });

  it('does not report an undo for an assessment deleted since', () => {
    const store = useAppStore.getState();
    store.setAnswer('KEY-01', { status: 'level', level: 1 });
    const id = active()?.id ?? '';
    useAppStore.getState().createAssessment('Other');
    useAppStore.getState().deleteAssessment(id);
    expect(useAppStore.getState().undo()).toBeNull();
  });

  it('refuses a profile id the saved data could not hold', () => {
    expect(() => useAppStore.getState().setProfile({ profileId: 'x'.repeat(101) })).toThrow(
      /Refused to save the threat profile choice/,
    );
  });
});
