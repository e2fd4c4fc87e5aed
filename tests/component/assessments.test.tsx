import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import { MAX_ASSESSMENT_FILE_BYTES } from '../../src/domain/assessment/import.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { AssessmentsPanel } from '../../src/features/assessment/AssessmentsPanel.tsx';
import { PersistenceBanner } from '../../src/components/PersistenceBanner.tsx';
import {
  createAppStore,
  selectActiveAssessment,
  STORAGE_KEY,
  useAppStore,
} from '../../src/store/app-store.ts';
import { PERSISTED_VERSION } from '../../src/domain/persistence/persisted.ts';
import { usePersistenceStatus } from '../../src/store/persistence-status.ts';
import { createGuardedStorage } from '../../src/store/storage.ts';
import { everythingSaved, memoryBackend, savedText } from '../fixtures/storage.ts';
import { bundledCatalogue } from '../../src/store/catalogue.ts';
import { captureDownloads } from './downloads.ts';

const NOW = new Date(2026, 10, 25, 9, 30);
const active = (): Assessment => {
  const a = selectActiveAssessment(useAppStore.getState());
  if (!a) throw new Error('no active assessment');
  return a;
};
const count = () => Object.keys(useAppStore.getState().assessments).length;
const jsonFile = (name: string, text: string) =>
  new File([text], name, { type: 'application/json' });

/** Everything this app keeps in the browser, to show that a refused import touched none of it. */
const snapshot = everythingSaved;

/** The raw bytes: decoding as text would drop the byte-order mark this test looks for. */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(
        reader.result instanceof ArrayBuffer ? new Uint8Array(reader.result) : new Uint8Array(),
      );
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(blob);
  });
}

function renderPanel() {
  const user = userEvent.setup();
  render(<AssessmentsPanel now={() => NOW} />);
  return user;
}

function answerSome(): void {
  const state = useAppStore.getState();
  state.setAnswer('KEY-01', { status: 'level', level: 2, notes: 'Ledger, "all" of them, =1+1' });
  state.setAnswer('CUS-01', { status: 'na', justification: 'No hot wallets.' });
  state.setMeta('KEY-01', {
    target: 3,
    owner: 'Ana',
    evidence: ['https://wiki/keys'],
    confidence: 'verified',
    revisit: true,
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('managing assessments', () => {
  it('shows the open assessment with its catalogue and dates', () => {
    renderPanel();
    expect(screen.getByRole('combobox', { name: 'Assessment' })).toHaveDisplayValue(
      'My assessment',
    );
    const { id, version } = bundledCatalogue.meta;
    expect(screen.getByText(`${id} ${version}`)).toBeInTheDocument();
    expect(screen.getByText('Created')).toBeInTheDocument();
    expect(screen.getByText('Last changed')).toBeInTheDocument();
  });

  it('creates a new assessment, refusing an empty name at the field', async () => {
    // Work on the first one, so it is kept beside the new one (an untouched one is replaced).
    answerSome();
    const user = renderPanel();
    await user.click(screen.getByRole('button', { name: 'New' }));
    const name = screen.getByLabelText('Name of the new assessment');
    expect(name).toHaveFocus();
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('expected a name');
    expect(count()).toBe(1);

    await user.type(name, '  Q4 review ');
    await user.keyboard('{Enter}');
    expect(count()).toBe(2);
    expect(active()).toMatchObject({ name: 'Q4 review', answers: {}, meta: {} });
    expect(screen.getByRole('combobox', { name: 'Assessment' })).toHaveDisplayValue('Q4 review');
    expect(screen.getByRole('combobox', { name: 'Assessment' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Created “Q4 review” and opened it.');
  });

  it('renames the open assessment, and Escape cancels without a change', async () => {
    const user = renderPanel();
    const rename = screen.getByRole('button', { name: 'Rename' });
    await user.click(rename);
    await user.keyboard('{Escape}');
    expect(screen.queryByLabelText('New name')).not.toBeInTheDocument();
    expect(rename).toHaveFocus();
    expect(active().name).toBe('My assessment');

    await user.click(rename);
    const name = screen.getByLabelText('New name');
    expect(name).toHaveValue('My assessment');
    await user.clear(name);
    await user.type(name, 'Treasury, Q3');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(active().name).toBe('Treasury, Q3');
    expect(count()).toBe(1);
    expect(screen.getByRole('status')).toHaveTextContent('Renamed to “Treasury, Q3”.');
  });

  it('duplicates with the same answers and meta under a new id, and opens the copy', async () => {
    answerSome();
    const original = active();
    const user = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Duplicate' }));
    expect(screen.getByLabelText('Name of the copy')).toHaveValue('My assessment (copy)');
    await user.click(screen.getByRole('button', { name: 'Create copy' }));
    const copy = active();
    expect(count()).toBe(2);
    expect(copy.id).not.toBe(original.id);
    expect(copy.name).toBe('My assessment (copy)');
    expect(copy.answers).toEqual(original.answers);
    expect(copy.meta).toEqual(original.meta);
    expect(copy.catalogue).toEqual(original.catalogue);
    expect(useAppStore.getState().assessments[original.id]).toEqual(original);
  });

  it('deletes only after an inline confirmation, and always keeps one assessment', async () => {
    // Started on, so creating "Second" keeps it rather than taking its place.
    answerSome();
    const first = active();
    useAppStore.getState().createAssessment('Second');
    const user = renderPanel();

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('group', { name: /Delete “Second” from this browser\?/ });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(count()).toBe(2);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Delete “Second”' }));
    expect(count()).toBe(1);
    expect(active().id).toBe(first.id);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Deleted “Second”. Now showing “My assessment”.',
    );

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Delete “My assessment”' }));
    expect(count()).toBe(1);
    expect(active().id).not.toBe(first.id);
    expect(active().answers).toEqual({});
  });
});

describe('exporting', () => {
  it('downloads JSON and CSV (with a byte-order mark) named after the assessment and day', async () => {
    answerSome();
    const { blobs, names } = captureDownloads();
    const user = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(names).toEqual([
      'opsready-my-assessment-2026-11-25.json',
      'opsready-my-assessment-2026-11-25.csv',
    ]);
    expect(await blobs[0]?.text()).toBe(assessmentToJson(active()));
    const csv = await bytesOf(blobs[1] ?? new Blob());
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csv.slice(3, 40))).toMatch(/^control_id,domain,title,/);
    expect(blobs[1]?.type).toBe('text/csv;charset=utf-8');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Exported “My assessment” as opsready-my-assessment-2026-11-25.csv.',
    );
  });
});

describe('importing', () => {
  it.each([
    ['text that is not JSON', '{"format": ', 'not valid JSON'],
    ['another kind of file', '{"hello": "world"}', 'expected "opsready-assessment"'],
    [
      'an assessment for another catalogue',
      assessmentToJson({
        id: 'elsewhere',
        name: 'Elsewhere',
        organisation: '',
        scope: '',
        assessors: [],
        catalogue: { id: 'someone-elses', version: '1.0.0' },
        createdAt: '2026-11-25T12:00:00.000Z',
        updatedAt: '2026-11-25T12:00:00.000Z',
        answers: { 'KEY-01': { status: 'level', level: 1 } },
        meta: {},
      }),
      'made against catalogue "someone-elses"',
    ],
    ['a file over 5 MB', ' '.repeat(MAX_ASSESSMENT_FILE_BYTES + 1), 'file is too large'],
    ...['constructor', '__proto__', 'prototype'].map((id) => [
      `an assessment whose id is "${id}"`,
      assessmentToJson({ ...active(), id }),
      `upload.json › assessment.id: expected an id other than "__proto__", "constructor" or "prototype"`,
    ]),
  ])('refuses %s and leaves saved data unchanged', async (_what, text, expected) => {
    answerSome();
    const before = await snapshot();
    expect(before[`db:${STORAGE_KEY}`]).toBeTruthy();
    const state = useAppStore.getState().assessments;
    const user = renderPanel();
    await user.upload(screen.getByLabelText('Import JSON'), jsonFile('upload.json', text));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Nothing was imported; your saved assessments are unchanged.');
    expect(alert).toHaveTextContent(expected);
    expect(await snapshot()).toEqual(before);
    expect(useAppStore.getState().assessments).toBe(state);
  });

  it('round-trips an export: same answers and meta, added beside the original', async () => {
    answerSome();
    const original = active();
    const text = assessmentToJson(original);
    const user = renderPanel();
    await user.upload(screen.getByLabelText('Import JSON'), jsonFile('q3.json', text));

    const status = screen.getByRole('status');
    expect(
      await within(status).findByText(/^Imported “My assessment \(imported\)”\./),
    ).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(count()).toBe(2);
    const imported = active();
    expect(imported.id).not.toBe(original.id);
    expect(imported.answers).toEqual(original.answers);
    expect(imported.meta).toEqual(original.meta);
    // The original is never overwritten.
    expect(useAppStore.getState().assessments[original.id]).toEqual(original);
    expect(screen.getByRole('combobox', { name: 'Assessment' })).toHaveDisplayValue(
      'My assessment (imported)',
    );
    // The import was saved.
    expect(await savedText()).toContain(imported.id);
  });

  it('imports an older catalogue version and reports what was left out and what is new', async () => {
    const old: Assessment = {
      ...active(),
      id: 'from-another-machine',
      name: 'Old review',
      catalogue: { id: bundledCatalogue.meta.id, version: '0.1.0' },
      answers: {
        'KEY-01': { status: 'level', level: 3 },
        'OLD-01': { status: 'level', level: 2 },
      },
      meta: {},
    };
    const user = renderPanel();
    await user.upload(
      screen.getByLabelText('Import JSON'),
      jsonFile('old.json', assessmentToJson(old)),
    );

    const status = screen.getByRole('status');
    expect(await within(status).findByText('Imported “Old review”.')).toBeVisible();
    expect(status).toHaveTextContent(
      `It was made against catalogue version 0.1.0; this browser has ${bundledCatalogue.meta.version}.`,
    );
    expect(status).toHaveTextContent('One entry was left out');
    expect(status).toHaveTextContent('control "OLD-01"');
    expect(status).toHaveTextContent('Controls removed since 0.1.0: OLD-01.');
    expect(status).toHaveTextContent(
      `Controls in ${bundledCatalogue.meta.version} this file has no answer for (${String(bundledCatalogue.controls.length - 1)})`,
    );
    expect(active()).toMatchObject({
      id: 'from-another-machine',
      answers: { 'KEY-01': { status: 'level', level: 3 } },
    });
  });
});

describe('importing a backup of the saved data', () => {
  const good = (id: string, name: string, level: number): Assessment => ({
    id,
    name,
    organisation: 'Example DAO',
    scope: '',
    assessors: [],
    catalogue: { id: bundledCatalogue.meta.id, version: bundledCatalogue.meta.version },
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T11:00:00.000Z',
    answers: {
      'KEY-01': { status: 'level', level, notes: `Checked by ${name}` },
      'CUS-01': { status: 'na', justification: 'No hot wallets.' },
    },
    meta: { 'KEY-01': { owner: 'Ana', revisit: true } },
  });

  it('loads the others when one is stored as "constructor", and its backup imports back whole', async () => {
    const first = good('first', 'Treasury', 2);
    const second = good('second', 'Bridge', 3);
    // Written as text: an object literal cannot hold an own "constructor" entry built like this.
    const raw = `{"state":{"assessments":{"first":${JSON.stringify(first)},"constructor":${JSON.stringify({ ...first, id: 'constructor', name: 'Hostile' })},"second":${JSON.stringify(second)}},"activeAssessmentId":"constructor"},"version":${String(PERSISTED_VERSION)}}`;
    const backend = memoryBackend();
    await backend.write(STORAGE_KEY, raw);
    const loaded = createAppStore({
      storage: createGuardedStorage(backend, null),
      now: () => NOW,
      newId: () => 'never-used',
      followOtherTabs: false,
    });
    await vi.waitFor(() => expect(loaded.getState().assessments).toEqual({ first, second }));
    await vi.waitFor(() => expect(usePersistenceStatus.getState().loadFailure).not.toBeNull());

    const { blobs } = captureDownloads();
    const user = userEvent.setup();
    render(
      <>
        <PersistenceBanner />
        <AssessmentsPanel now={() => NOW} />
      </>,
    );
    const banner = screen.getByRole('alert');
    expect(banner).toHaveTextContent('Some saved assessments could not be loaded');
    expect(banner).toHaveTextContent(
      'assessments.constructor: the key "constructor" is not allowed; this entry was left out',
    );
    await user.click(screen.getByRole('button', { name: 'Download the saved data' }));
    const backup = await blobs[0]?.text();
    expect(backup).toBe(raw);

    await user.upload(
      screen.getByLabelText('Import JSON'),
      jsonFile('opsready-saved-data.json', backup ?? ''),
    );
    const status = await screen.findByText(/Imported 2 assessments from the backup/);
    expect(status).toHaveTextContent('“Treasury”, “Bridge”');
    const state = useAppStore.getState().assessments;
    expect(state.first).toEqual(first);
    expect(state.second).toEqual(second);
    expect(Object.hasOwn(state, 'constructor')).toBe(false);
    expect(screen.getByRole('status')).toHaveTextContent(
      'opsready-saved-data.json › state.assessments.constructor: the key "constructor" is not allowed; this entry was left out',
    );
  });

  it('imports a backup of this browser again as copies, never over what is here', async () => {
    answerSome();
    const original = active();
    const raw = (await savedText()) ?? '';
    const user = renderPanel();
    await user.upload(screen.getByLabelText('Import JSON'), jsonFile('backup.json', raw));
    await screen.findByText(/Imported one assessment from the backup/);
    expect(count()).toBe(2);
    expect(useAppStore.getState().assessments[original.id]).toEqual(original);
    const copy = active();
    expect(copy.id).not.toBe(original.id);
    expect(copy.name).toBe('My assessment (imported)');
    expect(copy.answers).toEqual(original.answers);
    expect(copy.meta).toEqual(original.meta);
  });
});
