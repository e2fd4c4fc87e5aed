import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';
import {
  bundledCatalogue,
  catalogueById,
  createCatalogueStore,
  USER_CATALOGUES_KEY,
} from '../../src/store/catalogue.ts';

const TEAM_CATALOGUE = `catalogue:
  id: team-catalogue
  name: Team catalogue
  version: 2.0.0
  description: A team's own controls.
scale:
  - { level: 0, name: No, meaning: Not in place. }
  - { level: 1, name: Yes, meaning: In place. }
domains:
  - { id: keys, name: Keys, prefix: KEY, description: Keys. }
vectors:
  - { id: key-compromise, name: Key compromise, description: A key is stolen. }
controls:
  - id: KEY-01
    domain: keys
    title: Hardware keys only
    objective: Every key is in hardware.
    rationale: Software keys get stolen.
    levels: [No, Yes]
    baseline: 1
    severity: high
    effort: S
    vectors:
      - { vector: key-compromise, effects: [prevents] }
    verification: Look at the devices.
    evidence: [Register]
`;

const file = (name: string, text: string) => new File([text], name, { type: 'text/yaml' });

describe('the catalogue browser', () => {
  it('searches controls by words in the title or text, and filters by domain', async () => {
    const user = userEvent.setup();
    render(<App />);
    expect(screen.getByText(`Showing 112 of 112 controls.`)).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search controls' }), 'timelock');
    const status = await screen.findByText(/^Showing \d+ of 112 controls\.$/);
    const shown = Number(/Showing (\d+)/.exec(status.textContent)?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(112);
    expect(screen.getByRole('article', { name: /^APR-01/ })).toBeInTheDocument();
    await user.clear(screen.getByRole('searchbox', { name: 'Search controls' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Domain' }), 'signing');
    expect(await screen.findByText('Showing 19 of 112 controls.')).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: /^KEY-01/ })).not.toBeInTheDocument();
  });

  it('shows each incident as an attack path with the controls that break each step', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('button', { name: 'Incidents' }));
    const bybit = screen.getByRole('article', { name: /Bybit/ });
    await user.click(within(bybit).getByText(/Attack path and sources/));
    const steps = within(bybit).getAllByRole('listitem');
    expect(steps.some((s) => /Broken by: .*SIG-02/.test(s.textContent))).toBe(true);
    expect(within(bybit).getByRole('heading', { name: 'Sources' })).toBeInTheDocument();
  });

  it('jumps from a control to an incident it would have broken', async () => {
    const user = userEvent.setup();
    render(<App />);
    const card = screen.getByRole('article', { name: /^SIG-02/ });
    await user.click(within(card).getByText(/^Details/));
    await user.click(within(card).getByRole('button', { name: /Bybit/ }));
    expect(screen.getByRole('button', { name: 'Incidents' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByRole('heading', { level: 3, name: /Bybit/ })).toHaveFocus();
  });
});

describe('loading a team catalogue', () => {
  it('lists every problem with file and path and changes nothing when the file is broken', async () => {
    const user = userEvent.setup();
    render(<App />);
    const broken = TEAM_CATALOGUE.replace(
      'vector: key-compromise, effects',
      'vector: telepathy, effects',
    );
    await user.upload(screen.getByLabelText(/Load your own catalogue/), file('team.yaml', broken));
    // The loader is fetched on first use and the page re-renders its 112 cards: more than the
    // default second on a shared machine.
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent(
      'The catalogue was not loaded. Nothing already loaded changed.',
    );
    expect(alert).toHaveTextContent(
      'team.yaml › controls[0].vectors[0].vector: unknown attack vector "telepathy"',
    );
    expect(window.localStorage.getItem(USER_CATALOGUES_KEY)).toBeNull();
    expect(screen.getAllByRole('option', { name: /built in|loaded/ })).toHaveLength(1);
  });

  it('rejects bad YAML with its line', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.upload(
      screen.getByLabelText(/Load your own catalogue/),
      file('bad.yaml', 'controls: [\n  - a: b'),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /bad\.yaml › line \d+, column \d+: not valid YAML/,
    );
  });

  it('adds a valid one, shows it, keeps it across reloads and starts an assessment with it', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.upload(
      screen.getByLabelText(/Load your own catalogue/),
      file('team.yaml', TEAM_CATALOGUE),
    );
    expect(await screen.findByText('Loaded Team catalogue 2.0.0: 1 controls.')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Show catalogue' })).toHaveValue('team-catalogue');
    expect(screen.getByRole('article', { name: /^KEY-01 Hardware keys only/ })).toBeInTheDocument();

    // A fresh store, as after a reload, validates and restores it.
    const fresh = createCatalogueStore(() => window.localStorage);
    await fresh.getState().validated;
    const reloaded = fresh.getState();
    expect(reloaded.loadProblems).toEqual([]);
    expect(reloaded.user.map((u) => u.result.ok && u.result.value.meta.id)).toEqual([
      'team-catalogue',
    ]);

    await user.click(
      screen.getByRole('button', { name: 'Start an assessment with this catalogue' }),
    );
    expect(selectActiveAssessment(useAppStore.getState())?.catalogue).toEqual({
      id: 'team-catalogue',
      version: '2.0.0',
    });
    await user.click(screen.getByRole('link', { name: 'Go to the assessment' }));
    expect(
      await screen.findByRole('article', { name: /^KEY-01 Hardware keys only/ }),
    ).toBeInTheDocument();
  });

  it('refuses a catalogue that reuses the built-in id', async () => {
    const user = userEvent.setup();
    render(<App />);
    const clash = TEAM_CATALOGUE.replace('id: team-catalogue', `id: ${bundledCatalogue.meta.id}`);
    await user.upload(screen.getByLabelText(/Load your own catalogue/), file('clash.yaml', clash));
    expect(await screen.findByRole('alert')).toHaveTextContent(/is the built-in catalogue's id/);
  });
});

describe('stored catalogues', () => {
  it('leaves unreadable stored catalogues untouched and pauses saving', async () => {
    window.localStorage.setItem(USER_CATALOGUES_KEY, '{"version": 9}');
    const store = createCatalogueStore(() => window.localStorage);
    expect(store.getState().loadProblems.length).toBeGreaterThan(0);
    await store.getState().add([{ name: 'team.yaml', text: TEAM_CATALOGUE }], new Date());
    expect(window.localStorage.getItem(USER_CATALOGUES_KEY)).toBe('{"version": 9}');
    expect(store.getState().saveError).toMatch(/saving is paused/);
  });
});

it('shows an assessment made with a stored team catalogue once it has been checked', async () => {
  const first = createCatalogueStore(() => window.localStorage);
  const added = await first
    .getState()
    .add([{ name: 'team.yaml', text: TEAM_CATALOGUE }], new Date());
  if (!added.ok) throw new Error('expected the team catalogue to load');
  // As after a reload: a new store re-validates the stored text before the catalogue is used.
  const reloaded = createCatalogueStore(() => window.localStorage);
  expect(reloaded.getState().validating).toBe(true);
  await reloaded.getState().validated;
  expect(reloaded.getState().validating).toBe(false);
  expect(reloaded.getState().user[0]?.result.ok).toBe(true);
});

it('keeps a catalogue another tab loaded when this tab loads its own', async () => {
  const other = TEAM_CATALOGUE.replace('id: team-catalogue', 'id: other-team').replace(
    'name: Team catalogue',
    'name: Other team',
  );
  const first = createCatalogueStore(() => window.localStorage);
  const second = createCatalogueStore(() => window.localStorage);
  await first
    .getState()
    .add([{ name: 'team.yaml', text: TEAM_CATALOGUE }], new Date('2026-11-25T10:00:00Z'));
  // The second tab has not seen that write, and loads another catalogue.
  await second
    .getState()
    .add([{ name: 'other.yaml', text: other }], new Date('2026-11-25T10:01:00Z'));
  const reloaded = createCatalogueStore(() => window.localStorage);
  await reloaded.getState().validated;
  const ids = reloaded.getState().user.map((u) => (u.result.ok ? u.result.value.meta.id : '?'));
  expect(ids.sort()).toEqual(['other-team', 'team-catalogue']);
  // Removing one in the first tab leaves the other tab's.
  first.getState().remove('team-catalogue');
  const after = createCatalogueStore(() => window.localStorage);
  await after.getState().validated;
  expect(after.getState().user.map((u) => (u.result.ok ? u.result.value.meta.id : '?'))).toEqual([
    'other-team',
  ]);
});

describe('replacing a team catalogue with a new version', () => {
  const V1 = TEAM_CATALOGUE.replace('version: 2.0.0', 'version: 1.0.0')
    .replace(
      '  - { level: 1, name: Yes, meaning: In place. }',
      '  - { level: 1, name: Some, meaning: Partly. }\n  - { level: 2, name: Yes, meaning: In place. }',
    )
    .replace('levels: [No, Yes]\n    baseline: 1', 'levels: [No, Some, Yes]\n    baseline: 2')
    .concat(
      `  - id: KEY-02
    domain: keys
    title: Second key control
    objective: Keys are rotated.
    rationale: Old keys leak.
    levels: [No, Some, Yes]
    baseline: 1
    severity: low
    effort: S
    vectors:
      - { vector: key-compromise, effects: [prevents] }
    verification: Look at the log.
    evidence: [Log]
`,
    );

  it('says what it does to each assessment first, and on confirm flags answers above the scale instead of rescoring them', async () => {
    const user = userEvent.setup();
    render(<App />);
    const picker = screen.getByLabelText(/Load your own catalogue/);
    await user.upload(picker, file('team-v1.yaml', V1));
    expect(await screen.findByText('Loaded Team catalogue 1.0.0: 2 controls.')).toBeInTheDocument();
    const v1 = catalogueById('team-catalogue');
    if (!v1) throw new Error('not loaded');
    const store = useAppStore.getState();
    store.createAssessment('Team review', v1);
    store.setAnswer('KEY-01', { status: 'level', level: 2, notes: 'All in HSMs' });
    store.setAnswer('KEY-02', { status: 'level', level: 1 });
    const before = selectActiveAssessment(useAppStore.getState());

    await user.upload(picker, file('team-v2.yaml', TEAM_CATALOGUE));
    const confirm = await screen.findByRole('group', { name: 'Replace the catalogue?' });
    expect(confirm).toHaveTextContent(
      '“Team review”: controls removed, their answers and details dropped: KEY-02; answers above the new scale, removed and flagged to revisit with the old level noted (never rescored): KEY-01 (level 2); baselines changed: KEY-01 2 → 1.',
    );
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(selectActiveAssessment(useAppStore.getState())).toEqual(before);
    expect(catalogueById('team-catalogue')?.meta.version).toBe('1.0.0');

    await user.upload(picker, file('team-v2.yaml', TEAM_CATALOGUE));
    await user.click(
      await screen.findByRole('button', { name: 'Replace and update the assessments' }),
    );
    expect(
      await screen.findByText(/Loaded Team catalogue 2\.0\.0; 1 assessment/),
    ).toBeInTheDocument();
    const after = selectActiveAssessment(useAppStore.getState());
    expect(after?.catalogue).toEqual({ id: 'team-catalogue', version: '2.0.0' });
    expect(after?.answers).toEqual({});
    expect(after?.meta['KEY-01']).toEqual({
      revisit: true,
      followUp:
        'Review: answered level 2 under team-catalogue 1.0.0; 2.0.0 tops at 1, so the answer was removed, not rescored. Notes then: All in HSMs',
    });
  });
});
