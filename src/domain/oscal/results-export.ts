import type { Answer, Assessment } from '../assessment/schema.ts';
import type { Catalogue, Control } from '../catalogue/schema.ts';
import { levelLabel } from '../format.ts';
import type { ReportModel } from '../report/model.ts';
import { applyArchitecture, effectiveAnswers } from '../scoring/architecture.ts';
import type { Action } from '../workshop/schema.ts';
import { catalogUuid, statementId } from './catalog-export.ts';
import {
  derivedUuid,
  OPSREADY_NS,
  OSCAL_VERSION,
  ours,
  propValue,
  utcDateTime,
  type OscalMetadata,
  type OscalProp,
  type OscalResource,
} from './model.ts';

/**
 * An assessment as an OSCAL 1.1.3 assessment-results document: one result for the assessment, a
 * finding per catalogue control, an observation per answered control (its evidence, examined when
 * the answer is marked verified with evidence, else as said in interview), a risk per gap of the
 * remediation plan with the workshop's actions as its remediation, and the sign-off as an
 * attestation. Scores are the report model's, so the document cannot disagree with the report.
 *
 * UUIDs are derived from the assessment id and what they name: a later export of the same
 * assessment keeps them, as OSCAL asks ("consistently used to identify the same subject across
 * revisions of the document").
 */

export interface ResultsInput {
  readonly catalogue: Catalogue;
  readonly assessment: Assessment;
  /** The report model of the same assessment, catalogue and profile. */
  readonly model: ReportModel;
  /** SHA-256 of the assessment as exported, the report's fingerprint, when computed. */
  readonly dataSha256?: string;
}

type Finding = Record<string, unknown>;

const HTTP = /^https?:\/\/\S+$/i;

function scaleName(catalogue: Catalogue, level: number): string {
  return levelLabel(catalogue.scale, level);
}

function answerText(
  catalogue: Catalogue,
  control: Control,
  answer: Answer | undefined,
  target: number,
): string {
  if (answer === undefined) {
    return `Unanswered; counted as a gap (as level 0) against a target of ${scaleName(catalogue, target)}.`;
  }
  if (answer.status === 'na') return `Not applicable: ${answer.justification}`;
  const descriptor = control.levels[answer.level] ?? '';
  return `Level ${scaleName(catalogue, answer.level)} against a target of ${scaleName(catalogue, target)}. ${descriptor}`.trim();
}

function actionsOf(assessment: Assessment, controlId: string): Action[] {
  return (assessment.workshop?.actions ?? []).filter((a) => a.controlId === controlId);
}

export function resultsToOscal(input: ResultsInput): Record<string, unknown> {
  const { catalogue, assessment, model } = input;
  const key = (what: string): string => derivedUuid(`assessment-results:${assessment.id}:${what}`);
  const effect = applyArchitecture(catalogue, new Set(assessment.architecture?.notOperated ?? []));
  const answers = effectiveAnswers(effect, assessment.answers);
  const verifications = assessment.workshop?.verifications ?? {};
  const gapById = new Map(model.gaps.map((g) => [g.controlId, g]));
  const updated = utcDateTime(assessment.updatedAt);

  const observations: Record<string, unknown>[] = [];
  const risks: Record<string, unknown>[] = [];
  const findings: Finding[] = [];

  for (const control of catalogue.controls) {
    const meta = assessment.meta[control.id];
    const answer = answers[control.id];
    const target = meta?.target ?? control.baseline;
    const related: { observation?: string; risk?: string } = {};

    if (answer !== undefined || (meta?.evidence?.length ?? 0) > 0) {
      const verification = verifications[control.id];
      const verified = meta?.confidence === 'verified' || verification !== undefined;
      const evidence = [...(meta?.evidence ?? []), ...(verification?.evidence ?? [])];
      const uuid = key(`observation:${control.id}`);
      related.observation = uuid;
      observations.push({
        uuid,
        title: `${control.id} ${control.title}`,
        description: answerText(catalogue, control, answer, target),
        props: [
          ours('control-id', control.id),
          ours('confidence', meta?.confidence ?? 'not-stated'),
          ...(verification === undefined ? [] : [ours('verified-by', propValue(verification.by))]),
        ],
        // 800-53A's methods: evidence seen is EXAMINE; an answer the team gave without it is what
        // the assessor was told, INTERVIEW.
        methods: [verified ? 'EXAMINE' : 'INTERVIEW'],
        types: ['control-objective'],
        ...(evidence.length > 0
          ? {
              'relevant-evidence': evidence.map((item) =>
                HTTP.test(item) ? { href: item, description: item } : { description: item },
              ),
            }
          : {}),
        collected: utcDateTime(verification?.at ?? assessment.updatedAt),
        ...(answer?.notes === undefined || answer.notes.trim() === ''
          ? {}
          : { remarks: answer.notes }),
      });
    }

    const gap = gapById.get(control.id);
    if (gap) {
      const uuid = key(`risk:${control.id}`);
      related.risk = uuid;
      const actions = actionsOf(assessment, control.id);
      const status = actions.some((a) => a.status === 'in-progress') ? 'remediating' : 'open';
      const targetDescriptor = control.levels[target] ?? '';
      const due = actions.flatMap((a) => (a.due === undefined ? [] : [a.due])).sort()[0];
      risks.push({
        uuid,
        title: `${control.id} ${control.title}: ${gap.levelDisplay} of target ${String(target)}`,
        description: `Rank ${String(gap.rank)} of ${String(model.gaps.length)} in the remediation plan. Reaching the target alone removes ${gap.riskRemovedDisplay} points of residual risk (${gap.perEffortDisplay} per unit of effort ${gap.effort}); the gap costs ${gap.pointsDisplay} readiness points.`,
        statement: control.rationale,
        props: [
          ours('control-id', control.id),
          ours('rank', String(gap.rank)),
          ours('severity', gap.severity),
          ours('effort', gap.effort),
          ours('risk-removed', gap.riskRemovedDisplay),
          ours('readiness-points', gap.pointsDisplay),
          ...(gap.owner === '' ? [] : [ours('owner', propValue(gap.owner))]),
          ...gap.vectors.map((v) => ours('attack-vector', propValue(v))),
        ],
        status,
        ...(due === undefined ? {} : { deadline: `${due}T00:00:00Z` }),
        remediations:
          actions.length > 0
            ? actions.map((a) => ({
                uuid: key(`remediation:${a.id}`),
                lifecycle: (a.status ?? 'open') === 'done' ? 'completed' : 'planned',
                title: a.text.split('\n')[0]?.slice(0, 200) ?? a.text,
                description: a.text,
                props: [
                  ours('priority', a.priority),
                  ours('action-status', a.status ?? 'open'),
                  ...(a.owner === '' ? [] : [ours('owner', propValue(a.owner))]),
                  ...(a.due === undefined ? [] : [ours('due', a.due)]),
                  ...(a.evidenceLink === undefined || a.evidenceLink === ''
                    ? []
                    : [ours('evidence', propValue(a.evidenceLink))]),
                ],
              }))
            : [
                {
                  uuid: key(`remediation:${control.id}`),
                  lifecycle: 'recommendation',
                  title: `Raise ${control.id} to level ${scaleName(catalogue, target)}`,
                  description:
                    targetDescriptor === ''
                      ? `Raise ${control.id} to its target level.`
                      : `Reach level ${scaleName(catalogue, target)}: ${targetDescriptor}`,
                },
              ],
        ...(related.observation === undefined
          ? {}
          : { 'related-observations': [{ 'observation-uuid': related.observation }] }),
      });
    }

    const satisfied = answer !== undefined && (answer.status === 'na' || answer.level >= target);
    const implementation =
      answer === undefined
        ? undefined
        : answer.status === 'na'
          ? { state: 'not-applicable', remarks: answer.justification }
          : answer.level >= target
            ? { state: 'implemented' }
            : answer.level > 0
              ? { state: 'partial' }
              : undefined;
    const findingProps: OscalProp[] = [
      ours(
        'maturity-level',
        answer === undefined
          ? 'unanswered'
          : answer.status === 'na'
            ? 'not-applicable'
            : String(answer.level),
      ),
      ours('target-level', String(target)),
      ...(meta?.target === undefined ? [] : [ours('target-source', 'assessment')]),
      ...(meta?.owner === undefined || meta.owner === ''
        ? []
        : [ours('owner', propValue(meta.owner))]),
    ];
    findings.push({
      uuid: key(`finding:${control.id}`),
      title: `${control.id} ${control.title}`,
      description: answerText(catalogue, control, answer, target),
      props: findingProps,
      target: {
        type: 'statement-id',
        'target-id': statementId(control.id),
        status: {
          state: satisfied ? 'satisfied' : 'not-satisfied',
          reason: answer?.status === 'na' ? 'other' : satisfied ? 'pass' : 'fail',
          ...(answer?.status === 'na'
            ? { remarks: 'Not applicable: excluded from readiness and residual risk.' }
            : {}),
        },
        ...(implementation === undefined ? {} : { 'implementation-status': implementation }),
      },
      ...(related.observation === undefined
        ? {}
        : { 'related-observations': [{ 'observation-uuid': related.observation }] }),
      ...(related.risk === undefined ? {} : { 'related-risks': [{ 'risk-uuid': related.risk }] }),
    });
  }

  const signOff = assessment.workshop?.signOff;
  const parties =
    signOff?.signatories.map((s, i) => ({
      uuid: key(`signatory:${String(i)}:${s.name}`),
      type: 'person' as const,
      name: s.name,
      props: [ours('signatory-role', propValue(s.role))],
    })) ?? [];
  const planUuid = key('plan');
  const metadata: OscalMetadata = {
    title: `OpsReady assessment results: ${assessment.name}`,
    'last-modified': updated,
    version: updated,
    'oscal-version': OSCAL_VERSION,
    props: [
      ours('catalogue-id', catalogue.meta.id),
      ours('catalogue-version', catalogue.meta.version),
      ...(input.dataSha256 === undefined ? [] : [ours('data-sha256', input.dataSha256)]),
    ],
    ...(parties.length > 0
      ? {
          roles: [{ id: 'signatory', title: 'Signatory' }],
          parties,
          'responsible-parties': [
            { 'role-id': 'signatory', 'party-uuids': parties.map((p) => p.uuid) },
          ],
        }
      : {}),
  };
  const plan: OscalResource = {
    uuid: planUuid,
    title: `Assessment plan: ${catalogue.meta.name} ${catalogue.meta.version}`,
    description: `OpsReady has no separate OSCAL assessment plan: the assessment "${assessment.name}" scores every control of the catalogue ${catalogue.meta.id} ${catalogue.meta.version} (catalog UUID ${catalogUuid(catalogue)}, as npm run oscal -- catalog writes it), each against its target level.`,
    props: [
      ours('catalogue-id', catalogue.meta.id),
      ours('catalogue-version', catalogue.meta.version),
    ],
  };
  const readiness = model.readiness.display;
  const residual = model.residualRisk.display;
  const result = {
    uuid: key('result'),
    title: `OpsReady assessment: ${assessment.name}`,
    description: [
      assessment.organisation === '' ? '' : `Organisation: ${assessment.organisation}.`,
      assessment.scope === '' ? '' : `Scope: ${assessment.scope}.`,
      `Readiness ${readiness} of 100; residual risk ${residual} of 100 (lower is better) under the threat profile "${model.profile.name}".`,
    ]
      .filter((s) => s !== '')
      .join(' '),
    start: utcDateTime(assessment.createdAt),
    end: updated,
    props: [
      ours('readiness', propValue(readiness)),
      ours('residual-risk', propValue(residual)),
      ours('threat-profile', propValue(model.profile.id)),
    ],
    'reviewed-controls': {
      'control-selections': [
        { 'include-controls': catalogue.controls.map((c) => ({ 'control-id': c.id })) },
      ],
    },
    ...(signOff === undefined
      ? {}
      : {
          attestations: [
            {
              'responsible-parties': [
                { 'role-id': 'signatory', 'party-uuids': parties.map((p) => p.uuid) },
              ],
              parts: [
                {
                  name: 'sign-off',
                  ns: OPSREADY_NS,
                  title: `Signed on ${signOff.date}`,
                  props: [ours('data-sha256', signOff.dataSha256)],
                  prose: [
                    signOff.statement,
                    `Signed by ${signOff.signatories.map((s) => `${s.name} (${s.role})`).join(', ')}${signOff.organisation === '' ? '' : ` for ${signOff.organisation}`} on ${signOff.date}.`,
                    signOff.scope === '' ? '' : `Scope: ${signOff.scope}`,
                    `SHA-256 of the data signed (the assessment without its sign-off): ${signOff.dataSha256}.`,
                  ]
                    .filter((s) => s !== '')
                    .join('\n\n'),
                },
              ],
            },
          ],
        }),
    ...(observations.length > 0 ? { observations } : {}),
    ...(risks.length > 0 ? { risks } : {}),
    findings,
  };
  return {
    'assessment-results': {
      uuid: key('document'),
      metadata,
      'import-ap': {
        href: `#${planUuid}`,
        remarks: 'No separate assessment plan: see the back-matter resource this points to.',
      },
      results: [result],
      'back-matter': { resources: [plan] },
    },
  };
}
