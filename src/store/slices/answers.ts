import {
  chooseAnswer,
  toggleFlag,
  withAnswer,
  withFollowUp,
  withMeta,
  withNotes,
} from '../../domain/assessment/changes.ts';
import {
  assessmentDetailsSchema,
  assessmentSchema,
  controlMetaSchema,
  type ControlMeta,
} from '../../domain/assessment/schema.ts';
import { threatProfileSchema } from '../../domain/threat/profile.ts';
import { problemsFromZod } from '../../domain/validation.ts';
import type { AnswersActions, Slice, SliceDeps } from '../types.ts';
import { remember } from './undo.ts';
import { aboveScale, activeOf, assertValid, checkAnswer, updateActive } from './shared.ts';

/** The answers and details of the open assessment: every change checked before it is saved. */
export const createAnswersSlice =
  ({ now, catalogues }: SliceDeps): Slice<AnswersActions> =>
  (set, get) => {
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
      remember(get, set, controlId, 'meta');
      updateActive(set, now, (a) => withMeta(a, controlId, meta));
    };
    const metaOf = (controlId: string): ControlMeta | undefined => activeOf(get())?.meta[controlId];
    return {
      setAnswer: (controlId, answer) => {
        if (answer !== null) checkAnswer(get, catalogues, controlId, answer);
        remember(get, set, controlId, 'answer');
        updateActive(set, now, (a) => withAnswer(a, controlId, answer));
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
    };
  };
