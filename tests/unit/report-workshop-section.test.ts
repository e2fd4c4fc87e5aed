import { describe, expect, it } from 'vitest';
import { workshopSection } from '../../src/domain/report/workshop.ts';
import { EMPTY_WORKSHOP } from '../../src/domain/workshop/schema.ts';
import { parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import { bundledCatalogue, demoAssessmentText } from '../fixtures/catalogue.ts';

const catalogue = bundledCatalogue();
const parsed = parseAssessmentFile(demoAssessmentText(), 'demo.json', catalogue);
if (!parsed.ok) throw new Error('demo must parse');
const demo = parsed.value.file.assessment;

const action = (id: string, priority: 'high' | 'medium' | 'low', due?: string) => ({
  id,
  controlId: 'KEY-01',
  text: `do ${id}`,
  owner: '',
  priority,
  createdAt: '2026-11-25T10:00:00.000Z',
  ...(due === undefined ? {} : { due }),
});
const signOff = {
  signatories: [{ name: 'Ola', role: 'Lead assessor' }],
  organisation: '',
  scope: '',
  date: '2026-11-25',
  statement: 'Reviewed.',
  signedAt: '2026-11-25T12:00:00.000Z',
  dataSha256: 'd'.repeat(64),
};

describe('the workshop section', () => {
  it('is empty for an assessment without a workshop', () => {
    const { workshop: _, ...withoutWorkshop } = demo;
    expect(workshopSection(catalogue, withoutWorkshop, undefined)).toMatchObject({
      actions: [],
      participants: [],
      teamVsAuditor: null,
      signOff: null,
    });
  });

  it('puts high priority and earliest due actions first, with the control title', () => {
    const section = workshopSection(
      catalogue,
      {
        ...demo,
        workshop: {
          ...EMPTY_WORKSHOP,
          actions: [
            action('a', 'low'),
            action('b', 'high', '2027-02-01'),
            action('c', 'high', '2027-01-01'),
          ],
        },
      },
      undefined,
    );
    expect(section.actions.map((a) => a.text)).toEqual(['do c', 'do b', 'do a']);
    expect(section.actions[0]?.title).toBe(
      catalogue.controls.find((c) => c.id === 'KEY-01')?.title,
    );
    expect(section.actions[2]?.due).toBe('');
  });

  it('says whether the answers are still those signed, or that it was not checked', () => {
    const signed = { ...demo, workshop: { ...EMPTY_WORKSHOP, signOff } };
    expect(workshopSection(catalogue, signed, undefined).signOff?.unchanged).toBeNull();
    expect(workshopSection(catalogue, signed, 'd'.repeat(64)).signOff?.unchanged).toBe(true);
    expect(workshopSection(catalogue, signed, 'e'.repeat(64)).signOff?.unchanged).toBe(false);
    expect(workshopSection(catalogue, signed, undefined).signOff?.signatories).toEqual([
      'Ola (Lead assessor)',
    ]);
  });
});
