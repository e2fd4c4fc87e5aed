import { useId } from 'react';
import type { Assessment } from '../../domain/assessment/schema.ts';
import { agreeingOf, roomMembers, type RoomMember } from '../../domain/workshop/agreement.ts';
import { useAppStore } from '../../store/app-store.ts';

const ROLE: Readonly<Record<RoomMember['role'], string>> = {
  assessor: 'assessor',
  team: 'team',
  auditor: 'auditor',
};

/**
 * Who agrees: one checkbox per person in the room. Each new agreement is recorded with the people
 * ticked, so the record says who agreed, not everyone who happened to be listed.
 */
export function AgreeingPicker({
  assessment,
  compact = false,
}: {
  assessment: Assessment;
  compact?: boolean;
}) {
  const setAgreeing = useAppStore((s) => s.setAgreeing);
  const members = roomMembers(assessment);
  const agreeing = agreeingOf(assessment);
  const hintId = useId();
  if (members.length === 0) {
    return (
      <p className="muted agreeing-none">
        Nobody is named yet (assessors on the Assessment page, or participants’ files): agreements
        are recorded as agreed by “Workshop participants”.
      </p>
    );
  }
  return (
    <fieldset
      className={compact ? 'agreeing agreeing-compact' : 'agreeing'}
      aria-describedby={hintId}
    >
      <legend>Who agrees</legend>
      <ul>
        {members.map((m) => (
          <li key={m.name}>
            <label>
              <input
                type="checkbox"
                checked={agreeing.includes(m.name)}
                onChange={(e) =>
                  setAgreeing(
                    members
                      .filter((x) =>
                        x.name === m.name ? e.target.checked : agreeing.includes(x.name),
                      )
                      .map((x) => x.name),
                  )
                }
              />{' '}
              {m.name} <span className="muted">({ROLE[m.role]})</span>
            </label>
          </li>
        ))}
      </ul>
      <p id={hintId} className={agreeing.length === 0 ? 'field-error' : 'muted'}>
        {agreeing.length === 0
          ? 'Tick who agrees: nothing can be agreed while nobody is ticked.'
          : 'Each agreement is recorded with the people ticked and the time. Participants imported as auditors start unticked: they verify, and a verification is recorded on its own.'}
      </p>
    </fieldset>
  );
}
