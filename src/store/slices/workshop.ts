import {
  chooseAnswer,
  importedAs,
  withAgreement,
  type AnswerChoice,
} from '../../domain/assessment/changes.ts';
import {
  checkAgainstCatalogue,
  MAX_ASSESSMENT_FILE_BYTES,
  parseAssessmentFile,
} from '../../domain/assessment/import.ts';
import type { Answer, Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { problemsFromZod, type Problem } from '../../domain/validation.ts';
import { withActionEdited, type ActionEdit } from '../../domain/workshop/action-edit.ts';
import { participantFromFile, sameParticipant } from '../../domain/workshop/participants.ts';
import {
  actionSchema,
  agreementSchema,
  verificationSchema,
  type Action,
  EMPTY_WORKSHOP,
  workshopSchema,
  type Participant,
  type ParticipantRole,
  type Workshop,
} from '../../domain/workshop/schema.ts';
import type { CatalogueLookup, FileSource, Slice, SliceDeps } from '../types.ts';
import { remember } from './undo.ts';
import { activeOf, assertValid, checkAnswer, tooLarge, updateActive } from './shared.ts';

/** What importing a baseline did: it is stored beside the open assessment, which stays open. */
export type BaselineImportResult =
  | { readonly ok: false; readonly problems: readonly Problem[] }
  | {
      readonly ok: true;
      readonly id: string;
      readonly name: string;
      /** True when its id was taken, so it was stored as a copy. */
      readonly renamed: boolean;
      readonly warnings: readonly Problem[];
    };

/** A new action's fields; the store gives it its id and creation time. */
export type NewAction = Pick<Action, 'controlId' | 'text' | 'owner' | 'priority'> &
  Partial<Pick<Action, 'due' | 'status' | 'evidenceLink'>>;

/** What the auditor records when verifying a control's current answer. */
export interface VerificationInput {
  readonly by: string;
  readonly evidence: readonly string[];
  readonly note?: string;
}

/** What a participants import did: all the files are added, or none. */
export interface ParticipantsImportResult {
  /** The names added; empty when anything went wrong. */
  readonly added: readonly string[];
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];
}

export interface WorkshopActions {
  /**
   * Changes the workshop of the active assessment (an empty one on first use). The result is
   * validated, including its control ids against the assessment's catalogue, before it is saved.
   */
  updateWorkshop: (change: (workshop: Workshop) => Workshop) => void;
  /** Sets the agreed answer to a control and records who agreed it, and when. */
  agree: (controlId: string, answer: Answer, by: readonly string[]) => void;
  /** Agrees a level or N/A for a control, keeping the notes its answer had. */
  agreeChoice: (controlId: string, choice: AnswerChoice, by: readonly string[]) => void;
  /**
   * Reads participants' exported files and adds them to the active assessment's workshop: all of
   * them, or none when any file fails or was imported before.
   */
  importParticipants: (
    files: readonly FileSource[],
    role: ParticipantRole,
  ) => Promise<ParticipantsImportResult>;
  /** Chooses who each new agreement is recorded with (names of people in the room). */
  setAgreeing: (names: readonly string[]) => void;
  /** Records an action against a control; returns its id. */
  addAction: (action: NewAction) => string;
  /** Edits an action: an empty due date or evidence link removes it; the edit is time-stamped. */
  editAction: (id: string, edit: ActionEdit) => void;
  /** Marks a control discussed in this workshop (or takes the mark back). */
  setDiscussed: (controlId: string, discussed: boolean) => void;
  /** Records an auditor's verification of the control's current answer; refused without one. */
  verify: (controlId: string, input: VerificationInput) => void;
  withdrawVerification: (controlId: string) => void;
  /**
   * Reads an assessment file and stores it to compare with, without opening it: the assessment
   * being workshopped stays the open one.
   */
  importBaselineFile: (file: FileSource) => Promise<BaselineImportResult>;
  /**
   * The assessment the Workshop page last showed, kept for the session only (not saved), so the
   * page can say when the open assessment changed under it, for instance by an import.
   */
  workshopAssessmentId: string | null;
  noteWorkshopAssessment: (id: string | null) => void;
}

/**
 * Problems in a workshop against the assessment's catalogue. Only the workshop's own: an answer the
 * catalogue has since dropped is the import's business and must not block every workshop change.
 */
function workshopProblems(
  catalogues: CatalogueLookup,
  assessment: Assessment,
  workshop: Workshop,
): Problem[] {
  const catalogue = catalogues.byId(assessment.catalogue.id);
  if (!catalogue) return [];
  return checkAgainstCatalogue({ ...assessment, workshop }, catalogue, 'workshop').filter((p) =>
    p.path.startsWith('workshop'),
  );
}

/** The workshop of the open assessment: participants, agreements, actions and sign-off. */
export const createWorkshopSlice =
  ({ now, newId, catalogues, digest }: SliceDeps): Slice<WorkshopActions> =>
  (set, get) => {
    const readParticipants = async (
      files: readonly FileSource[],
      role: ParticipantRole,
      catalogue: Catalogue,
      existing: readonly Participant[],
    ) => {
      const added: Participant[] = [];
      const problems: Problem[] = [];
      const warnings: Problem[] = [];
      for (const file of files) {
        const large = tooLarge(file, MAX_ASSESSMENT_FILE_BYTES);
        if (large.length > 0) {
          problems.push(...large);
          continue;
        }
        const text = await file.text();
        const parsed = participantFromFile({
          text,
          fileName: file.name,
          catalogue,
          role,
          id: newId(),
          importedAt: now().toISOString(),
          sha256: await digest(text),
        });
        const twin = parsed.ok
          ? sameParticipant([...existing, ...added], parsed.value.participant)
          : undefined;
        if (!parsed.ok) problems.push(...parsed.problems);
        else if (twin) {
          // One person's answers counted twice would weigh twice in every median.
          const same = twin.source.sha256 === parsed.value.participant.source.sha256;
          problems.push({
            source: file.name,
            path: '(root)',
            message: same
              ? `this file was already imported, as ${twin.name}`
              : `${twin.name} is already a participant (imported from ${twin.source.fileName}); this file is the same person’s assessment again, and each person counts once. Remove ${twin.name} first to replace their answers.`,
          });
        } else {
          added.push(parsed.value.participant);
          warnings.push(...parsed.value.warnings);
        }
      }
      return { added, problems, warnings };
    };

    return {
      workshopAssessmentId: null,
      noteWorkshopAssessment: (id) => {
        if (get().workshopAssessmentId !== id) set({ workshopAssessmentId: id });
      },
      updateWorkshop: (change) => {
        const active = activeOf(get());
        if (!active) return;
        const parsed = workshopSchema.safeParse(change(active.workshop ?? EMPTY_WORKSHOP));
        if (!parsed.success) {
          assertValid('the workshop', problemsFromZod('workshop', parsed.error));
          return;
        }
        assertValid('the workshop', workshopProblems(catalogues, active, parsed.data));
        updateActive(set, now, (a) => ({ ...a, workshop: parsed.data }));
      },
      agree: (controlId: string, answer: Answer, by: readonly string[]) => {
        const active = activeOf(get());
        if (!active) return;
        checkAnswer(get, catalogues, controlId, answer);
        const agreement = agreementSchema.safeParse({
          by: [...by],
          at: now().toISOString(),
          answer,
        });
        if (!agreement.success) {
          assertValid(`the agreement on ${controlId}`, problemsFromZod(controlId, agreement.error));
          return;
        }
        const agreed = withAgreement(active, controlId, answer, agreement.data);
        assertValid('the workshop', workshopProblems(catalogues, active, agreed.workshop));
        // The answer and who agreed it are saved together, or neither is.
        remember(get, set, controlId, 'answer');
        updateActive(set, now, (a) => withAgreement(a, controlId, answer, agreement.data));
      },
      agreeChoice: (controlId, choice, by) => {
        get().agree(controlId, chooseAnswer(activeOf(get())?.answers[controlId], choice), by);
      },
      setAgreeing: (names) => {
        get().updateWorkshop((w) => ({ ...w, agreeing: [...new Set(names)] }));
      },
      addAction: (input) => {
        const id = newId();
        const parsed = actionSchema.safeParse({ ...input, id, createdAt: now().toISOString() });
        if (!parsed.success) {
          assertValid('the action', problemsFromZod(input.controlId, parsed.error));
          return id;
        }
        get().updateWorkshop((w) => ({ ...w, actions: [...w.actions, parsed.data] }));
        return id;
      },
      editAction: (id, edit) => {
        get().updateWorkshop((w) => ({
          ...w,
          actions: withActionEdited(w.actions, id, edit, now().toISOString()),
        }));
      },
      setDiscussed: (controlId, discussed) => {
        get().updateWorkshop((w) => {
          const { [controlId]: _was, ...rest } = w.discussed ?? {};
          return {
            ...w,
            discussed: discussed ? { ...rest, [controlId]: now().toISOString() } : rest,
          };
        });
      },
      verify: (controlId, input) => {
        const active = activeOf(get());
        if (!active) return;
        const answer = active.answers[controlId];
        if (answer === undefined) {
          assertValid(`the verification of ${controlId}`, [
            { source: controlId, path: 'answer', message: 'expected an answer to verify' },
          ]);
          return;
        }
        const parsed = verificationSchema.safeParse({
          by: input.by,
          at: now().toISOString(),
          evidence: input.evidence.map((e) => e.trim()).filter((e) => e !== ''),
          answer,
          ...(input.note === undefined || input.note.trim() === '' ? {} : { note: input.note }),
        });
        if (!parsed.success) {
          assertValid(`the verification of ${controlId}`, problemsFromZod(controlId, parsed.error));
          return;
        }
        get().updateWorkshop((w) => ({
          ...w,
          verifications: { ...w.verifications, [controlId]: parsed.data },
        }));
      },
      withdrawVerification: (controlId) => {
        get().updateWorkshop((w) => {
          const { [controlId]: _was, ...rest } = w.verifications ?? {};
          return { ...w, verifications: rest };
        });
      },
      importBaselineFile: async (file) => {
        const large = tooLarge(file, MAX_ASSESSMENT_FILE_BYTES);
        if (large.length > 0) return { ok: false, problems: large };
        await catalogues.ready();
        const result = parseAssessmentFile(await file.text(), file.name, catalogues.all());
        if (!result.ok) return { ok: false, problems: result.problems };
        const assessment = importedAs(
          result.value.file.assessment,
          (id) => Object.hasOwn(get().assessments, id),
          newId,
        );
        // Stored beside the others; the open assessment is not touched.
        set((state) => ({ assessments: { ...state.assessments, [assessment.id]: assessment } }));
        return {
          ok: true,
          id: assessment.id,
          name: assessment.name,
          renamed: assessment.id !== result.value.file.assessment.id,
          warnings: result.value.warnings,
        };
      },
      importParticipants: async (files, role) => {
        const active = activeOf(get());
        const catalogue = active && catalogues.byId(active.catalogue.id);
        if (!active || !catalogue) {
          const problem = {
            source: 'workshop',
            path: 'participants',
            message: 'the assessment’s catalogue is not loaded here',
          };
          return { added: [], problems: [problem], warnings: [] };
        }
        const { added, problems, warnings } = await readParticipants(
          files,
          role,
          catalogue,
          active.workshop?.participants ?? [],
        );
        // All or nothing: a workshop imports the files it was given, or none of them.
        if (problems.length === 0 && added.length > 0) {
          try {
            get().updateWorkshop((w) => ({ ...w, participants: [...w.participants, ...added] }));
          } catch (error) {
            problems.push({
              source: 'workshop',
              path: 'participants',
              message: error instanceof Error ? error.message : String(error),
            });
          }
        }
        return {
          added: problems.length === 0 ? added.map((p) => p.name) : [],
          problems,
          warnings,
        };
      },
    };
  };
