import { describe, expect, it } from 'vitest';
import { generateScoringCatalogue, mulberry32 } from '../../scripts/bench/generate.ts';
import type { Answer, Assessment, ControlMeta } from '../../src/domain/assessment/schema.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { CONFIDENCE_LABEL, levelLabel } from '../../src/domain/format.ts';
import { appendixSection, type AppendixRow } from '../../src/domain/report/appendix.ts';
import { workshopSection } from '../../src/domain/report/workshop.ts';
import { computeRisk, type RiskResult } from '../../src/domain/scoring/risk.ts';
import { parkingLot } from '../../src/domain/workshop/actions.ts';
import {
  lowerMedian,
  teamVsAuditor,
  type RoleComparisonRow,
} from '../../src/domain/workshop/participants.ts';
import type { Participant, Workshop } from '../../src/domain/workshop/schema.ts';
import { verificationRows } from '../../src/domain/workshop/verification.ts';
import { generatedAssessment } from '../../scripts/bench/generate.ts';
import { bundledCatalogue } from '../fixtures/catalogue.ts';

/**
 * The appendix and workshop sections, which skip scans for speed, against the straightforward
 * computations they replace, on random catalogues, answers, meta and workshops: the same JSON,
 * byte for byte, not merely equal values.
 */
const base = bundledCatalogue();
const AT = '2026-01-01T00:00:00.000Z';

function randomAnswer(random: () => number): Answer | undefined {
  const r = random();
  if (r < 0.1) return { status: 'na', justification: `Reason ${String(Math.floor(r * 100))}.` };
  if (r < 0.8) {
    const level = Math.floor(random() * 4);
    return random() < 0.2
      ? { status: 'level', level, notes: 'A note.' }
      : { status: 'level', level };
  }
  return undefined;
}

function randomCase(seed: number, size: number, withWorkshop: boolean) {
  const { catalogue } = generateScoringCatalogue(base, size);
  const random = mulberry32(seed);
  const answers: Record<string, Answer> = {};
  const meta: Record<string, ControlMeta> = {};
  for (const c of catalogue.controls) {
    const answer = randomAnswer(random);
    if (answer) answers[c.id] = answer;
    if (random() < 0.3) {
      meta[c.id] = {
        ...(random() < 0.3 ? { target: 1 + Math.floor(random() * 3) } : {}),
        ...(random() < 0.3 ? { owner: 'K. Osei' } : {}),
        ...(random() < 0.3 ? { evidence: ['https://example.org/log'] } : {}),
        ...(random() < 0.3 ? { confidence: random() < 0.5 ? 'verified' : 'self-reported' } : {}),
        ...(random() < 0.2 ? { revisit: random() < 0.7 } : {}),
        ...(random() < 0.2 ? { evidenceRequested: random() < 0.7 } : {}),
        ...(random() < 0.2 ? { followUp: 'Signer rotation log' } : {}),
      };
    }
  }
  const assessment: Assessment = {
    ...generatedAssessment(catalogue, answers),
    meta,
    ...(withWorkshop ? { workshop: randomWorkshop(catalogue, answers, random) } : {}),
  };
  const profile = catalogue.profiles[seed % catalogue.profiles.length];
  if (!profile) throw new Error('no profile');
  return { catalogue, assessment, profile };
}

function randomWorkshop(
  catalogue: Catalogue,
  answers: Readonly<Record<string, Answer>>,
  random: () => number,
): Workshop {
  const ids = catalogue.controls.map((c) => c.id);
  const pick = (): string => ids[Math.floor(random() * ids.length)] ?? '';
  const participants: Participant[] = ['team', 'auditor', 'team', 'auditor', 'team']
    .slice(0, 1 + Math.floor(random() * 5))
    .map((role, i) => {
      const own: Record<string, Answer> = {};
      for (const id of ids) {
        const answer = random() < 0.5 ? randomAnswer(random) : undefined;
        if (answer) own[id] = answer;
      }
      return {
        id: `p${String(i)}`,
        name: `Person ${String(i)}`,
        role: role as Participant['role'],
        source: {
          fileName: `p${String(i)}.json`,
          assessmentName: 'Own',
          catalogueVersion: '1.0.0',
          sha256: String(i).repeat(64),
        },
        importedAt: AT,
        answers: own,
      };
    });
  const verifications: NonNullable<Workshop['verifications']> = {};
  for (let i = 0; i < 20; i++) {
    const id = pick();
    const current = answers[id];
    verifications[id] = {
      by: 'Auditor',
      at: AT,
      evidence: ['https://example.org/evidence'],
      answer: current !== undefined && random() < 0.6 ? current : { status: 'level', level: 2 },
      ...(random() < 0.5 ? { note: 'Seen.' } : {}),
    };
  }
  return {
    agenda: [],
    participants,
    agreements: {},
    actions: Array.from({ length: Math.floor(random() * 6) }, (_, i) => ({
      id: `a${String(i)}`,
      controlId: random() < 0.9 ? pick() : 'ZZZ-99',
      text: `Action ${String(i)}`,
      owner: random() < 0.5 ? 'K. Osei' : '',
      priority: random() < 0.5 ? ('high' as const) : ('low' as const),
      createdAt: AT,
    })),
    ...(random() < 0.7 ? { verifications } : random() < 0.5 ? { verifications: {} } : {}),
  };
}

/** The appendix as first written: a filter of every control per domain, a map of every score. */
function referenceAppendix(catalogue: Catalogue, assessment: Assessment, risk: RiskResult) {
  const scoreByControl = new Map(risk.readiness.controls.map((sc) => [sc.control.id, sc]));
  const notApplicable = catalogue.controls.flatMap((c) => {
    const answer = assessment.answers[c.id];
    return answer?.status === 'na'
      ? [{ controlId: c.id, title: c.title, justification: answer.justification }]
      : [];
  });
  const appendix = catalogue.domains.map((d) => ({
    id: d.id,
    name: d.name,
    rows: catalogue.controls
      .filter((c) => c.domain === d.id)
      .map((c): AppendixRow => {
        const answer = assessment.answers[c.id];
        const meta = assessment.meta[c.id] ?? {};
        const sc = scoreByControl.get(c.id);
        return {
          controlId: c.id,
          title: c.title,
          state: answer === undefined ? 'unanswered' : answer.status,
          answerDisplay:
            answer === undefined
              ? 'Unanswered'
              : answer.status === 'na'
                ? 'N/A'
                : levelLabel(catalogue.scale, answer.level),
          target: sc?.target ?? c.baseline,
          ownTarget: meta.target !== undefined,
          gap: sc?.gap ?? false,
          owner: meta.owner ?? '',
          confidence: meta.confidence === undefined ? '' : CONFIDENCE_LABEL[meta.confidence],
          flagged: meta.revisit === true,
          evidence: meta.evidence ?? [],
          justification: answer?.status === 'na' ? answer.justification : '',
          notes: answer?.notes ?? '',
        };
      }),
  }));
  return { notApplicable, appendix };
}

/** Team against auditor as first written: each role's participants filtered for every control. */
function referenceTeamVsAuditor(catalogue: Catalogue, participants: readonly Participant[]) {
  const medianFor = (role: Participant['role'], id: string): number | null =>
    lowerMedian(
      participants
        .filter((p) => p.role === role)
        .map((p) => p.answers[id])
        .flatMap((a) => (a?.status === 'level' ? [a.level] : [])),
    );
  const rows: { row: RoleComparisonRow; order: number }[] = [];
  catalogue.controls.forEach((control, order) => {
    const team = medianFor('team', control.id);
    const auditor = medianFor('auditor', control.id);
    if (team === null || auditor === null) return;
    rows.push({
      order,
      row: {
        controlId: control.id,
        title: control.title,
        domainId: control.domain,
        team,
        auditor,
        difference: auditor - team,
      },
    });
  });
  const sorted = rows
    .sort((a, b) => Math.abs(b.row.difference) - Math.abs(a.row.difference) || a.order - b.order)
    .map(({ row }) => row);
  return { rows: sorted, differing: sorted.filter((r) => r.difference !== 0) };
}

const cases = [
  [1, 40, true],
  [2, 150, false],
  [3, 400, true],
  [4, 1200, true],
  [5, 112, false],
  [6, 700, true],
] as const;

describe('report sections that skip scans equal the straightforward computation', () => {
  it.each(cases)('appendix (seed %i, %i controls, workshop %s)', (seed, size, withWorkshop) => {
    const { catalogue, assessment, profile } = randomCase(seed, size, withWorkshop);
    const risk = computeRisk(catalogue, assessment.answers, profile);
    expect(JSON.stringify(appendixSection(catalogue, assessment, risk))).toBe(
      JSON.stringify(referenceAppendix(catalogue, assessment, risk)),
    );
    // A risk scored on the controls in another order: no score sits at its control's index.
    const reordered = { ...catalogue, controls: [...catalogue.controls].reverse() };
    const other = computeRisk(reordered, assessment.answers, profile);
    expect(JSON.stringify(appendixSection(catalogue, assessment, other))).toBe(
      JSON.stringify(referenceAppendix(catalogue, assessment, other)),
    );
  });

  it.each(cases)('workshop (seed %i, %i controls, workshop %s)', (seed, size, withWorkshop) => {
    const { catalogue, assessment } = randomCase(seed, size, withWorkshop);
    const section = workshopSection(catalogue, assessment, undefined);
    expect(JSON.stringify(section.parkingLot)).toBe(
      JSON.stringify(parkingLot(catalogue, assessment)),
    );
    expect(JSON.stringify(section.verifications)).toBe(
      JSON.stringify(verificationRows(catalogue, assessment)),
    );
    const participants = assessment.workshop?.participants ?? [];
    expect(JSON.stringify(teamVsAuditor(catalogue, participants))).toBe(
      JSON.stringify(referenceTeamVsAuditor(catalogue, participants)),
    );
    const titles = new Map(catalogue.controls.map((c) => [c.id, c.title]));
    expect(section.actions.map((a) => a.title).sort()).toEqual(
      (assessment.workshop?.actions ?? [])
        .map((a) => titles.get(a.controlId) ?? a.controlId)
        .sort(),
    );
    if (withWorkshop) {
      // The random workshops do reach the paths that scan, not only the empty shortcut.
      expect(section.verifications.length + section.parkingLot.length).toBeGreaterThan(0);
    }
  });

  it('with nothing flagged or verified, both lists are empty', () => {
    const { catalogue, assessment } = randomCase(7, 300, false);
    const bare: Assessment = { ...assessment, meta: {} };
    const section = workshopSection(catalogue, bare, undefined);
    expect(section.parkingLot).toEqual(parkingLot(catalogue, bare));
    expect(section.parkingLot).toEqual([]);
    expect(section.verifications).toEqual([]);
  });
});
