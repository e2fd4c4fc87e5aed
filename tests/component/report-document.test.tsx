import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App.tsx';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import type { Assessment } from '../../src/domain/assessment/schema.ts';
import { tableCells, type Block, type TableBlock } from '../../src/domain/report/blocks.ts';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { resolveProfile } from '../../src/domain/threat/resolve.ts';
import { prepareReportExport } from '../../src/lib/report-export.ts';
import { selectActiveAssessment, useAppStore } from '../../src/store/app-store.ts';
import { bundledCatalogue } from '../../src/store/catalogue.ts';
import { bundledFrameworks } from '../../src/store/slices/frameworks.ts';
import demoText from '../../public/demo/halcyon-assessment.json?raw';
import { captureDownloads } from './downloads.ts';

/**
 * The Report page draws the document the PDF and the Markdown are made from. The demo, with a
 * workshop (participants of both roles, an action, a parked control, a sign-off), has a block of
 * every kind; each must be on screen as the document words it.
 */
const parsed = parseAssessmentFile(demoText, 'demo.json', bundledCatalogue);
if (!parsed.ok) throw new Error('demo must parse');
const demo = parsed.value.file.assessment;

const participant = (id: string, role: 'team' | 'auditor', levels: Record<string, number>) => ({
  id,
  name: `${role} ${id}`,
  role,
  source: {
    fileName: `${id}.json`,
    assessmentName: id,
    catalogueVersion: bundledCatalogue.meta.version,
    sha256: 'c'.repeat(64),
  },
  importedAt: '2026-11-25T10:00:00.000Z',
  answers: Object.fromEntries(
    Object.entries(levels).map(([c, level]) => [c, { status: 'level' as const, level }]),
  ),
});

const withWorkshop: Assessment = {
  ...demo,
  id: 'doc-1',
  meta: { ...demo.meta, 'SIG-02': { ...demo.meta['SIG-02'], revisit: true } },
  workshop: {
    agenda: [],
    agreements: {},
    participants: [
      participant('p1', 'team', { 'KEY-01': 2 }),
      participant('p2', 'auditor', { 'KEY-01': 1 }),
    ],
    actions: [
      {
        id: 'a1',
        controlId: 'DEP-08',
        text: 'Add a second verifier to the bridge',
        owner: 'Bridge team',
        due: '2027-01-31',
        priority: 'high',
        createdAt: '2026-11-25T11:05:00.000Z',
      },
    ],
    signOff: {
      signatories: [{ name: 'Auditor Ola', role: 'Lead assessor' }],
      organisation: demo.organisation,
      scope: demo.scope,
      date: '2026-11-25',
      statement: 'Reviewed with the team.',
      signedAt: '2026-11-25T12:00:00.000Z',
      dataSha256: 'd'.repeat(64),
    },
  },
};

/** Whitespace aside: a cell's second line is a block of its own on screen, a line end in print. */
const bare = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, '');
const flat = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T10:00:00'));
  useAppStore.getState().addAssessment(withWorkshop);
  window.location.hash = '#/report';
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the Report page and the document', () => {
  it('shows every heading, paragraph, fact, score and table cell of the document, and exports the same document as Markdown', async () => {
    const { blobs, names } = captureDownloads();
    const user = userEvent.setup();
    const { container } = render(<App />);
    // The whole document (framework readiness included, some 250 table rows more) is drawn before
    // the fingerprint shows; on a loaded machine that takes longer than waitFor's default second.
    await waitFor(() => expect(screen.getByTestId('data-sha256')).toBeInTheDocument(), {
      timeout: 10_000,
    });

    const active = selectActiveAssessment(useAppStore.getState());
    if (!active) throw new Error('no active assessment');
    const { document: doc } = await prepareReportExport({
      catalogue: bundledCatalogue,
      assessment: active,
      profile: resolveProfile(bundledCatalogue, active),
      reportDate: '2026-11-25',
      // As the Report page builds it: the framework readiness section is part of the document.
      frameworks: bundledFrameworks,
    });
    const blocks = doc.blocks;
    const kinds = new Set(blocks.map((b) => b.kind));
    expect([...kinds].sort()).toEqual(
      [
        'chart',
        'cover',
        'curve',
        'heading',
        'keyValues',
        'list',
        'matrix',
        'paragraph',
        'score',
        'table',
        'toc',
      ].sort(),
    );

    // Headings, in order: the document's level 1 as h2, level 2 as h3.
    const shownHeadings = [
      ...container.querySelectorAll('section[aria-labelledby^="report-"] :is(h2, h3)'),
    ].map((h) => `${h.tagName} ${flat(h.textContent)}`);
    expect(shownHeadings).toEqual(
      blocks.flatMap((b) =>
        b.kind === 'heading' ? [`${b.level === 1 ? 'H2' : 'H3'} ${flat(b.text)}`] : [],
      ),
    );

    const texts = (selector: string): Set<string> =>
      new Set([...container.querySelectorAll(selector)].map((e) => flat(e.textContent)));
    const paragraphs = texts('p');
    const items = texts('li');
    const facts = new Set(
      [...container.querySelectorAll('dl.facts dt')].map(
        (dt) => `${flat(dt.textContent)} = ${flat(dt.nextElementSibling?.textContent)}`,
      ),
    );
    const byKind = <K extends Block['kind']>(kind: K) =>
      blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);

    for (const b of byKind('paragraph')) expect(paragraphs).toContain(flat(b.text));
    for (const b of byKind('list')) for (const item of b.items) expect(items).toContain(flat(item));
    for (const b of byKind('keyValues')) {
      for (const row of b.rows) expect(facts).toContain(`${flat(row.key)} = ${flat(row.value)}`);
    }
    for (const b of byKind('score')) {
      expect(screen.getByTestId(b.id)).toHaveTextContent(b.value);
      expect(screen.getByTestId(b.id)).toHaveAccessibleDescription(b.label);
    }
    for (const b of byKind('chart')) {
      expect(screen.getByTestId(`chart-${b.chart.id}`)).toBeInTheDocument();
    }
    for (const b of byKind('matrix')) {
      expect(screen.getByTestId(`chart-${b.matrix.id}`)).toHaveTextContent(b.matrix.title);
    }
    for (const b of byKind('curve')) {
      const figure = screen.getByTestId(`chart-${b.curve.id}`);
      expect(within(figure).getByRole('img')).toHaveAccessibleName(
        `${b.curve.title} ${b.curve.summary}`,
      );
    }

    // Every cell, column by column; phone-hidden columns are in the page, hidden by CSS only.
    const tables: TableBlock[] = byKind('table');
    expect(tables.filter((t) => t.rows.length > 0).length).toBeGreaterThan(10);
    for (const t of tables) {
      const shown = container.querySelector(`table[data-table="${t.id}"]`);
      if (t.rows.length === 0) {
        expect(shown).toBeNull();
        expect(paragraphs).toContain(flat(t.empty));
        continue;
      }
      if (!shown) throw new Error(`table ${t.id} is not on screen`);
      const rows = [...shown.querySelectorAll('tr')].map((tr) => [...tr.children]);
      expect(rows[0]?.map((th) => flat(th.textContent))).toEqual(t.columns.map((c) => c.head));
      expect(rows.slice(1).map((r) => r.map((cell) => bare(cell.textContent)))).toEqual(
        tableCells(t).map((r) => r.map(bare)),
      );
      t.columns.forEach((c, i) => {
        for (const r of rows) {
          expect(r[i]?.classList.contains('hide-narrow')).toBe(c.hideOnPhone === true);
        }
      });
    }

    // The Markdown the page exports is that same document, word for word.
    await user.click(screen.getByRole('button', { name: 'Export Markdown' }));
    await waitFor(() => expect(names).toHaveLength(1));
    expect((await blobs[0]?.text()) ?? '').toBe(reportMarkdown(doc));
  });

  it('switches the plan between the two orders the document carries', async () => {
    const user = userEvent.setup();
    const { container } = render(<App />);
    const active = selectActiveAssessment(useAppStore.getState());
    if (!active) throw new Error('no active assessment');
    const { model } = await prepareReportExport({
      catalogue: bundledCatalogue,
      assessment: active,
      profile: resolveProfile(bundledCatalogue, active),
      reportDate: '2026-11-25',
      // As the Report page builds it: the framework readiness section is part of the document.
      frameworks: bundledFrameworks,
    });
    const planIds = (): string[] =>
      [...container.querySelectorAll('table[data-table="remediation-plan"] tbody th')].map(
        (th) => th.textContent.split(' ')[0] ?? '',
      );
    expect(planIds()).toEqual(model.gaps.map((g) => g.controlId));
    await user.click(screen.getByLabelText('By risk removed per unit of effort'));
    expect(planIds()).toEqual(model.gapsByEffort.map((g) => g.controlId));
    expect(planIds()).not.toEqual(model.gaps.map((g) => g.controlId));
    await user.click(screen.getByLabelText('By risk removed'));
    expect(planIds()).toEqual(model.gaps.map((g) => g.controlId));
  });
});
