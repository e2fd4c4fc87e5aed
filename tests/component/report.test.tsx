import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import { sha256Hex } from '../../src/lib/sha256.ts';
import { newAssessment, selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';
import { bundledCatalogue } from '../../src/store/catalogue.ts';
import { captureDownloads } from './downloads.ts';

const active = () => {
  const a = selectActiveAssessment(useAppStore.getState());
  if (!a) throw new Error('no active assessment');
  return a;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T10:00:00'));
  const answers = Object.fromEntries(
    bundledCatalogue.controls
      .filter((c) => c.domain !== 'custody')
      .map((c, i) => [c.id, { status: 'level' as const, level: i % 4 }]),
  );
  useAppStore.getState().addAssessment({
    ...newAssessment('r-1', new Date('2026-11-25T00:00:00Z'), 'Charts'),
    organisation: 'Ωmega Labs',
    answers,
    meta: { 'KEY-01': { owner: 'Olena Kovalenko' } },
  });
  window.location.hash = '#/report';
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the report page', () => {
  it('draws each chart as one image whose name and description carry every value', () => {
    render(<App />);
    const readiness = screen.getByRole('img', { name: /^Readiness by domain against target/ });
    // Custody is entirely unanswered: its readiness is 0, and the text alternative says so.
    expect(readiness).toHaveAccessibleName(/Custody 0\.0/);
    for (const domain of bundledCatalogue.domains) {
      expect(readiness).toHaveAccessibleName(new RegExp(domain.name));
    }
    expect(
      screen.getByRole('img', { name: /^Where the residual risk sits, by attack vector/ }),
    ).toHaveAccessibleName(/add up to the residual risk/);
    expect(
      screen.getByRole('img', { name: /^Where the residual risk sits, by domain/ }),
    ).toBeInTheDocument();
  });

  it('draws the risk matrix as one image whose text alternative gives every vector’s numbers', () => {
    render(<App />);
    const matrix = screen.getByRole('img', {
      name: /^How often and how costly: each attack vector/,
    });
    for (const vector of bundledCatalogue.vectors.filter((v) => v.amplifier !== true)) {
      expect(matrix).toHaveAccessibleName(
        new RegExp(
          `${vector.name} [0-9.]+% of incidents, [0-9.]+× the average cost, residual [0-9.]+ of [0-9.]+`,
        ),
      );
    }
    expect(matrix.querySelectorAll('circle.matrix-dot')).toHaveLength(
      bundledCatalogue.vectors.filter((v) => v.amplifier !== true).length,
    );
    const plan = screen.getByRole('table', { name: 'Remediation plan' });
    expect(within(plan).getByRole('columnheader', { name: 'Robust' })).toBeInTheDocument();
  });

  it('shows the owner of each gap in the remediation plan', () => {
    render(<App />);
    const plan = screen.getByRole('table', { name: 'Remediation plan' });
    const row = within(plan)
      .getByRole('rowheader', { name: /^KEY-01 / })
      .closest('tr');
    expect(row).toHaveTextContent('Olena Kovalenko');
  });

  it('states the SHA-256 of the assessment data, and exports exactly that file', async () => {
    const { blobs, names } = captureDownloads();
    const user = userEvent.setup();
    render(<App />);
    const expected = await sha256Hex(assessmentToJson(active()));
    await waitFor(() => expect(screen.getByTestId('data-sha256')).toHaveTextContent(expected));

    await user.click(screen.getByRole('button', { name: 'Export data (JSON)' }));
    await waitFor(() => expect(names).toHaveLength(1));
    expect(names[0]).toBe('opsready-mega-labs-2026-11-25.json');
    const text = (await blobs[0]?.text()) ?? '';
    expect(await sha256Hex(text)).toBe(expected);
    expect(screen.getByText('Saved opsready-mega-labs-2026-11-25.json.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Export Markdown' }));
    await waitFor(() => expect(names).toHaveLength(2));
    expect(names[1]).toBe('opsready-mega-labs-2026-11-25.md');
    const md = (await blobs[1]?.text()) ?? '';
    expect(md).toContain(`SHA-256 ${expected} of opsready-mega-labs-2026-11-25.json`);
    expect(md).toContain('**Ωmega Labs**');
    expect(screen.getByText('Saved opsready-mega-labs-2026-11-25.md.')).toBeInTheDocument();
  });
});
