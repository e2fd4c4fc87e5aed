import { describe, expect, it } from 'vitest';
import { gapSection } from '../../src/domain/report/gaps.ts';
import type { ActionRow } from '../../src/domain/report/workshop.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, demo, risk } = demoInputs();

const action = (text: string, owner: string, due: string): ActionRow => ({
  controlId: 'KEY-01',
  title: 'x',
  text,
  owner,
  due,
  priority: 'high',
});

describe('the gap section', () => {
  const { gaps, gapsByEffort } = gapSection(catalogue, demo, risk, []);

  it('ranks every gap by risk removed and numbers them', () => {
    expect(gaps.map((g) => g.controlId)).toEqual(risk.rankedGaps.map((c) => c.score.control.id));
    expect(gaps.map((g) => g.rank)).toEqual(gaps.map((_, i) => i + 1));
    expect(gaps).toHaveLength(risk.readiness.counts.gaps);
  });

  it('orders the same rows per unit of effort, keeping their risk rank', () => {
    expect(gapsByEffort.map((g) => g.controlId)).toEqual(
      risk.rankedByEffort.map((c) => c.score.control.id),
    );
    expect(new Set(gapsByEffort)).toEqual(new Set(gaps));
  });

  it('names the owner, the level as shown and the incidents short', () => {
    for (const g of gaps) {
      expect(g.owner).toBe(demo.meta[g.controlId]?.owner ?? '');
      expect(g.levelDisplay).toBe(g.level === null ? 'unanswered' : String(g.level));
      expect(g.incidentsShort).toHaveLength(g.incidents.length);
    }
    expect(gaps.some((g) => g.levelDisplay === 'unanswered')).toBe(true);
  });

  it('lists the actions recorded against a control with who and when', () => {
    const withActions = gapSection(catalogue, demo, risk, [
      action('Rotate', 'Ops', '2027-01-31'),
      action('Document', '', ''),
    ]).gaps.find((g) => g.controlId === 'KEY-01');
    expect(withActions?.actions).toEqual(['Rotate (Ops, due 2027-01-31)', 'Document']);
    expect(gaps.find((g) => g.controlId === 'KEY-01')?.actions).toEqual([]);
  });
});
