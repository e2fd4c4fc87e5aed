import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';
import { bundledCatalogue } from '../../src/store/catalogue.ts';

const activeAnswers = () => selectActiveAssessment(useAppStore.getState())?.answers ?? {};

describe('the app shell', () => {
  it('opens on the catalogue, grouped by domain', () => {
    render(<App />);
    expect(screen.getByText('OpsReady')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Catalogue' })).toHaveAttribute('aria-current', 'page');
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    for (const domain of bundledCatalogue.domains) expect(headings).toContain(domain.name);
  });

  it('navigates between the three pages', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('link', { name: 'Assessment' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Assessment' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Report' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Report' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Report' })).toHaveAttribute('aria-current', 'page');
  });
});

describe('answering a control', () => {
  const first = bundledCatalogue.controls[0];
  if (!first) throw new Error('catalogue is empty');

  async function openAssessment() {
    window.location.hash = '#/assessment';
    render(<App />);
    return screen.findByRole('article', { name: new RegExp(`^${first?.id ?? ''}`) });
  }

  it('stores the chosen level and says whether it meets the target', async () => {
    const user = userEvent.setup();
    const card = await openAssessment();
    expect(within(card).getByText(/^Unanswered/)).toBeInTheDocument();
    await user.click(within(card).getByRole('radio', { name: /^1 Initial/ }));
    expect(activeAnswers()[first.id]).toEqual({ status: 'level', level: 1 });
    expect(
      within(card).getByText(new RegExp(`^Level 1: below target ${first.baseline}`)),
    ).toBeInTheDocument();
  });

  it('requires a justification for not applicable', async () => {
    const user = userEvent.setup();
    const card = await openAssessment();
    await user.click(within(card).getByRole('radio', { name: /^Not applicable/ }));
    await user.click(within(card).getByRole('button', { name: 'Save as not applicable' }));
    expect(await within(card).findByText(/a justification is required/)).toBeInTheDocument();
    expect(activeAnswers()[first.id]).toBeUndefined();

    const reason = within(card).getByLabelText(/not applicable\? \(required\)/);
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    await user.type(reason, 'Keys are held by a regulated custodian, outside scope.');
    await user.click(within(card).getByRole('button', { name: 'Save as not applicable' }));
    expect(activeAnswers()[first.id]).toEqual({
      status: 'na',
      justification: 'Keys are held by a regulated custodian, outside scope.',
    });
  });

  it('can be cleared back to unanswered, which is not the same as level 0', async () => {
    const user = userEvent.setup();
    const card = await openAssessment();
    await user.click(within(card).getByRole('radio', { name: /^0 Absent/ }));
    expect(activeAnswers()[first.id]).toEqual({ status: 'level', level: 0 });
    await user.click(within(card).getByRole('button', { name: `Clear answer to ${first.id}` }));
    expect(first.id in activeAnswers()).toBe(false);
  });

  it('can be operated with the keyboard alone', async () => {
    const user = userEvent.setup();
    const card = await openAssessment();
    within(card)
      .getByRole('radio', { name: /^0 Absent/ })
      .focus();
    await user.keyboard(' ');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(activeAnswers()[first.id]).toEqual({ status: 'level', level: 2 });
  });
});

describe('the report', () => {
  it('recomputes the score when an answer changes', async () => {
    window.location.hash = '#/report';
    render(<App />);
    const score = await screen.findByTestId('overall-readiness');
    expect(score).toHaveTextContent('0.0');
    const state = useAppStore.getState();
    for (const control of bundledCatalogue.controls) {
      state.setAnswer(control.id, { status: 'level', level: control.baseline });
    }
    expect(await screen.findByTestId('overall-readiness')).toHaveTextContent('100.0');
    expect(
      screen.getByText('No gaps: every applicable control is at or above its target.'),
    ).toBeInTheDocument();
  });

  it('says prominently that unanswered controls count as gaps', async () => {
    window.location.hash = '#/report';
    render(<App />);
    const total = bundledCatalogue.controls.length;
    expect(
      await screen.findByText(
        `${total} unanswered controls are scored as gaps until they are answered.`,
      ),
    ).toBeInTheDocument();
  });
});

describe('assessment details', () => {
  it('validates at the field and saves as it is typed, never an invalid value', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/assessment';
    render(<App />);
    const name = await screen.findByLabelText('Assessment name');
    // Queries scoped to the form: role queries over the whole 78-control page are slow in jsdom.
    const form = within(name.closest('form') ?? document.body);
    expect(form.queryByRole('button', { name: 'Save details' })).toBeNull();
    await user.clear(name);
    await user.tab();
    expect(await form.findByText('expected a name')).toBeInTheDocument();
    expect(
      form.getByText('The field marked above is not saved until it is corrected.'),
    ).toBeInTheDocument();
    expect(selectActiveAssessment(useAppStore.getState())?.name).toBe('My assessment');
    const assessors = form.getByLabelText('Assessors (one per line)');
    // Pasted, not typed: 201 keystrokes would time the test out on a slow machine, not test more.
    await user.click(assessors);
    await user.paste('x'.repeat(201));
    await user.tab();
    expect(
      await form.findByText('line 1: expected a name of at most 200 characters'),
    ).toBeInTheDocument();
    expect(selectActiveAssessment(useAppStore.getState())?.assessors).toEqual([]);
    await user.clear(assessors);
    await user.type(name, 'Q3 follow-up');
    await user.type(form.getByLabelText('Organisation'), 'Example DAO');
    await user.type(form.getByLabelText('Assessors (one per line)'), 'Ana{Enter}  {Enter}Ben');
    await user.tab();
    expect(form.getByText('Saved.')).toHaveAttribute('role', 'status');
    const saved = selectActiveAssessment(useAppStore.getState());
    expect(saved).toMatchObject({
      name: 'Q3 follow-up',
      organisation: 'Example DAO',
      assessors: ['Ana', 'Ben'],
    });
  });
});
