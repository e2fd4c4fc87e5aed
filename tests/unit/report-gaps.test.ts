import { describe, expect, it } from 'vitest';
import { gapSection } from '../../src/domain/report/gaps.ts';
import type { ActionRow } from '../../src/domain/report/workshop.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, demo, risk } = demoInputs();

const action = (text: string, owner: string, due: string, controlId = 'KEY-01'): ActionRow => ({
  controlId,
  title: 'x',
  text,
  owner,
  due,
  priority: 'high',
  status: 'Open',
  evidenceLink: '',
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
      expect(g.ownerSource).toBe(g.owner === '' ? null : 'control');
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

  it('takes the owner of the actions when the control has none, and says so', () => {
    const top = gaps[0];
    const next = gaps[1];
    if (!top || !next) throw new Error('the demo has gaps');
    const assessment = {
      ...demo,
      meta: { ...demo.meta, [top.controlId]: {}, [next.controlId]: { owner: 'Control owner' } },
    };
    const rows = gapSection(catalogue, assessment, risk, [
      action('Second', 'Ops', '2027-03-01', top.controlId),
      action('First', 'Sec', '2027-02-01', top.controlId),
      action('Third', 'Ops', '', top.controlId),
      action('Other', 'Action owner', '2027-01-01', next.controlId),
    ]).gaps;
    const first = rows.find((g) => g.controlId === top.controlId);
    expect(first?.owner).toBe('Ops, Sec');
    expect(first?.ownerSource).toBe('action');
    // The earliest date of the control's own actions, and the texts kept apart from the owner.
    expect(first?.due).toBe('2027-02-01');
    expect(first?.actionTexts).toEqual(['Second', 'First', 'Third']);
    const second = rows.find((g) => g.controlId === next.controlId);
    expect(second?.owner).toBe('Control owner');
    expect(second?.ownerSource).toBe('control');
    const none = rows.find(
      (g) =>
        g.controlId !== top.controlId &&
        g.controlId !== next.controlId &&
        (assessment.meta[g.controlId]?.owner ?? '') === '',
    );
    expect(none?.owner).toBe('');
    expect(none?.ownerSource).toBeNull();
    expect(none?.due).toBe('');
  });
});
