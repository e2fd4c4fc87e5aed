import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { signedContent } from '../../src/domain/workshop/signoff.ts';
import { sha256Hex } from '../../src/lib/sha256.ts';
import { newAssessment, selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';

const active = (): Assessment => {
  const a = selectActiveAssessment(useAppStore.getState());
  if (!a) throw new Error('no active assessment');
  return a;
};

function start(extra: Partial<Assessment> = {}) {
  useAppStore.getState().addAssessment({
    ...newAssessment('w-1', new Date('2026-11-25T09:00:00Z'), 'Workshop'),
    assessors: ['Ana Auditor'],
    organisation: 'Example DAO',
    ...extra,
  });
  window.location.hash = '#/workshop';
  const user = userEvent.setup();
  render(<App />);
  return user;
}

/** A participant's own export: an assessment file as the Assessment page writes it. */
function participantFile(
  name: string,
  answers: Assessment['answers'],
  catalogue: { id: string; version: string } = { id: 'opsready-core', version: '1.0.0' },
): File {
  const a: Assessment = {
    ...newAssessment(`p-${name}`, new Date('2026-11-24T09:00:00Z'), `${name}'s answers`),
    assessors: [name],
    catalogue,
    answers,
  };
  const text = assessmentToJson(a);
  return new File([text], `${name.toLowerCase()}.json`, { type: 'application/json' });
}

const level = (n: number) => ({ status: 'level' as const, level: n });

/** The focus target of the presentation's keys. */
function presentation(): HTMLElement {
  const title = screen.getByRole('heading', { level: 2, name: /KEY-0\d|SIG|CUS|APR|DEP|IR/ });
  const target = title.closest<HTMLElement>('.presentation-keys-target');
  if (!target) throw new Error('no presentation');
  return target;
}

beforeEach(() => {
  window.localStorage.clear();
});

describe('the presentation view', () => {
  it('is driven by keys: level, next, flags, a note, N/A with a reason, an action', async () => {
    const user = start();
    presentation().focus();
    expect(screen.getByRole('heading', { level: 2, name: /^KEY-01 / })).toBeInTheDocument();

    await user.keyboard('2');
    expect(active().answers['KEY-01']).toEqual(level(2));
    expect(active().workshop?.agreements['KEY-01']?.by).toEqual(['Ana Auditor']);
    expect(screen.getByRole('button', { name: /^2 Established/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await user.keyboard('fe');
    expect(active().meta['KEY-01']).toEqual({ revisit: true, evidenceRequested: true });
    await user.keyboard('f');
    expect(active().meta['KEY-01']).toEqual({ evidenceRequested: true });

    // A note, and who owes what; digits typed in the field are text, not levels.
    await user.keyboard('m');
    const note = screen.getByLabelText('Note on KEY-01');
    expect(note).toHaveFocus();
    await user.type(note, 'Ledger serials 3 of 9 checked');
    await user.type(screen.getByLabelText('Who owes what (parking lot)'), 'Ben: the other six');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(active().answers['KEY-01']).toEqual({
      ...level(2),
      notes: 'Ledger serials 3 of 9 checked',
    });
    expect(active().meta['KEY-01']?.followUp).toBe('Ben: the other six');
    expect(presentation()).toHaveFocus();

    await user.keyboard('j');
    expect(screen.getByRole('heading', { level: 2, name: /^KEY-02 / })).toBeInTheDocument();
    await user.keyboard('n');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('A reason is required.')).toBeInTheDocument();
    expect(active().answers['KEY-02']).toBeUndefined();
    await user.type(
      screen.getByLabelText('Why is KEY-02 not applicable?'),
      'No hot wallets at all',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(active().answers['KEY-02']).toEqual({
      status: 'na',
      justification: 'No hot wallets at all',
    });

    await user.keyboard('a');
    await user.type(
      screen.getByLabelText('Action for KEY-02'),
      'Write down the no-hot-wallet rule',
    );
    await user.type(screen.getByLabelText('Owner'), 'Ops');
    await user.selectOptions(screen.getByLabelText('Priority'), 'high');
    await user.click(screen.getByRole('button', { name: 'Save action' }));
    expect(active().workshop?.actions).toMatchObject([
      {
        controlId: 'KEY-02',
        text: 'Write down the no-hot-wallet rule',
        owner: 'Ops',
        priority: 'high',
      },
    ]);

    // Escape leaves a field without saving, back to the keys.
    await user.keyboard('m');
    await user.keyboard('{Escape}');
    expect(presentation()).toHaveFocus();
    await user.keyboard('k');
    expect(screen.getByRole('heading', { level: 2, name: /^KEY-01 / })).toBeInTheDocument();
    // A level above the scale is not a key.
    await user.keyboard('7');
    expect(active().answers['KEY-01']).toEqual({
      ...level(2),
      notes: 'Ledger serials 3 of 9 checked',
    });
  });

  it('follows the agenda: a domain moved first is presented first, and its time box is saved', async () => {
    const user = start();
    await user.click(screen.getByRole('button', { name: 'Move Signing earlier' }));
    await user.click(screen.getByRole('button', { name: 'Move Signing earlier' }));
    expect(
      active()
        .workshop?.agenda.map((a) => a.domain)
        .slice(0, 3),
    ).toEqual(['signing', 'keys', 'custody']);
    expect(screen.getByRole('heading', { level: 2, name: /^SIG-01 / })).toBeInTheDocument();
    const minutes = screen.getByLabelText('Minutes for Signing');
    await user.clear(minutes);
    await user.type(minutes, '45');
    expect(active().workshop?.agenda[0]).toEqual({ domain: 'signing', minutes: 45 });
  });
});

describe('several participants', () => {
  it('imports their files side by side, sorts by disagreement and records the agreed level', async () => {
    const user = start();
    await user.click(screen.getByRole('button', { name: 'Participants' }));
    const input = screen.getByLabelText('Participants’ files');
    // Cem skipped most controls; Dana answered against an older catalogue version that still had
    // a control 1.0.0 removed.
    await user.upload(input, [
      participantFile('Bea', { 'KEY-01': level(3), 'KEY-02': level(1), 'SIG-01': level(2) }),
      participantFile('Cem', { 'KEY-01': level(0) }),
      participantFile(
        'Dana',
        {
          'KEY-01': level(2),
          'KEY-02': level(1),
          'SIG-01': { status: 'na', justification: 'x' },
          'KEY-99': level(1),
        },
        { id: 'opsready-core', version: '0.9.0' },
      ),
    ]);
    await screen.findByText(/Imported Bea, Cem, Dana\./);
    expect(
      screen.getByText(/1 answer\(s\) to controls this catalogue no longer has were left out/),
    ).toBeInTheDocument();
    expect(
      active().workshop?.participants.map((p) => [p.name, Object.keys(p.answers).length]),
    ).toEqual([
      ['Bea', 3],
      ['Cem', 1],
      ['Dana', 3],
    ]);

    const list = screen.getByRole('list', { name: 'Where the participants disagree' });
    const cards = [...list.querySelectorAll<HTMLElement>(':scope > li')];
    // KEY-01 spans 0–3 and SIG-01 is N/A against 2 (the whole scale): both 3, catalogue order.
    expect(cards.map((r) => r.getAttribute('data-control-id'))).toEqual(['KEY-01', 'SIG-01']);
    const [first, second] = cards;
    if (!first || !second) throw new Error('cards missing');
    expect(
      within(within(first).getByRole('list', { name: 'Answers to KEY-01' }))
        .getAllByRole('listitem')
        .map((c) => c.textContent),
    ).toEqual(['3 Bea', '0 Cem', '2 Dana']);
    // Skipped controls show as a dash, not as a level; an N/A shows its reason.
    expect(
      within(within(second).getByRole('list', { name: 'Answers to SIG-01' }))
        .getAllByRole('listitem')
        .map((c) => c.textContent),
    ).toEqual(['2 Bea', '– Cem', 'N/A Dana x']);

    await user.selectOptions(within(first).getByLabelText('Agreed answer for KEY-01'), '2');
    await user.click(within(first).getByRole('button', { name: 'Agree KEY-01' }));
    expect(active().answers['KEY-01']).toEqual(level(2));
    expect(active().workshop?.agreements['KEY-01']?.by).toEqual([
      'Ana Auditor',
      'Bea',
      'Cem',
      'Dana',
    ]);
    expect(within(first).getByText('Agreed 2 by Ana Auditor, Bea, Cem, Dana')).toBeInTheDocument();
    // Participants' own answers are untouched by the agreement.
    expect(active().workshop?.participants[1]?.answers['KEY-01']).toEqual(level(0));

    // The facilitator records who agreed: Cem left the room. N/A can be agreed, with a reason.
    await user.click(screen.getByRole('checkbox', { name: /^Cem/ }));
    expect(active().workshop?.agreeing).toEqual(['Ana Auditor', 'Bea', 'Dana']);
    await user.selectOptions(within(second).getByLabelText('Agreed answer for SIG-01'), 'na');
    const reason = within(second).getByLabelText('Why SIG-01 does not apply');
    // Dana's reason is where the room's starts.
    expect(reason).toHaveValue('x');
    await user.clear(reason);
    await user.click(within(second).getByRole('button', { name: 'Agree SIG-01' }));
    expect(within(second).getByRole('alert')).toHaveTextContent('Say why it does not apply.');
    expect(active().answers['SIG-01']).toBeUndefined();
    await user.type(reason, 'No signing service of our own');
    await user.click(within(second).getByRole('button', { name: 'Agree SIG-01' }));
    expect(active().answers['SIG-01']).toEqual({
      status: 'na',
      justification: 'No signing service of our own',
    });
    expect(active().workshop?.agreements['SIG-01']?.by).toEqual(['Ana Auditor', 'Bea', 'Dana']);

    // With nobody ticked nothing is agreed.
    for (const name of [/^Ana Auditor/, /^Bea/, /^Dana/]) {
      await user.click(screen.getByRole('checkbox', { name }));
    }
    expect(
      screen.getByText('Tick who agrees: nothing can be agreed while nobody is ticked.'),
    ).toBeInTheDocument();
    await user.selectOptions(within(first).getByLabelText('Agreed answer for KEY-01'), '3');
    await user.click(within(first).getByRole('button', { name: 'Agree KEY-01' }));
    expect(within(first).getByRole('alert')).toHaveTextContent('Tick who agrees first.');
    expect(active().answers['KEY-01']).toEqual(level(2));
  });

  it('shows the auditor beside the team, and refuses a file for another catalogue, changing nothing', async () => {
    const user = start();
    await user.click(screen.getByRole('button', { name: 'Participants' }));
    const input = screen.getByLabelText('Participants’ files');
    await user.upload(input, [
      participantFile('Bea', { 'KEY-01': level(3), 'SIG-01': level(2) }),
      participantFile('Cem', { 'KEY-01': level(3), 'SIG-01': level(2) }),
    ]);
    await screen.findByText(/Imported Bea, Cem\./);
    await user.selectOptions(screen.getByLabelText('Import as'), 'auditor');
    await user.upload(input, participantFile('Ola', { 'KEY-01': level(1), 'SIG-01': level(2) }));
    await screen.findByText(/Imported Ola\./);
    // An auditor verifies: they are not ticked as agreeing unless the facilitator says so.
    expect(screen.getByRole('checkbox', { name: /^Ola/ })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^Bea/ })).toBeChecked();
    const roles = screen.getByRole('table', { name: 'Team vs auditor' });
    expect(
      within(roles)
        .getByRole('rowheader', { name: /KEY-01/ })
        .closest('tr'),
    ).toHaveTextContent('31-2 (auditor lower)');

    const before = JSON.stringify(active());
    await user.upload(
      input,
      participantFile('Eve', { 'KEY-01': level(1) }, { id: 'someone-else', version: '1.0.0' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No file was imported. Nothing changed.',
    );
    expect(JSON.stringify(active())).toBe(before);
  });
});

describe('comparing with a baseline', () => {
  it('shows how readiness and residual risk moved, and what improved and regressed', async () => {
    useAppStore.getState().addAssessment({
      ...newAssessment('q2', new Date('2026-06-30T09:00:00Z'), 'Q2 baseline'),
      answers: { 'KEY-01': level(1), 'SIG-01': level(2) },
    });
    const user = start({ answers: { 'KEY-01': level(3), 'SIG-01': level(1) } });
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    await user.selectOptions(screen.getByLabelText('Baseline'), 'a:q2');
    expect(screen.getByLabelText('Baseline')).toHaveDisplayValue(/Q2 baseline/);
    expect(screen.getByRole('table', { name: 'What improved' })).toHaveTextContent('KEY-01');
    expect(screen.getByRole('table', { name: 'What regressed' })).toHaveTextContent('SIG-01');
    expect(screen.getByText(/1 improved, 1 regressed/)).toBeInTheDocument();
    const keys = within(screen.getByRole('table', { name: 'By domain' }))
      .getByRole('rowheader', { name: 'Keys' })
      .closest('tr');
    expect(keys).toHaveTextContent(/\+/);
  });
});

describe('sign-off', () => {
  it('records who signed and the data signed, and notices a later change', async () => {
    const user = start({ answers: { 'KEY-01': level(2) } });
    await user.click(screen.getByRole('button', { name: 'Sign-off' }));
    await user.type(screen.getByLabelText('Role 1'), 'Lead assessor');
    await user.click(screen.getByRole('button', { name: 'Sign off' }));
    await waitFor(() => expect(active().workshop?.signOff).toBeDefined());
    const signOff = active().workshop?.signOff;
    expect(signOff?.signatories).toEqual([{ name: 'Ana Auditor', role: 'Lead assessor' }]);
    expect(signOff?.dataSha256).toBe(await sha256Hex(assessmentToJson(signedContent(active()))));
    expect(
      await screen.findByText('The data is unchanged since the sign-off.'),
    ).toBeInTheDocument();

    useAppStore.getState().setAnswer('KEY-01', level(3));
    expect(await screen.findByText(/The answers changed after the sign-off/)).toBeInTheDocument();
  });

  it('refuses a sign-off without a role, at the field', async () => {
    const user = start();
    await user.click(screen.getByRole('button', { name: 'Sign-off' }));
    await user.click(screen.getByRole('button', { name: 'Sign off' }));
    expect(await screen.findByText('expected a role')).toBeInTheDocument();
    expect(active().workshop?.signOff).toBeUndefined();
  });
});
