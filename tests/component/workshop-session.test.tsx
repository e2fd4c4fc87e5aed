import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { newAssessment, selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';
import { captureDownloads } from './downloads.ts';

const active = (): Assessment => {
  const a = selectActiveAssessment(useAppStore.getState());
  if (!a) throw new Error('no active assessment');
  return a;
};
const level = (n: number) => ({ status: 'level' as const, level: n });

function add(extra: Partial<Assessment> = {}, id = 'w-1', name = 'Workshop'): void {
  useAppStore.getState().addAssessment({
    ...newAssessment(id, new Date('2026-11-25T09:00:00Z'), name),
    assessors: ['Ana Auditor'],
    organisation: 'Example DAO',
    ...extra,
  });
}

function start(extra: Partial<Assessment> = {}, hash = '#/workshop') {
  add(extra);
  window.location.hash = hash;
  const user = userEvent.setup();
  render(<App />);
  return user;
}

/** A participant's own export, as a file the store reads. */
function participantFile(name: string, answers: Assessment['answers']) {
  const a: Assessment = {
    ...newAssessment(`p-${name}`, new Date('2026-11-24T09:00:00Z'), `${name}'s answers`),
    assessors: [name],
    answers,
  };
  const text = assessmentToJson(a);
  return new File([text], `${name.toLowerCase()}.json`, { type: 'application/json' });
}

function presentation(): HTMLElement {
  const title = screen.getByRole('heading', { level: 2, name: /^[A-Z]+-\d\d / });
  const target = title.closest<HTMLElement>('.presentation-keys-target');
  if (!target) throw new Error('no presentation');
  return target;
}

function leftInKeys(): string {
  const row = within(screen.getByRole('table', { name: 'Agenda' }))
    .getByRole('rowheader', { name: 'Keys' })
    .closest('tr');
  return row?.querySelectorAll('td')[2]?.textContent ?? '';
}

beforeEach(() => {
  window.localStorage.clear();
});

describe('the presentation, arriving', () => {
  it('takes the keys as soon as the page opens from another page, keyboard only', async () => {
    const user = start({}, '#/report');
    await screen.findByRole('heading', { level: 1, name: /report/i });
    act(() => {
      window.location.hash = '#/workshop';
    });
    await screen.findByRole('heading', { level: 2, name: /^KEY-01 / });
    await waitFor(() => expect(presentation()).toHaveFocus());
    await user.keyboard('j');
    expect(screen.getByRole('heading', { level: 2, name: /^KEY-02 / })).toBeInTheDocument();
    await user.keyboard('2');
    expect(active().answers['KEY-02']).toEqual(level(2));
  });
});

describe('what the room sees', () => {
  it('never shows an answer carried over as agreed, until the room agrees it', async () => {
    const user = start({ answers: { 'KEY-01': level(2) } });
    presentation().focus();
    expect(screen.getByText(/^Not agreed yet\. Current answer: 2 Established/)).toBeInTheDocument();
    expect(screen.getByText(/carried over \(baseline or self-assessment\)/)).toBeInTheDocument();
    const two = screen.getByRole('button', { name: /^2 Established/ });
    expect(two).toHaveAttribute('aria-pressed', 'false');
    expect(two).toHaveTextContent('current, not agreed');
    await user.keyboard('2');
    expect(two).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText(/^Agreed: 2 Established/)).toHaveTextContent('by Ana Auditor');
    // Changed elsewhere afterwards: no longer agreed, and the change is named.
    act(() => useAppStore.getState().setAnswer('KEY-01', level(1)));
    expect(screen.getByText(/^Not agreed yet\. Current answer: 1 Initial/)).toHaveTextContent(
      'changed since Ana Auditor agreed 2 Established',
    );
  });

  it('shows each participant’s answer and note, and agrees with the people ticked only', async () => {
    const user = start();
    await act(async () => {
      await useAppStore
        .getState()
        .importParticipants(
          [
            participantFile('Bea', { 'KEY-01': { ...level(2), notes: 'all on Ledgers' } }),
            participantFile('Cem', { 'KEY-01': level(2) }),
          ],
          'team',
        );
      await useAppStore
        .getState()
        .importParticipants([participantFile('Ola (Auditor)', { 'KEY-01': level(1) })], 'auditor');
    });
    presentation().focus();
    const said = screen.getByRole('region', { name: 'What each participant answered' });
    expect(within(said).getByText('2 / 2 / 1')).toBeInTheDocument();
    expect(
      within(said)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '2 Established: Bea (team) “all on Ledgers”',
      '2 Established: Cem (team)',
      // The name already says the role: it is not said twice.
      '1 Initial: Ola (Auditor)',
    ]);
    expect(screen.getByRole('button', { name: /^2 Established/ })).toHaveTextContent('said by 2');

    // The auditor is not ticked; untick Cem too, then agree by key.
    expect(screen.getByRole('checkbox', { name: /^Ola/ })).not.toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: /^Cem/ }));
    await user.keyboard('2');
    expect(active().workshop?.agreements['KEY-01']?.by).toEqual(['Ana Auditor', 'Bea']);

    // Nobody ticked: nothing is agreed, and the room is told.
    await user.click(screen.getByRole('checkbox', { name: /^Ana Auditor/ }));
    await user.click(screen.getByRole('checkbox', { name: /^Bea/ }));
    await user.keyboard('3');
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing agreed: tick who agrees first.');
    expect(active().answers['KEY-01']).toEqual(level(2));
  });
});

describe('the agenda', () => {
  it('counts controls left to discuss: not answers carried over, but agreed, parked or marked', async () => {
    const user = start({ answers: { 'KEY-01': level(2), 'KEY-02': level(1) } });
    const before = Number(leftInKeys());
    expect(before).toBeGreaterThan(3);
    presentation().focus();
    await user.keyboard('2'); // KEY-01 agreed
    expect(Number(leftInKeys())).toBe(before - 1);
    await user.keyboard('j');
    await user.keyboard('d'); // KEY-02 marked discussed
    expect(Object.keys(active().workshop?.discussed ?? {})).toEqual(['KEY-02']);
    expect(screen.getByRole('button', { name: 'Discussed (d)' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(Number(leftInKeys())).toBe(before - 2);
    await user.keyboard('j');
    await user.keyboard('f'); // KEY-03 parked
    expect(Number(leftInKeys())).toBe(before - 3);
    expect(
      screen.getByText(`${String(before - 3)} left to discuss`, { exact: false }),
    ).toBeVisible();
    await user.keyboard('k');
    await user.keyboard('d'); // the mark taken back
    expect(Number(leftInKeys())).toBe(before - 2);
  });
});

describe('auditor verification', () => {
  it('records who verified the current answer, when and against which evidence, and the sign-off says so', async () => {
    const user = start({ meta: { 'KEY-01': { evidence: ['https://vault.example/keys.xlsx'] } } });
    presentation().focus();
    await user.keyboard('v');
    expect(screen.getByRole('alert')).toHaveTextContent('Agree an answer to KEY-01 first');
    await user.keyboard('{Escape}');
    expect(presentation()).toHaveFocus();
    await user.keyboard('2');
    await user.keyboard('v');
    expect(screen.getByLabelText('Verified by')).toHaveValue('Ana Auditor');
    await user.click(screen.getByRole('button', { name: 'Save verification' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tick or type the evidence');
    expect(active().workshop?.verifications).toBeUndefined();
    await user.click(screen.getByRole('checkbox', { name: 'https://vault.example/keys.xlsx' }));
    await user.type(screen.getByLabelText('Other evidence, one per line'), 'Ledger serials seen');
    await user.click(screen.getByRole('button', { name: 'Save verification' }));
    expect(active().workshop?.verifications?.['KEY-01']).toMatchObject({
      by: 'Ana Auditor',
      evidence: ['https://vault.example/keys.xlsx', 'Ledger serials seen'],
      answer: level(2),
    });
    expect(presentation()).toHaveFocus();
    expect(screen.getByText(/^Verified by Ana Auditor, .* UTC, against/)).toHaveTextContent(
      'https://vault.example/keys.xlsx; Ledger serials seen',
    );

    await user.click(screen.getByRole('button', { name: 'Sign-off' }));
    expect(
      screen.getByText(
        /^What is signed: .*1 of \d+ controls verified by an auditor against evidence\./,
      ),
    ).toBeInTheDocument();
  });
});

describe('actions', () => {
  it('are edited in place: status, due date and evidence link, and the CSV carries them', async () => {
    const downloads = captureDownloads();
    const user = start({ answers: { 'KEY-01': level(1) } });
    act(() => {
      useAppStore.getState().addAction({
        controlId: 'KEY-01',
        text: 'Move the deployer key to a Ledger',
        owner: 'Ops',
        priority: 'high',
      });
    });
    await user.click(screen.getByRole('button', { name: 'Actions and parking lot' }));
    const list = screen.getByRole('list', { name: 'Action items' });
    expect(within(list).getByText('Move the deployer key to a Ledger')).toBeInTheDocument();

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Status of the action on KEY-01' }),
      'in-progress',
    );
    expect(active().workshop?.actions[0]?.status).toBe('in-progress');

    await user.click(screen.getByRole('button', { name: 'Edit the action on KEY-01' }));
    const form = screen.getByRole('form', { name: 'Edit the action on KEY-01' });
    await user.clear(within(form).getByLabelText('Action for KEY-01'));
    await user.type(within(form).getByLabelText('Action for KEY-01'), 'Move both keys to Ledgers');
    await user.type(within(form).getByLabelText('Due'), '2027-01-31');
    await user.type(
      within(form).getByLabelText('Link to evidence (optional)'),
      'https://tracker.example/42',
    );
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(active().workshop?.actions[0]).toMatchObject({
      text: 'Move both keys to Ledgers',
      due: '2027-01-31',
      evidenceLink: 'https://tracker.example/42',
      status: 'in-progress',
      priority: 'high',
    });
    expect(screen.getByRole('link', { name: 'https://tracker.example/42' })).toHaveAttribute(
      'rel',
      'noopener noreferrer',
    );

    await user.click(screen.getByRole('button', { name: 'Export actions (CSV)' }));
    const csv = await downloads.blobs[0]?.text();
    const [header, row] = (csv ?? '').replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(
      'Title,Description,Assignee,Due date,Status,Priority,Labels,Control,Evidence link,Action id,Created',
    );
    expect(row).toMatch(/^KEY-01: Move both keys to Ledgers,"Move both keys to Ledgers\n/);
    expect(row).toContain(
      ',Ops,2027-01-31,In progress,High,opsready key-01 keys,KEY-01,https://tracker.example/42,',
    );
  });

  it('lists the gaps without an action by risk removed, and a done action does not cover one', async () => {
    const user = start();
    act(() => {
      useAppStore.getState().addAction({
        controlId: 'KEY-02',
        text: 'Finished already',
        owner: '',
        priority: 'low',
        status: 'done',
      });
    });
    await user.click(screen.getByRole('button', { name: 'Actions and parking lot' }));
    const gaps = within(screen.getByRole('list', { name: 'Gaps without an action' }))
      .getAllByRole('listitem')
      .map((li) => ({
        id: li.getAttribute('data-control-id'),
        removes: Number(/removes ([\d.]+) points/.exec(li.textContent)?.[1]),
      }));
    expect(gaps.length).toBeGreaterThan(10);
    expect(gaps.some((g) => g.id === 'KEY-02')).toBe(true);
    const removes = gaps.map((g) => g.removes);
    expect(removes).toEqual([...removes].sort((a, b) => b - a));
    expect(removes[0]).toBeGreaterThan(removes[removes.length - 1] ?? 0);
  });
});

describe('compare and import', () => {
  it('defaults to the previous assessment of the same organisation, never an empty one', async () => {
    add(
      { answers: { 'KEY-01': level(1) }, createdAt: '2026-06-30T09:00:00.000Z' },
      'q2',
      'Q2 baseline',
    );
    add({ answers: {}, createdAt: '2026-09-30T09:00:00.000Z' }, 'q3', 'Q3 empty');
    add(
      {
        answers: { 'KEY-01': level(2) },
        organisation: 'Other',
        createdAt: '2026-10-01T09:00:00.000Z',
      },
      'other',
      'Other org',
    );
    const user = start({ answers: { 'KEY-01': level(3) }, createdAt: '2026-11-01T09:00:00.000Z' });
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    expect(screen.getByLabelText('Baseline')).toHaveDisplayValue(/^Q2 baseline/);
    expect(screen.getByRole('option', { name: /Q3 empty.*no answers/ })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'What improved' })).toHaveTextContent('KEY-01');
    await user.selectOptions(screen.getByLabelText('Baseline'), 'a:q3');
    expect(screen.getByText(/This baseline has no answers/)).toBeInTheDocument();
  });

  it('takes a participant’s file as the baseline, and an imported file without switching', async () => {
    const user = start({ answers: { 'KEY-01': level(3) } });
    await act(async () => {
      await useAppStore
        .getState()
        .importParticipants([participantFile('Bea', { 'KEY-01': level(1) })], 'team');
    });
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    // No stored assessment of Example DAO: no default, the person chooses.
    expect(screen.getByLabelText('Baseline')).toHaveDisplayValue('Choose a baseline');
    const bea = active().workshop?.participants[0]?.id ?? '';
    await user.selectOptions(screen.getByLabelText('Baseline'), `p:${bea}`);
    expect(screen.getByRole('table', { name: 'What improved' })).toHaveTextContent('KEY-01');
    expect(screen.getByText(/“Bea’s own answers \(bea\.json\)” → “Workshop”/)).toBeInTheDocument();

    const earlier: Assessment = {
      ...newAssessment('q1', new Date('2026-03-01T09:00:00Z'), 'Q1 review'),
      organisation: 'Example DAO',
      answers: { 'KEY-01': level(2) },
    };
    await user.upload(
      screen.getByLabelText('Import a baseline file'),
      new File([assessmentToJson(earlier)], 'q1.json', { type: 'application/json' }),
    );
    expect(await screen.findByText(/Imported “Q1 review” as a baseline/)).toHaveTextContent(
      '“Workshop” is still the open assessment.',
    );
    expect(active().id).toBe('w-1');
    expect(useAppStore.getState().assessments.q1?.name).toBe('Q1 review');
    expect(screen.getByLabelText('Baseline')).toHaveDisplayValue(/^Q1 review/);
  });

  it('says when the open assessment changed under the workshop, and offers to go back', async () => {
    add({}, 'other', 'Imported elsewhere');
    const user = start();
    // add() opens what it adds, like an import; the workshop showed w-1 first.
    expect(screen.getByRole('heading', { level: 2, name: /^KEY-01 / })).toBeInTheDocument();
    act(() => useAppStore.getState().setActiveAssessment('other'));
    const notice = await screen.findByText(/The open assessment changed/);
    expect(notice).toHaveTextContent('now shows “Imported elsewhere”, no longer “Workshop”');
    await user.click(screen.getByRole('button', { name: 'Go back to “Workshop”' }));
    expect(active().id).toBe('w-1');
    expect(screen.queryByText(/The open assessment changed/)).not.toBeInTheDocument();
  });
});
