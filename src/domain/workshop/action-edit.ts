import type { Action } from './schema.ts';

// Apart from actions.ts, whose reports and CSV need the scoring code: the store edits actions at
// any time, and this keeps that code out of the first load.

/** What an edit may change; the id, the control and the creation time stay. */
export type ActionEdit = Partial<
  Pick<Action, 'text' | 'owner' | 'due' | 'priority' | 'status' | 'evidenceLink'>
>;

/**
 * The actions with `id` edited: an empty due date or evidence link removes it, and the edit is
 * stamped `at`. An equal copy of the list when no action has that id.
 */
export function withActionEdited(
  actions: readonly Action[],
  id: string,
  edit: ActionEdit,
  at: string,
): Action[] {
  if (!actions.some((a) => a.id === id)) return [...actions];
  return actions.map((a) => {
    if (a.id !== id) return a;
    const { due, evidenceLink, ...rest } = { ...a, ...edit, updatedAt: at };
    return {
      ...rest,
      ...(due === undefined || due === '' ? {} : { due }),
      ...(evidenceLink === undefined || evidenceLink.trim() === '' ? {} : { evidenceLink }),
    };
  });
}
