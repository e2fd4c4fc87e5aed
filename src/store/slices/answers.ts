import {
  chooseAnswer,
  toggleFlag,
  withAnswer,
  withFollowUp,
  withMeta,
  withNotes,
  type AnswerChoice,
  type MetaFlag,
} from '../../domain/assessment/changes.ts';
import {
  architectureSchema,
  assessmentDetailsSchema,
  assessmentSchema,
  controlMetaSchema,
  type Answer,
  type Assessment,
  type AssessmentDetails,
  type ControlMeta,
  type Funds,
} from '../../domain/assessment/schema.ts';
import { checkFunds } from '../../domain/loss/funds.ts';
import { threatProfileSchema, type ThreatProfile } from '../../domain/threat/profile.ts';
import { problemsFromZod, type Problem } from '../../domain/validation.ts';
import type { AppState, Slice, SliceDeps } from '../types.ts';
import { remember, type UndoEntry } from './undo.ts';
import { aboveScale, activeOf, assertValid, checkAnswer, updateActive } from './shared.ts';

export interface AnswersActions {
  /** Sets or clears (null) the answer to one control of the active assessment. */
  setAnswer: (controlId: string, answer: Answer | null) => void;
  /** Answers one control with a level or N/A, keeping the notes its answer had. */
  chooseAnswer: (controlId: string, choice: AnswerChoice) => void;
  /** Replaces the notes of an answered control (blank removes them); unanswered, does nothing. */
  setNotes: (controlId: string, notes: string) => void;
  /** Sets or clears (null) the per-control meta (target, owner, evidence, …) of the active assessment. */
  setMeta: (controlId: string, meta: ControlMeta | null) => void;
  /** Switches a flag (revisit, evidence requested) of one control of the active assessment. */
  toggleFlag: (controlId: string, flag: MetaFlag) => void;
  /** Sets who owes what for one control; blank removes it. */
  setFollowUp: (controlId: string, followUp: string) => void;
  updateDetails: (details: AssessmentDetails) => void;
  /**
   * Picks the threat profile of the active assessment: a catalogue profile by id, or a profile the
   * team edited, which is saved with the assessment.
   */
  setProfile: (choice: { profileId: string } | { customProfile: ThreatProfile }) => void;
  /**
   * Records which of the catalogue's architecture features the team does not operate (none: every
   * feature operated). Stored in the catalogue's order; the answers themselves are not touched.
   */
  setArchitecture: (notOperated: readonly string[]) => void;
  /**
   * Records the funds each pool holds, for the dollar view (null removes them). Refused whole,
   * nothing saved, when an amount is invalid or a pool is one the architecture does not have.
   */
  setFunds: (funds: Funds | null) => void;
}

/** The answers and details of the open assessment: every change checked before it is saved. */
export const createAnswersSlice =
  ({ now, catalogues }: SliceDeps): Slice<AnswersActions> =>
  (set, get) => {
    /**
     * The undo entry and the change in one store update, so every subscriber (a card each, a
     * thousand on a large catalogue) runs once per change instead of twice, and it is saved once.
     */
    const rememberAndUpdate = (
      controlId: string,
      kind: UndoEntry['kind'],
      change: (a: Assessment) => Assessment,
    ): void => {
      set((state) => {
        let next = state;
        const apply = (part: (s: AppState) => Partial<AppState>): void => {
          const changed = part(next);
          // Nothing to change (no open assessment) leaves the state as it is: no notification.
          if (changed !== next) next = { ...next, ...changed };
        };
        remember(() => next, apply, controlId, kind);
        updateActive(apply, now, change);
        return next;
      });
    };
    const setMeta = (controlId: string, meta: ControlMeta | null): void => {
      if (meta !== null) {
        const parsed = controlMetaSchema.safeParse(meta);
        assertValid(
          `the details of ${controlId}`,
          !parsed.success
            ? problemsFromZod(controlId, parsed.error)
            : meta.target !== undefined
              ? aboveScale(get, catalogues, controlId, 'target', meta.target)
              : [],
        );
      }
      rememberAndUpdate(controlId, 'meta', (a) => withMeta(a, controlId, meta));
    };
    const metaOf = (controlId: string): ControlMeta | undefined => activeOf(get())?.meta[controlId];
    return {
      setAnswer: (controlId, answer) => {
        if (answer !== null) checkAnswer(get, catalogues, controlId, answer);
        rememberAndUpdate(controlId, 'answer', (a) => withAnswer(a, controlId, answer));
      },
      chooseAnswer: (controlId, choice) => {
        get().setAnswer(controlId, chooseAnswer(activeOf(get())?.answers[controlId], choice));
      },
      setNotes: (controlId, notes) => {
        const current = activeOf(get())?.answers[controlId];
        if (current !== undefined) get().setAnswer(controlId, withNotes(current, notes));
      },
      setMeta,
      toggleFlag: (controlId, flag) => setMeta(controlId, toggleFlag(metaOf(controlId), flag)),
      setFollowUp: (controlId, followUp) =>
        setMeta(controlId, withFollowUp(metaOf(controlId), followUp)),
      updateDetails: (details) => {
        const parsed = assessmentDetailsSchema.safeParse(details);
        assertValid(
          'the assessment details',
          parsed.success ? [] : problemsFromZod('details', parsed.error),
        );
        if (parsed.success) updateActive(set, now, (a) => ({ ...a, ...parsed.data }));
      },
      setProfile: (choice) => {
        if ('customProfile' in choice) {
          const parsed = threatProfileSchema.safeParse(choice.customProfile);
          assertValid(
            'the edited threat profile',
            parsed.success ? [] : problemsFromZod('profile', parsed.error),
          );
          if (!parsed.success) return;
          updateActive(set, now, ({ profileId: _, ...a }) => ({
            ...a,
            customProfile: parsed.data,
          }));
        } else {
          const parsed = assessmentSchema.shape.profileId.safeParse(choice.profileId);
          assertValid(
            'the threat profile choice',
            parsed.success ? [] : problemsFromZod('profileId', parsed.error),
          );
          updateActive(set, now, ({ customProfile: _, ...a }) => ({
            ...a,
            profileId: choice.profileId,
          }));
        }
      },
      setArchitecture: (notOperated) => {
        const active = activeOf(get());
        if (!active) return;
        const features = (catalogues.byId(active.catalogue.id) ?? catalogues.bundled).architecture;
        const declared = (features ?? []).map((f) => f.id);
        const parsed = architectureSchema.safeParse({ notOperated: [...notOperated] });
        const unknown: Problem[] = notOperated.flatMap((id, i) =>
          declared.includes(id)
            ? []
            : [
                {
                  source: 'architecture',
                  path: `notOperated[${String(i)}]`,
                  message: `"${id}" is not an architecture feature of catalogue ${active.catalogue.id}`,
                },
              ],
        );
        assertValid(
          'the architecture',
          parsed.success ? unknown : problemsFromZod('architecture', parsed.error),
        );
        const ordered = declared.filter((id) => notOperated.includes(id));
        updateActive(set, now, ({ architecture: _, ...a }) =>
          ordered.length === 0 ? a : { ...a, architecture: { notOperated: ordered } },
        );
      },
      setFunds: (funds) => {
        const active = activeOf(get());
        if (!active) return;
        if (funds === null) {
          updateActive(set, now, ({ funds: _, ...a }) => a);
          return;
        }
        const catalogue = catalogues.byId(active.catalogue.id) ?? catalogues.bundled;
        const notOperated = new Set(active.architecture?.notOperated ?? []);
        const checked = checkFunds(catalogue, notOperated, funds);
        assertValid('the funds', checked.ok ? [] : checked.problems);
        if (checked.ok) updateActive(set, now, (a) => ({ ...a, funds: checked.value }));
      },
    };
  };
