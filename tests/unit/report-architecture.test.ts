import { describe, expect, it } from 'vitest';
import { tableCells, type Block } from '../../src/domain/report/blocks.ts';
import { reportDocument } from '../../src/domain/report/document.ts';
import { reportMarkdown } from '../../src/domain/report/markdown.ts';
import { buildReportModel } from '../../src/domain/report/model.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import { targetsOf } from '../../src/domain/scoring/readiness.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, demo, profile } = demoInputs();
const input = { catalogue, assessment: demo, profile, reportDate: '2026-11-25' };
const allOperated = buildReportModel({ ...input, notOperated: [] });
const noBridge = buildReportModel({ ...input, notOperated: ['bridge', 'nodes'] });

function architectureBlocksOf(blocks: readonly Block[]): Block[] {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Architecture');
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading');
  return blocks.slice(start, end);
}

describe('the architecture section', () => {
  it('scores exactly as the stored answers when everything is operated', () => {
    const risk = computeRisk(catalogue, demo.answers, profile, targetsOf(demo));
    expect(allOperated.residualRisk.value).toBe(risk.residualRisk);
    expect(allOperated.readiness.value).toBe(risk.readiness.readiness);
    expect(allOperated.gaps.map((g) => g.controlId)).toEqual(
      risk.rankedGaps.map((g) => g.score.control.id),
    );
    expect(allOperated.architecture).toMatchObject({
      declared: true,
      notOperated: [],
      removedControls: [],
      removedVectors: [],
      sentence:
        'The team operates everything the catalogue asks about, so every control and attack vector applies.',
    });
    expect(allOperated.architecture.operated).toHaveLength(catalogue.architecture?.length ?? -1);
  });

  it('says what a team without a bridge or nodes removed, and with what weight', () => {
    const a = noBridge.architecture;
    expect(a.notOperated.map((f) => f.id)).toEqual(['bridge', 'nodes']);
    expect(a.removedControls.map((c) => c.controlId)).toEqual(['KEY-11', 'DEP-08', 'DEP-11']);
    const bridgeShare = profile.shares.find((s) => s.vector === 'bridge-validator-compromise');
    const total = profile.shares.reduce((sum, s) => sum + s.loss, 0);
    expect(a.removedVectors).toEqual([
      {
        vectorId: 'bridge-validator-compromise',
        name: 'Bridge or validator compromise',
        exposure: (100 * (bridgeShare?.loss ?? 0)) / total,
        exposureDisplay: ((100 * (bridgeShare?.loss ?? 0)) / total).toFixed(1),
      },
    ]);
    expect(a.sentence).toBe(
      '3 controls are scored not applicable because every feature they apply to is not operated ' +
        `(their stored answers are kept); Bridge or validator compromise (${a.removedVectors[0]?.exposureDisplay ?? ''} of 100 points) ` +
        'gets no weight, and the other vectors are scaled up to fill the 100.',
    );
  });

  it('carries the removal into every section: vectors, gaps, not applicable, appendix', () => {
    expect(allOperated.vectors.map((v) => v.id)).toContain('bridge-validator-compromise');
    expect(noBridge.vectors.map((v) => v.id)).not.toContain('bridge-validator-compromise');
    expect(allOperated.gaps.map((g) => g.controlId)).toContain('DEP-08');
    expect(noBridge.gaps.map((g) => g.controlId)).not.toContain('DEP-08');
    // DEP-11 is N/A in the demo already; KEY-11 and DEP-08 were answered.
    expect(demo.answers['DEP-11']?.status).toBe('na');
    expect(noBridge.counts.notApplicable).toBe(allOperated.counts.notApplicable + 2);
    const md = reportMarkdown(reportDocument(noBridge));
    expect(md).toContain(
      'not operated: Bridge or cross-chain messaging; Validators, oracles, keepers or relayers',
    );
  });

  it('prints the architecture in the document the screen, PDF and Markdown draw', () => {
    const blocks = architectureBlocksOf(reportDocument(noBridge).blocks);
    expect(blocks[0]).toMatchObject({ kind: 'heading', level: 2, text: 'Architecture' });
    const facts = blocks.find((b) => b.kind === 'keyValues');
    expect(facts?.kind === 'keyValues' && facts.rows.map((r) => [r.key, r.value])).toEqual([
      ['Operated', noBridge.architecture.operated.map((f) => f.name).join('; ')],
      ['Not operated', 'Bridge or cross-chain messaging; Validators, oracles, keepers or relayers'],
      [
        'Vectors given no weight',
        `Bridge or validator compromise (had ${noBridge.architecture.removedVectors[0]?.exposureDisplay ?? ''} of 100 points)`,
      ],
    ]);
    const removed = blocks.find((b) => b.kind === 'table');
    expect(removed?.kind === 'table' && removed.id).toBe('architecture-removed');
    expect(removed?.kind === 'table' && tableCells(removed).map((r) => r[0])).toEqual([
      'KEY-11',
      'DEP-08',
      'DEP-11',
    ]);
    // With nothing removed there is no table to print.
    expect(
      architectureBlocksOf(reportDocument(allOperated).blocks).some((b) => b.kind === 'table'),
    ).toBe(false);
  });

  it('prints nothing for a catalogue that asks about no architecture', () => {
    const bare = { ...catalogue, architecture: [] };
    const model = buildReportModel({ ...input, catalogue: bare, notOperated: ['bridge'] });
    expect(model.architecture.declared).toBe(false);
    expect(model.architecture.removedControls).toEqual([]);
    expect(architectureBlocksOf(reportDocument(model).blocks)).toEqual([]);
  });
});
