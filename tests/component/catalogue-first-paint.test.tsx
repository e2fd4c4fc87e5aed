import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  countIncidents,
  splitCatalogue,
  type CatalogueDetails,
  type ListedCatalogue,
} from '../../src/domain/catalogue/details.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { CatalogueView } from '../../src/features/catalogue/CataloguePage.tsx';
import {
  bundledCatalogue,
  loadCatalogueDetails,
  withDeferredDetails,
} from '../../src/store/catalogue.ts';

/**
 * The Catalogue page on the built-in catalogue as the app first has it: the list part, with the
 * details held back by the test (the real details, split from the app's own catalogue) until it
 * settles them.
 */
let whole: Catalogue;
let list: ListedCatalogue;
let details: CatalogueDetails;
beforeAll(async () => {
  // Read through its getters into plain data: the catalogue the app has once it is whole.
  whole = JSON.parse(JSON.stringify(await loadCatalogueDetails(bundledCatalogue))) as Catalogue;
  ({ list, details } = splitCatalogue(whole));
});

function heldBack() {
  const asked: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const catalogue = withDeferredDetails(
    list,
    countIncidents(whole),
    () =>
      new Promise((resolve, reject) => {
        asked.push({ resolve: () => resolve(details), reject });
      }),
  );
  return { catalogue, asked };
}

const LOADING = "Loading the controls' details…";

/** A word in some controls' ids, titles or objectives and in the rationale of more. */
function wordInListAndDetails(catalogue: Catalogue): { word: string; listed: number; all: number } {
  const listText = (c: Catalogue['controls'][number]) =>
    `${c.id} ${c.title} ${c.objective}`.toLowerCase();
  const allText = (c: Catalogue['controls'][number]) =>
    `${listText(c)} ${c.rationale} ${c.verification}`.toLowerCase();
  const words = new Set(
    catalogue.controls.flatMap((c) => c.rationale.toLowerCase().match(/[a-z]{6,}/g) ?? []),
  );
  for (const word of [...words].sort()) {
    const listed = catalogue.controls.filter((c) => listText(c).includes(word)).length;
    const all = catalogue.controls.filter((c) => allText(c).includes(word)).length;
    if (listed > 0 && all > listed) return { word, listed, all };
  }
  throw new Error('no word found in both the list fields and the details');
}

describe('the Catalogue page before the built-in catalogue details arrive', () => {
  it('draws every card with its incident count, then asks for the details after the frame', async () => {
    const { catalogue, asked } = heldBack();
    render(<CatalogueView catalogue={catalogue} />);
    // Drawn from the list part, without waiting.
    expect(screen.getByText('Showing 112 of 112 controls.')).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(112);
    expect(
      screen.getByText(new RegExp(`controls in 6 domains, ${String(whole.incidents.length)} real`)),
    ).toBeInTheDocument();
    for (const control of whole.controls) {
      const n = whole.incidents.filter((i) =>
        i.steps.some((s) => s.breaks.some((b) => b.control === control.id)),
      ).length;
      // By id: 112 look-ups by accessible name take jsdom half a minute.
      const card = document.getElementById(`control-${control.id}`);
      const meta = card?.querySelector('.control-meta')?.textContent ?? '';
      expect(meta, control.id).toMatch(/^Severity /);
      if (n === 0) expect(meta, control.id).not.toMatch(/incident/);
      else expect(meta, control.id).toMatch(new RegExp(` · In ${String(n)} incidents?$`));
    }
    expect(screen.queryByText(LOADING)).not.toBeInTheDocument();
    // Not in the render: the paint comes first.
    expect(asked).toHaveLength(0);
    await waitFor(() => expect(asked).toHaveLength(1));
  });

  it('says the details are loading in an opened card, the incidents and the coverage, then shows them', async () => {
    const user = userEvent.setup();
    const { catalogue, asked } = heldBack();
    render(<CatalogueView catalogue={catalogue} />);
    const card = screen.getByRole('article', { name: /^SIG-02 / });
    await user.click(within(card).getByText(/^Details/));
    expect(within(card).getByRole('status')).toHaveTextContent(LOADING);
    await user.click(screen.getByRole('button', { name: 'Incidents' }));
    expect(screen.getByText(LOADING)).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Scale, vectors and changes' }));
    // The scale is in the list part; the counts and the changelog wait.
    expect(screen.getByRole('heading', { name: 'Maturity scale' })).toBeInTheDocument();
    expect(screen.getByText(LOADING)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Changelog' })).not.toBeInTheDocument();

    await waitFor(() => expect(asked).toHaveLength(1));
    asked[0]?.resolve();
    expect(await screen.findByRole('heading', { name: 'Changelog' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Attack vectors' })).toBeInTheDocument();
    expect(screen.queryByText(LOADING)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Incidents' }));
    expect(screen.getAllByRole('article')).toHaveLength(whole.incidents.length);
    await user.click(screen.getByRole('button', { name: 'Controls' }));
    const opened = screen.getByRole('article', { name: /^SIG-02 / });
    await user.click(within(opened).getByText(/^Details/));
    expect(within(opened).getByRole('heading', { name: 'Why it matters' })).toBeInTheDocument();
    expect(within(opened).getByRole('button', { name: /Bybit/ })).toBeInTheDocument();
  });

  it('searches the list fields while the details load, says so, and searches them too once here', async () => {
    const user = userEvent.setup();
    const { catalogue, asked } = heldBack();
    const { word, listed, all } = wordInListAndDetails(whole);
    render(<CatalogueView catalogue={catalogue} />);
    await user.type(screen.getByRole('searchbox', { name: 'Search controls' }), word);
    expect(
      await screen.findByText(new RegExp(`^Showing ${String(listed)} of 112 controls\\. `)),
    ).toHaveTextContent(
      "Searched ids, titles and objectives so far; the controls' details are still loading",
    );
    expect(screen.getAllByRole('article')).toHaveLength(listed);

    await waitFor(() => expect(asked).toHaveLength(1));
    asked[0]?.resolve();
    expect(
      await screen.findByText(`Showing ${String(all)} of 112 controls.`, { exact: true }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(all);
  });

  it('says when the details failed to arrive, and fetches them again on request', async () => {
    const user = userEvent.setup();
    const { catalogue, asked } = heldBack();
    render(<CatalogueView catalogue={catalogue} />);
    const card = screen.getByRole('article', { name: /^KEY-01 / });
    await user.click(within(card).getByText(/^Details/));
    await waitFor(() => expect(asked).toHaveLength(1));
    asked[0]?.reject(new Error('Failed to fetch dynamically imported module'));
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent(
      "The controls' details could not be loaded: Failed to fetch dynamically imported module.",
    );
    // The list is all there still.
    expect(screen.getAllByRole('article')).toHaveLength(112);
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(asked).toHaveLength(2);
    expect(within(card).getByRole('status')).toHaveTextContent(LOADING);
    asked[1]?.resolve();
    expect(
      await within(card).findByRole('heading', { name: 'Why it matters' }),
    ).toBeInTheDocument();
  });

  it('shows a whole catalogue at once, with no loading status anywhere', async () => {
    const user = userEvent.setup();
    render(<CatalogueView catalogue={whole} />);
    const card = screen.getByRole('article', { name: /^SIG-02 / });
    await user.click(within(card).getByText(/^Details/));
    expect(within(card).getByRole('heading', { name: 'Why it matters' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Scale, vectors and changes' }));
    expect(screen.getByRole('heading', { name: 'Changelog' })).toBeInTheDocument();
    expect(screen.queryByText(LOADING)).not.toBeInTheDocument();
  });
});
