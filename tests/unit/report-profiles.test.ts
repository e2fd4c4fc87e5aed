import { describe, expect, it } from 'vitest';
import { tableCells, type Block, type TableBlock } from '../../src/domain/report/blocks.ts';
import { reportDocument } from '../../src/domain/report/document.ts';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { equalWeightProfile } from '../../src/domain/threat/profile.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, demo, profile } = demoInputs();
const byId = (id: string) => {
  const p = catalogue.profiles.find((x) => x.id === id);
  if (!p) throw new Error(`no profile ${id}`);
  return p;
};

function comparison(blocks: readonly Block[]): TableBlock {
  const found = blocks.find(
    (b): b is TableBlock => b.kind === 'table' && b.id === 'profile-comparison',
  );
  if (!found) throw new Error('no profile comparison table');
  return found;
}

describe('threat profiles compared in the report', () => {
  const model = buildReportModel({
    catalogue,
    assessment: demo,
    profile,
    reportDate: '2026-12-01',
  });
  const doc = reportDocument(model);
  const table = comparison(doc.blocks);

  it('puts every shipped profile side by side, the one used marked', () => {
    expect(profile.id).toBe('trm-h1-2026');
    expect(table.columns.map((c) => c.head)).toEqual([
      'Vector',
      'TRM Labs, H1 2026 (used here)',
      'TRM Labs H1 2026, plus Bybit (February 2025)',
      'Named incidents over $10M, July 2024 – June 2026',
    ]);
  });

  it("shows each profile's own shares of a vector, as incidents / loss", () => {
    const cells = tableCells(table);
    const row = cells.find((r) => r[0] === 'Blind signing');
    const share = (id: string) => byId(id).shares.find((s) => s.vector === 'blind-signing');
    const pct = (n: number | undefined) => `${((n ?? NaN) * 100).toFixed(1)}%`;
    const cell = (id: string) => `${pct(share(id)?.incidents)} / ${pct(share(id)?.loss)}`;
    expect(row).toEqual([
      'Blind signing',
      cell('trm-h1-2026'),
      cell('trm-h1-2026-with-bybit'),
      cell('named-incidents-2024-2026'),
    ]);
    // TRM H1 2026 gives blind signing 1.0% of incidents and 11.8% of loss.
    expect(row?.[1]).toBe('1.0% / 11.8%');
  });

  it("states each profile's population, the ledger's computed from its entries", () => {
    const ledger = byId('named-incidents-2024-2026').population;
    const list = doc.blocks.find(
      (b): b is Extract<Block, { kind: 'list' }> =>
        b.kind === 'list' && b.items.some((i) => i.startsWith('Named incidents over $10M')),
    );
    expect(list?.items[0]).toContain('207 incidents, $972M in all, median $219k, mean $4.7M');
    expect(list?.items[2]).toContain(`${String(ledger?.incidents)} incidents`);
    expect(reportMarkdown(doc)).toContain('### Threat profiles compared');
  });

  it('adds the profile in use when the catalogue does not ship it', () => {
    const equal = equalWeightProfile(catalogue.vectors);
    const m = buildReportModel({
      catalogue,
      assessment: demo,
      profile: equal,
      reportDate: '2026-12-01',
    });
    const heads = comparison(reportDocument(m).blocks).columns.map((c) => c.head);
    expect(heads[1]).toBe('Equal weights (no threat data) (used here)');
    expect(heads).toHaveLength(5);
  });
});
