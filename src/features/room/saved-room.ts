import { parseJson } from '../../domain/json.ts';
import { savedFacilitatorSchema, type SavedFacilitator } from '../../domain/room/messages.ts';

/**
 * The facilitator's room as this tab saved it (sessionStorage: this tab only, gone when it
 * closes), read without loading the room's code: the Workshop page checks for one on mounting
 * and only then fetches Yjs and the rest to resume it.
 */

export const savedRoomKey = (assessmentId: string): string =>
  `opsready-facilitator-room:${assessmentId}`;

/** Whether this tab saved a room for the assessment (read and checked only when resuming). */
export function hasSavedRoom(assessmentId: string): boolean {
  try {
    return sessionStorage.getItem(savedRoomKey(assessmentId)) !== null;
  } catch {
    return false;
  }
}

export type SavedRoomRead =
  | { readonly ok: true; readonly saved: SavedFacilitator }
  | { readonly ok: false; readonly problem: string };

/** Undefined when this tab has no room for the assessment; a problem when its copy is damaged. */
export function readSavedRoom(assessmentId: string): SavedRoomRead | undefined {
  let text: string | null;
  try {
    text = sessionStorage.getItem(savedRoomKey(assessmentId));
  } catch {
    return undefined;
  }
  if (text === null) return undefined;
  const json = parseJson(text, 'sessionStorage');
  if (!json.ok) return { ok: false, problem: 'the saved copy is not JSON' };
  const parsed = savedFacilitatorSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return {
      ok: false,
      problem: `sessionStorage ${savedRoomKey(assessmentId)}: ${path}: ${issue?.message ?? 'not a saved room'}`,
    };
  }
  if (parsed.data.assessmentId !== assessmentId)
    return { ok: false, problem: 'the saved copy is of another assessment' };
  return { ok: true, saved: parsed.data };
}

export function forgetSavedRoom(assessmentId: string): void {
  try {
    sessionStorage.removeItem(savedRoomKey(assessmentId));
  } catch {
    // Nothing to delete where storage is refused.
  }
}
