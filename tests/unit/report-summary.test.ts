import { describe, expect, it } from 'vitest';
import { reportSummary } from '../../src/domain/report/summary.ts';
import { computeRisk } from '../../src/domain/scoring/risk.ts';
import { demoInputs } from '../fixtures/demo.ts';

const { catalogue, demo, profile, risk } = demoInputs();

describe('the summary section', () => {
  const summary = reportSummary(
    { catalogue, assessment: demo, profile, reportDate: '2026-06-04' },
    risk,
  );

  it('names the report, the assessment and the catalogue', () => {
    expect(summary.title).toBe('Operational security readiness report');
    expect(summary.organisation).toBe('Halcyon Finance (fictional)');
    expect(summary.assessedOn).toBe(demo.updatedAt.slice(0, 10));
    expect(summary.catalogue).toEqual({
      id: catalogue.meta.id,
      name: catalogue.meta.name,
      version: catalogue.meta.version,
    });
    expect(summary.fileBaseName).toBe('opsready-halcyon-finance-fictional-2026-06-04');
  });

  it('states the fingerprint only when the caller computed it', () => {
    expect(summary.data).toEqual({
      fileName: 'opsready-halcyon-finance-fictional-2026-06-04.json',
      sha256: null,
      signedFileName: 'opsready-halcyon-finance-fictional-2026-06-04-signed-content.json',
      signedSha256: null,
    });
    const sha = 'ef'.repeat(32);
    const hashed = reportSummary(
      { catalogue, assessment: demo, profile, reportDate: '2026-06-04', dataSha256: sha },
      risk,
    );
    expect(hashed.data.sha256).toBe(sha);
  });

  it('gives both scores as numbers, displays and sentences that agree', () => {
    expect(summary.readiness.value).toBe(risk.readiness.readiness);
    // As the report and the command line give it for the shipped demo (its architecture applied).
    expect(summary.readiness.display).toBe('41.3');
    expect(summary.readiness.sentence).toContain('reach 41.3% of their targets');
    expect(summary.residualRisk.value).toBe(risk.residualRisk);
    expect(summary.residualRisk.display).toBe(risk.residualRisk.toFixed(1));
    expect(summary.residualRisk.atTargetDisplay).toBe(risk.residualAtTarget.toFixed(1));
    expect(summary.residualRisk.floorDisplay).toBe('10.0');
    expect(summary.residualRisk.sentence).toContain(
      `${(100 - risk.residualRisk).toFixed(0)}% and ${risk.residualRisk.toFixed(0)}% remains`,
    );
  });

  it('says how many unanswered controls count as gaps, in the right number', () => {
    // 37 of 112 are unanswered; 4 of them (KEY-15, KEY-16, DEP-14, DEP-15) are for what the
    // demo's team does not operate, so they are N/A rather than gaps.
    expect(summary.counts.unanswered).toBe(33);
    expect(summary.unansweredNote).toBe(
      '33 unanswered controls are scored as gaps until they are answered.',
    );
    const oneLeft = { ...demo, answers: { ...demo.answers } };
    const unanswered = catalogue.controls.filter((c) => demo.answers[c.id] === undefined);
    for (const c of unanswered.slice(1)) oneLeft.answers[c.id] = { status: 'level', level: 1 };
    const one = reportSummary(
      { catalogue, assessment: oneLeft, profile, reportDate: '2026-06-04' },
      computeRisk(catalogue, oneLeft.answers, profile),
    );
    expect(one.unansweredNote).toBe(
      '1 unanswered control is scored as a gap until it is answered.',
    );
  });

  it('summarises the profile with its population and heavy tail', () => {
    expect(summary.profile.id).toBe(profile.id);
    expect(summary.profile.custom).toBe(false);
    expect(summary.profile.population).toMatch(/^\d+ incidents, \$[\d.]+[kMB] stolen, median \$/);
    expect(summary.profile.heavyTail).toMatch(/^The mean incident \(\$4\.7M\) is 21× the median/);
    expect(summary.profile.sources.map((s) => s.id)).toEqual(profile.sources.map((s) => s.id));
  });
});
