import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  chooseAnswer,
  withAgreement,
  withAnswer,
  withMeta,
} from '../../src/domain/assessment/changes.ts';
import { assessmentToJson } from '../../src/domain/assessment/export.ts';
import { checkAgainstCatalogue, parseAssessmentFile } from '../../src/domain/assessment/import.ts';
import {
  assessmentSchema,
  type Answer,
  type Assessment,
} from '../../src/domain/assessment/schema.ts';
import type { Catalogue } from '../../src/domain/catalogue/schema.ts';
import { formatProblems, type Problem } from '../../src/domain/validation.ts';
import { participantFromFile } from '../../src/domain/workshop/participants.ts';
import {
  EMPTY_WORKSHOP,
  type Participant,
  type Workshop,
} from '../../src/domain/workshop/schema.ts';
import { signedContentJson } from '../../src/lib/fingerprint.ts';
import { sha256Hex } from '../../src/lib/sha256.ts';
import { loadCatalogueDir } from './catalogue-files.ts';
import { checkFunds } from '../../src/domain/loss/funds.ts';
import {
  ACTIONS,
  AGREED,
  ASSESSORS,
  BASELINE,
  BASELINE_ACTIONS,
  BASELINE_DIFFERENCES,
  BASELINE_SIGN_OFF,
  CURRENT,
  CURRENT_ANSWERS,
  CURRENT_META,
  FUNDS,
  NOT_OPERATED,
  ORGANISATION,
  PARTICIPANTS,
  SCOPE,
  VERIFIED,
} from './demo-content.ts';

/**
 * Builds the Halcyon demo from scripts/build/demo-content.ts through the app's own changes
 * (answers, meta, agreements), its participant import, its sign-off hash and its export, then
 * reads each file back through the import the app uses: a file with any problem or warning is
 * refused, never written. Run it after changing the content, the catalogue or the file format:
 *
 *   npx tsx scripts/build/make-demo.ts
 *
 * A unit test (tests/unit/demo.test.ts) fails while the committed files differ from what this
 * builds.
 */

export const DEMO_BASELINE_PATH = 'public/demo/halcyon-baseline.json';
export const DEMO_CURRENT_PATH = 'public/demo/halcyon-assessment.json';

function refuse(what: string, problems: readonly Problem[]): never {
  throw new Error(`The demo's ${what} is not valid:\n${formatProblems(problems)}`);
}

function empty(
  catalogue: Catalogue,
  fields: Pick<Assessment, 'id' | 'name' | 'createdAt'>,
): Assessment {
  return {
    ...fields,
    organisation: ORGANISATION,
    scope: SCOPE,
    assessors: [...ASSESSORS],
    catalogue: { id: catalogue.meta.id, version: catalogue.meta.version },
    updatedAt: fields.createdAt,
    answers: {},
    meta: {},
  };
}

function withAnswers(a: Assessment, answers: Readonly<Record<string, Answer>>): Assessment {
  return Object.entries(answers).reduce((next, [id, answer]) => withAnswer(next, id, answer), a);
}

/** The architecture in the catalogue's order, as the store keeps it. */
function withArchitecture(a: Assessment, catalogue: Catalogue): Assessment {
  const declared = (catalogue.architecture ?? []).map((f) => f.id);
  const unknown = NOT_OPERATED.filter((id) => !declared.includes(id));
  if (unknown.length > 0) {
    throw new Error(
      `The demo's architecture names features the catalogue lacks: ${unknown.join(', ')}`,
    );
  }
  return {
    ...a,
    architecture: { notOperated: declared.filter((id) => NOT_OPERATED.includes(id)) },
  };
}

/** One participant's own file, as they would have exported it, imported as the app imports it. */
async function participant(
  catalogue: Catalogue,
  index: number,
  spec: (typeof PARTICIPANTS)[number],
): Promise<Participant> {
  const own = Object.entries(spec.differences).reduce(
    (a, [id, level]) => withAnswer(a, id, chooseAnswer(a.answers[id], { status: 'level', level })),
    withAnswers(
      {
        ...empty(catalogue, {
          id: `halcyon-${String(index + 1)}`,
          name: `Halcyon self-assessment, ${spec.name}`,
          createdAt: `${spec.fileDate}T08:00:00Z`,
        }),
        assessors: [spec.name],
        updatedAt: `${spec.fileDate}T17:00:00Z`,
      },
      CURRENT_ANSWERS,
    ),
  );
  const text = assessmentToJson(own);
  const imported = participantFromFile({
    text,
    fileName: `opsready-halcyon-self-assessment-${spec.fileDate}-${String(index + 1)}.json`,
    catalogue,
    role: spec.role,
    id: `demo-participant-${String(index + 1)}`,
    importedAt: `2026-11-18T09:0${String(index)}:00Z`,
    sha256: await sha256Hex(text),
  });
  if (!imported.ok) refuse(`participant ${spec.name}`, imported.problems);
  if (imported.value.warnings.length > 0)
    refuse(`participant ${spec.name}`, imported.value.warnings);
  return imported.value.participant;
}

/** The follow-up: agreed answers, owners and evidence, four participants, actions, verifications. */
export async function buildCurrent(catalogue: Catalogue): Promise<Assessment> {
  let a = withArchitecture(
    withAnswers(
      empty(catalogue, { id: CURRENT.id, name: CURRENT.name, createdAt: CURRENT.createdAt }),
      CURRENT_ANSWERS,
    ),
    catalogue,
  );
  for (const [id, meta] of Object.entries(CURRENT_META)) a = withMeta(a, id, meta);
  // Checked as the Assessment page checks them: every pool one the architecture has.
  const funds = checkFunds(catalogue, new Set(a.architecture?.notOperated ?? []), FUNDS);
  if (!funds.ok) refuse('funds', funds.problems);
  a = { ...a, funds: funds.value };
  const participants = await Promise.all(PARTICIPANTS.map((p, i) => participant(catalogue, i, p)));
  const names = participants.map((p) => p.name);
  a = { ...a, workshop: { ...EMPTY_WORKSHOP, participants } };
  for (const { controlId, at } of AGREED) {
    const answer = a.answers[controlId];
    if (answer === undefined) throw new Error(`The demo agrees ${controlId}, which has no answer`);
    a = withAgreement(a, controlId, answer, { by: names, at, answer });
  }
  const auditor = PARTICIPANTS.find((p) => p.role === 'auditor')?.name ?? ASSESSORS[0] ?? '';
  const verifications: NonNullable<Workshop['verifications']> = {};
  for (const v of VERIFIED) {
    const answer = a.answers[v.controlId];
    if (answer === undefined)
      throw new Error(`The demo verifies ${v.controlId}, which has no answer`);
    verifications[v.controlId] = {
      by: auditor,
      at: v.at,
      evidence: [...v.evidence],
      answer,
      ...(v.note === undefined ? {} : { note: v.note }),
    };
  }
  const workshop: Workshop = {
    ...(a.workshop ?? EMPTY_WORKSHOP),
    actions: ACTIONS.map((x, i) => ({ id: `demo-action-${String(i + 1)}`, ...x })),
    verifications,
  };
  return { ...a, workshop, updatedAt: CURRENT.updatedAt };
}

/** The Q2 workshop's assessment, signed at its close: what the follow-up is compared with. */
export async function buildBaseline(catalogue: Catalogue): Promise<Assessment> {
  const answers = { ...CURRENT_ANSWERS };
  for (const [id, answer] of Object.entries(BASELINE_DIFFERENCES)) {
    if (answer === null) Reflect.deleteProperty(answers, id);
    else answers[id] = answer;
  }
  let a = withArchitecture(
    withAnswers(
      empty(catalogue, { id: BASELINE.id, name: BASELINE.name, createdAt: BASELINE.createdAt }),
      answers,
    ),
    catalogue,
  );
  // Owners were named then too; the evidence was gathered for the follow-up.
  for (const [id, meta] of Object.entries(CURRENT_META)) {
    if (meta.owner !== undefined) a = withMeta(a, id, { owner: meta.owner });
  }
  a = {
    ...a,
    workshop: {
      ...EMPTY_WORKSHOP,
      actions: BASELINE_ACTIONS.map((x, i) => ({
        id: `demo-q2-action-${String(i + 1)}`,
        ...x,
        createdAt: '2026-06-03T11:00:00Z',
      })),
    },
  };
  // Signed as the Workshop page signs: the hash of what a sign-off covers, taken before it.
  const dataSha256 = await sha256Hex(signedContentJson(a));
  return {
    ...a,
    updatedAt: BASELINE.signedAt,
    workshop: {
      ...(a.workshop ?? EMPTY_WORKSHOP),
      signOff: {
        signatories: BASELINE_SIGN_OFF.signatories.map((s) => ({ ...s })),
        organisation: ORGANISATION,
        scope: SCOPE,
        date: BASELINE.date,
        statement: BASELINE_SIGN_OFF.statement,
        signedAt: BASELINE.signedAt,
        dataSha256,
      },
    },
  };
}

/** The file text of one demo assessment, refused unless the app imports it without a word. */
export function demoFileText(assessment: Assessment, catalogue: Catalogue, name: string): string {
  const shape = assessmentSchema.safeParse(assessment);
  if (!shape.success)
    throw new Error(`The demo's ${name} does not fit the schema: ${shape.error.message}`);
  const against = checkAgainstCatalogue(assessment, catalogue, name);
  if (against.length > 0) refuse(name, against);
  const text = assessmentToJson(assessment);
  const parsed = parseAssessmentFile(text, name, catalogue);
  if (!parsed.ok) refuse(name, parsed.problems);
  if (parsed.value.warnings.length > 0) refuse(name, parsed.value.warnings);
  return text;
}

export async function buildDemo(
  catalogue: Catalogue,
): Promise<{ readonly baseline: string; readonly current: string }> {
  const [baseline, current] = await Promise.all([
    buildBaseline(catalogue),
    buildCurrent(catalogue),
  ]);
  return {
    baseline: demoFileText(baseline, catalogue, DEMO_BASELINE_PATH),
    current: demoFileText(current, catalogue, DEMO_CURRENT_PATH),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const catalogue = loadCatalogueDir(`${root}controls`, root);
  const { baseline, current } = await buildDemo(catalogue);
  writeFileSync(`${root}${DEMO_BASELINE_PATH}`, baseline);
  writeFileSync(`${root}${DEMO_CURRENT_PATH}`, current);
  console.log(
    `Wrote ${DEMO_BASELINE_PATH} and ${DEMO_CURRENT_PATH} (catalogue ${catalogue.meta.id} ${catalogue.meta.version}).`,
  );
}
