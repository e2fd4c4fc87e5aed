import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/assessment/schema.ts';
import type { Incident } from '../../src/domain/catalogue/schema.ts';
import { computeExposure } from '../../src/domain/scoring/exposure.ts';
import { tinyCatalogue } from '../fixtures/catalogue.ts';

const incident: Incident = {
  id: 'example-2025',
  name: 'Example',
  date: '2025-01',
  victim: 'A protocol',
  loss: { usd: 1e6, note: 'Example.' },
  summary: 'Example.',
  rootCause: 'Example.',
  vectors: ['key-compromise'],
  steps: [
    { title: 'Lure', description: 'x', breaks: [] },
    {
      title: 'Key stolen',
      description: 'x',
      breaks: [{ control: 'KEY-01', level: 2, effect: 'prevents' }],
    },
    {
      title: 'Funds moved',
      description: 'x',
      breaks: [
        { control: 'KEY-02', level: 1, effect: 'detects' },
        { control: 'KEY-03', level: 2, effect: 'limits-loss' },
      ],
    },
  ],
  sources: [{ title: 'Example' }],
};

const catalogue = { ...tinyCatalogue([{}, {}, {}]), incidents: [incident] };
const level = (n: number): Answer => ({ status: 'level', level: n });
const na: Answer = { status: 'na', justification: 'Not used.' };

describe('computeExposure', () => {
  it.each([
    ['nothing answered', {}, 'not-stopped', null],
    ['the preventive control below the level named', { 'KEY-01': level(1) }, 'not-stopped', null],
    ['the preventive control at the level named', { 'KEY-01': level(2) }, 'prevented', 1],
    ['the preventive control above it', { 'KEY-01': level(3) }, 'prevented', 1],
    ['only detection', { 'KEY-02': level(1) }, 'detected', 2],
    ['only a loss limit', { 'KEY-03': level(2) }, 'limited', 2],
    ['detection beats a loss limit', { 'KEY-02': level(3), 'KEY-03': level(3) }, 'detected', 2],
    ['prevention beats detection', { 'KEY-01': level(2), 'KEY-02': level(1) }, 'prevented', 1],
    ['N/A breaks nothing', { 'KEY-01': na, 'KEY-02': na, 'KEY-03': na }, 'not-stopped', null],
  ] as const)('%s → %s', (_what, answers, outcome, first) => {
    const [x] = computeExposure(catalogue, answers);
    expect(x?.outcome).toBe(outcome);
    expect(x?.firstBrokenStep).toBe(first);
  });

  it('lists the preventive controls missing, with the level needed', () => {
    const [x] = computeExposure(catalogue, { 'KEY-01': level(1), 'KEY-02': level(1) });
    expect(x?.missingPrevention.map((b) => [b.control, b.level, b.teamLevel])).toEqual([
      ['KEY-01', 2, 1],
    ]);
    const [prevented] = computeExposure(catalogue, { 'KEY-01': level(2) });
    expect(prevented?.missingPrevention).toEqual([]);
  });
});
