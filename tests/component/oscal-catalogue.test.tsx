import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { catalogToOscal, oscalJson } from '../../src/domain/oscal/catalog-export.ts';
import { selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';
import { bundledCatalogue, USER_CATALOGUES_KEY } from '../../src/store/catalogue.ts';

/** A small catalog as NIST writes them: a family, a control with an enhancement, parameters. */
const NIST_LIKE = {
  catalog: {
    uuid: '0f6a4a1e-7b7c-4d55-9a57-3f6c3a7f2b10',
    metadata: {
      title: 'Tiny NIST-style catalog',
      'last-modified': '2026-01-01T00:00:00Z',
      version: '1.0',
      'oscal-version': '1.1.3',
    },
    groups: [
      {
        id: 'ac',
        class: 'family',
        title: 'Access Control',
        controls: [
          {
            id: 'ac-2',
            title: 'Account Management',
            params: [{ id: 'ac-2_prm_1', label: 'organization-defined frequency' }],
            props: [
              { name: 'label', value: 'AC-2' },
              { name: 'sort-id', value: 'ac-02' },
            ],
            parts: [
              {
                id: 'ac-2_smt',
                name: 'statement',
                prose: 'Review accounts {{ insert: param, ac-2_prm_1 }}.',
              },
              { id: 'ac-2_gdn', name: 'guidance', prose: 'Stale accounts are taken over.' },
            ],
            controls: [
              {
                id: 'ac-2.1',
                title: 'Automated System Account Management',
                props: [
                  { name: 'label', value: 'AC-2(1)' },
                  { name: 'sort-id', value: 'ac-02.01' },
                ],
                parts: [{ id: 'ac-2.1_smt', name: 'statement', prose: 'Automate it.' }],
              },
            ],
          },
        ],
      },
    ],
  },
};

const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });

describe('an OSCAL catalog on the Catalogue page', () => {
  it('is converted, says what it assumed, is kept, and an assessment starts from it', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.upload(
      screen.getByLabelText(/Load your own catalogue/),
      file('tiny-oscal.json', JSON.stringify(NIST_LIKE)),
    );
    expect(
      await screen.findByText(
        'Loaded Tiny NIST-style catalog 1.0.0: 2 controls.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    const report = screen.getByRole('region', { name: 'Converted from OSCAL' });
    expect(report).toHaveTextContent('and 1 as [Assignment: …] for the organisation to fill in');
    for (const assumed of [
      /^Scale: the catalog defines none/,
      /^Version: "1\.0" is not a version like 1\.2\.0, so it is read as 1\.0\.0\./,
      /^Severity: 2 of 2 controls have none; medium is assumed/,
      /^Attack vectors: 2 of 2 controls name none/,
    ]) {
      expect(within(report).getByText(assumed)).toBeInTheDocument();
    }
    const card = screen.getByRole('article', { name: /^AC-002 AC-2\(1\) Automated System/ });
    expect(card).toBeInTheDocument();
    expect(
      screen.getByText('Review accounts [Assignment: organization-defined frequency].'),
    ).toBeInTheDocument();
    // Kept as the converted catalogue, which the next start validates like any team catalogue.
    const stored = window.localStorage.getItem(USER_CATALOGUES_KEY) ?? '';
    expect(stored).toContain('tiny-oscal.opsready.json');

    await user.click(
      screen.getByRole('button', { name: 'Start an assessment with this catalogue' }),
    );
    const started = selectActiveAssessment(useAppStore.getState());
    expect(started?.catalogue.version).toBe('1.0.0');
    expect(started?.catalogue.id).toMatch(/^tiny-nist-style-catalog-0f6a4a1e$/);
    await user.click(screen.getByRole('link', { name: 'Go to the assessment' }));
    expect(
      await screen.findByRole('article', { name: /^AC-001 AC-2 Account Management/ }),
    ).toBeInTheDocument();
    // Renders the whole app twice over (Catalogue, then Assessment): slow on a loaded machine.
  }, 120_000);

  it("refuses our own export (the built-in catalogue's id) and a broken catalog, changing nothing", async () => {
    const user = userEvent.setup();
    render(<App />);
    const picker = screen.getByLabelText(/Load your own catalogue/);
    await user.upload(
      picker,
      file('opsready.json', oscalJson(catalogToOscal(bundledCatalogue, '2026-12-01'))),
    );
    expect(await screen.findByRole('alert', {}, { timeout: 10_000 })).toHaveTextContent(
      /is the built-in catalogue's id/,
    );
    const broken = structuredClone(NIST_LIKE) as { catalog: { groups: { controls: object[] }[] } };
    broken.catalog.groups[0]?.controls.push({ id: 'ac-2', title: 'Again' });
    await user.upload(picker, file('broken.json', JSON.stringify(broken)));
    expect(
      await screen.findByText(/duplicate control id "ac-2"/, {}, { timeout: 10_000 }),
    ).toHaveTextContent('broken.json › catalog.groups[0].controls[1].id');
    expect(window.localStorage.getItem(USER_CATALOGUES_KEY)).toBeNull();
  }, 120_000);
});
