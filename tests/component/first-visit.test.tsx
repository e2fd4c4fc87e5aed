import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { isBlank } from '../../src/domain/persistence/merge.ts';
import { selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';
import { DEMO_BASELINE_FILE, DEMO_FILE, loadDemoAssessment } from '../../src/store/demo.ts';
import currentText from '../../public/demo/halcyon-assessment.json?raw';
import baselineText from '../../public/demo/halcyon-baseline.json?raw';

const PUBLIC: Readonly<Record<string, string>> = {
  [`/${DEMO_FILE}`]: currentText,
  [`/${DEMO_BASELINE_FILE}`]: baselineText,
};
const urlOf = (input: Parameters<typeof fetch>[0]): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
/** Serves the shipped demo files, as the static host does, and nothing else. */
const servePublic: typeof fetch = (input) => {
  const text = PUBLIC[urlOf(input)];
  return Promise.resolve(
    text === undefined ? new Response('', { status: 404 }) : new Response(text),
  );
};
const names = () => Object.values(useAppStore.getState().assessments).map((a) => a.name);

describe('a first visit', { timeout: 30_000 }, () => {
  it('says what to do on the start page and offers the demo, without starting anything', () => {
    render(<App />);
    const start = within(screen.getByRole('region', { name: 'Start here' }));
    expect(start.getByRole('button', { name: 'Load demo assessment' })).toBeEnabled();
    expect(start.getByLabelText('Name of your assessment')).toBeInTheDocument();
    expect(start.getByRole('link', { name: 'Assessment page' })).toHaveAttribute(
      'href',
      '#/assessment',
    );
    const all = Object.values(useAppStore.getState().assessments);
    expect(all).toHaveLength(1);
    expect(all.every(isBlank)).toBe(true);
  });

  it('starts an assessment under the name given, in place of the untouched one', async () => {
    const user = userEvent.setup();
    render(<App />);
    const start = within(screen.getByRole('region', { name: 'Start here' }));
    await user.click(start.getByRole('button', { name: 'Start the assessment' }));
    expect(start.getByText('expected a name')).toBeInTheDocument();
    await user.type(start.getByLabelText('Name of your assessment'), 'Acme DAO, Q4 2026');
    await user.click(start.getByRole('button', { name: 'Start the assessment' }));
    expect(names()).toEqual(['Acme DAO, Q4 2026']);
    expect(window.location.hash).toBe('#/assessment');
    expect(await screen.findByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
    expect(screen.queryByRole('region', { name: /^Start here|has not started/ })).toBeNull();
  });

  it('loads the demo and its signed baseline in place of the untouched assessment', async () => {
    const result = await act(() => loadDemoAssessment(servePublic, '/'));
    expect(result.status === 'failed' ? result.problems : result.status).toBe('loaded');
    const state = useAppStore.getState();
    const demo = JSON.parse(currentText) as {
      assessment: { id: string; name: string };
    };
    const baseline = JSON.parse(baselineText) as {
      assessment: { id: string; name: string };
    };
    expect(names()).toEqual([baseline.assessment.name, demo.assessment.name]);
    expect(state.activeAssessmentId).toBe(demo.assessment.id);
    expect(selectActiveAssessment(state)?.workshop?.participants.length).toBeGreaterThan(0);
    expect(state.assessments[baseline.assessment.id]?.workshop?.signOff).toBeDefined();
    // Again: nothing is added twice, and the current one is opened.
    useAppStore.getState().setActiveAssessment(baseline.assessment.id);
    expect(await act(() => loadDemoAssessment(servePublic, '/'))).toMatchObject({
      status: 'already-loaded',
    });
    expect(names()).toHaveLength(2);
    expect(useAppStore.getState().activeAssessmentId).toBe(demo.assessment.id);
  });

  it('keeps an assessment someone has worked on when the demo or a new one is added', async () => {
    useAppStore.getState().setAnswer('KEY-01', { status: 'level', level: 1 });
    const mine = useAppStore.getState().activeAssessmentId;
    await act(() => loadDemoAssessment(servePublic, '/'));
    useAppStore.getState().createAssessment('Second');
    expect(names()).toHaveLength(4);
    expect(names()[0]).toBe('My assessment');
    expect(useAppStore.getState().assessments[mine ?? '']?.answers['KEY-01']).toEqual({
      status: 'level',
      level: 1,
    });
  });

  it('refuses the demo whole when a file is missing, and changes nothing', async () => {
    const missingBaseline: typeof fetch = (input) =>
      urlOf(input).includes('baseline')
        ? Promise.resolve(new Response('', { status: 404 }))
        : servePublic(input);
    const before = useAppStore.getState().assessments;
    const result = await loadDemoAssessment(missingBaseline, '/');
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.problems[0]?.source).toBe(DEMO_BASELINE_FILE);
    expect(useAppStore.getState().assessments).toBe(before);
  });
});
