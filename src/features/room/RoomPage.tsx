import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import type { Answer } from '../../domain/assessment/schema.ts';
import type { ControlView } from '../../domain/room/messages.ts';
import type { ParticipantRoom, ParticipantSnapshot } from './participant-room.ts';
import { parseRoomHash } from './links.ts';
import './room.css';

/**
 * What a participant sees after opening a room link: their name and role, then the control the
 * facilitator has on screen with their own answer form, what the room has agreed and recorded,
 * and, once revealed, everyone's answers. Works on a phone.
 */
export function RoomPage() {
  const [hash] = useState(() => window.location.hash);
  const parts = parseRoomHash(hash);
  const [room, setRoom] = useState<ParticipantRoom | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!parts) return;
    let left = false;
    let joined: ParticipantRoom | null = null;
    void import('./participant-room.ts')
      .then(({ joinRoom }) => joinRoom(parts))
      .then(
        (r) => {
          joined = r;
          if (left) void r.leave();
          else setRoom(r);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      left = true;
      void joined?.leave();
    };
    // The link is read once: the room is the one this tab was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hash]);

  return (
    <div className="room-page">
      <h1>Live workshop room</h1>
      {!parts ? (
        <p role="alert">
          This room link is incomplete: ask the facilitator for the link again (everything after the
          # is needed).
        </p>
      ) : error ? (
        <p role="alert">The room could not be joined: {error}</p>
      ) : room ? (
        <Joined room={room} />
      ) : (
        <p role="status">Opening the room…</p>
      )}
    </div>
  );
}

const STATUS: Readonly<Record<ParticipantSnapshot['status'], string>> = {
  connecting: 'Connecting…',
  online: 'Connected',
  offline: 'Offline: keep answering, everything is kept here and sent when you are back',
  closed: 'Left the room',
};

function Joined({ room }: { room: ParticipantRoom }) {
  const s = useSyncExternalStore(room.subscribe, room.snapshot);
  if (s.stage.closed) {
    return <p role="status">The facilitator closed this room. Thank you for taking part.</p>;
  }
  if (s.removed) {
    return <p role="alert">The facilitator removed you from this room.</p>;
  }
  if (s.leftBehind) {
    return (
      <p role="alert">
        The facilitator moved this room to a new key after removing someone, and this device was not
        given it (it was not in the room yet, or not let in). Ask the facilitator for the new link.
      </p>
    );
  }
  return (
    <>
      <p role="status" className={`room-connection ${s.status}`}>
        {STATUS[s.status]}
        {s.status === 'online' && !s.facilitatorSeen && ': waiting for the facilitator'}
      </p>
      {s.moved && (
        <p className="muted">
          The facilitator removed someone and the room moved to a new key; you are still in it, with
          your answers.
        </p>
      )}
      {!s.profile || s.me?.status === 'refused' ? (
        <JoinForm room={room} snapshot={s} />
      ) : (
        <>
          <p className="muted">
            You are {s.profile.name} ({s.profile.role === 'auditor' ? 'auditor' : 'team member'}).
            {!s.me && s.facilitatorSeen && ' Waiting for the facilitator to let you in…'}
          </p>
          {s.stage.control ? (
            <CurrentControl
              key={s.stage.control.id}
              room={room}
              snapshot={s}
              control={s.stage.control}
            />
          ) : (
            s.facilitatorSeen && <p>The facilitator has not chosen a control yet.</p>
          )}
        </>
      )}
    </>
  );
}

function JoinForm({ room, snapshot }: { room: ParticipantRoom; snapshot: ParticipantSnapshot }) {
  const id = useId();
  const [name, setName] = useState(snapshot.profile?.name ?? '');
  const [role, setRole] = useState<'team' | 'auditor'>(snapshot.profile?.role ?? 'team');
  const [error, setError] = useState('');
  return (
    <form
      className="room-join"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = name.trim();
        if (trimmed === '') {
          setError('Give your name, as the room knows you.');
          return;
        }
        setError('');
        room.setProfile({ name: trimmed.slice(0, 80), role });
      }}
    >
      {snapshot.me?.status === 'refused' && (
        <p role="alert" className="callout error">
          The facilitator’s room refused this name: {snapshot.me.reason}. Choose another.
        </p>
      )}
      <label htmlFor={`${id}-name`}>Your name</label>
      <input
        id={`${id}-name`}
        value={name}
        maxLength={80}
        autoComplete="name"
        onChange={(e) => setName(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <fieldset>
        <legend>Your role</legend>
        <label>
          <input
            type="radio"
            name={`${id}-role`}
            checked={role === 'team'}
            onChange={() => setRole('team')}
          />{' '}
          Team member (self-assessing)
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-role`}
            checked={role === 'auditor'}
            onChange={() => setRole('auditor')}
          />{' '}
          Auditor (verifying against evidence)
        </label>
      </fieldset>
      <button type="submit">Join the room</button>
    </form>
  );
}

function CurrentControl({
  room,
  snapshot: s,
  control,
}: {
  room: ParticipantRoom;
  snapshot: ParticipantSnapshot;
  control: ControlView;
}) {
  const id = useId();
  const answer = s.answer;
  const disabled = s.locked || s.status === 'closed';
  const [reason, setReason] = useState(answer?.status === 'na' ? answer.justification : '');
  const [note, setNote] = useState(answer?.notes ?? '');
  const agreed = s.record?.agreed[control.id];
  const recordNote = s.record?.notes[control.id];
  const parking = s.record?.parking[control.id];
  const actions = (s.record?.actions ?? []).filter((a) => a.controlId === control.id);
  const withNote = (a: Answer): Answer => {
    const notes = note.trim();
    const { notes: _old, ...rest } = a;
    return notes === '' ? rest : { ...rest, notes };
  };
  const choose = (value: string): void => {
    if (value === 'na') {
      const why = reason.trim();
      // N/A needs a reason before it counts; until then the choice is only on this screen.
      if (why !== '') room.answer(control.id, withNote({ status: 'na', justification: why }));
      else room.answer(control.id, undefined);
      setChoice('na');
    } else {
      room.answer(control.id, withNote({ status: 'level', level: Number(value) }));
      setChoice(value);
    }
  };
  const [choice, setChoice] = useState(
    answer === undefined ? '' : answer.status === 'na' ? 'na' : String(answer.level),
  );

  return (
    <section aria-labelledby={`${id}-title`} className="room-control">
      <p className="muted">{control.position}</p>
      <h2 id={`${id}-title`}>
        <span className="control-id">{control.id}</span> {control.title}
      </h2>
      <p>{control.objective}</p>
      <fieldset disabled={disabled} className="room-answer">
        <legend>Your answer{s.locked ? ' (locked by the facilitator)' : ''}</legend>
        {control.levels.map((l, level) => (
          <label key={level} className="room-level">
            <input
              type="radio"
              name={`${id}-level`}
              value={String(level)}
              checked={choice === String(level)}
              onChange={() => choose(String(level))}
            />
            <span>{`${String(level)} ${l.name}: ${l.text}`}</span>
          </label>
        ))}
        <label className="room-level">
          <input
            type="radio"
            name={`${id}-level`}
            value="na"
            checked={choice === 'na'}
            onChange={() => choose('na')}
          />
          <span>Not applicable</span>
        </label>
        {choice === 'na' && (
          <>
            <label htmlFor={`${id}-reason`}>Why it does not apply</label>
            <input
              id={`${id}-reason`}
              value={reason}
              maxLength={5_000}
              onChange={(e) => setReason(e.target.value)}
              onBlur={() => choose('na')}
            />
          </>
        )}
        <label htmlFor={`${id}-note`}>Your note (the facilitator sees it with your answer)</label>
        <textarea
          id={`${id}-note`}
          rows={3}
          maxLength={20_000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            if (choice !== '') choose(choice);
          }}
        />
      </fieldset>
      <p role="status" className="room-answer-status">
        {s.locked
          ? 'Answers are locked.'
          : answer === undefined
            ? 'Not answered yet.'
            : s.status === 'online'
              ? 'Your answer is with the facilitator.'
              : 'Your answer is kept here and will be sent when you reconnect.'}
      </p>
      {s.spread && (
        <section aria-labelledby={`${id}-spread`}>
          <h3 id={`${id}-spread`}>What everyone answered</h3>
          <ul className="live-room-spread">
            {s.spread.map((p) => (
              <li key={p.name}>
                <strong>{p.answer}</strong> {p.name}
                {p.note && <span className="said-note"> “{p.note}”</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby={`${id}-record`} className="room-record">
        <h3 id={`${id}-record`}>In the room’s record</h3>
        <p>
          {agreed ? (
            <>
              Agreed: <strong>{agreed.answer}</strong> by {agreed.by.join(', ')}
            </>
          ) : (
            'Not agreed yet.'
          )}
        </p>
        {recordNote && <p>Notes: {recordNote}</p>}
        {parking && <p>Parking lot: {parking}</p>}
        {actions.length > 0 && (
          <ul aria-label={`Actions on ${control.id}`}>
            {actions.map((a, i) => (
              <li key={`${a.text}-${String(i)}`}>
                {a.text} ({a.owner || 'no owner'}, {a.priority})
              </li>
            ))}
          </ul>
        )}
      </section>
      <ProposeForm room={room} controlId={control.id} />
    </section>
  );
}

function ProposeForm({ room, controlId }: { room: ParticipantRoom; controlId: string }) {
  const id = useId();
  const [kind, setKind] = useState<'action' | 'parking'>('action');
  const [text, setText] = useState('');
  const [sent, setSent] = useState('');
  return (
    <form
      className="room-propose"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const t = text.trim();
        if (t === '') return;
        room.propose(kind, controlId, t.slice(0, 500));
        setText('');
        setSent(kind === 'action' ? 'Action added.' : 'Added to the parking lot.');
      }}
    >
      <h3>Add to the record</h3>
      <label htmlFor={`${id}-kind`}>What to add</label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(e) => setKind(e.target.value === 'parking' ? 'parking' : 'action')}
      >
        <option value="action">An action</option>
        <option value="parking">A parking-lot item (who owes what)</option>
      </select>
      <label htmlFor={`${id}-text`}>Text</label>
      <input
        id={`${id}-text`}
        value={text}
        maxLength={500}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Add</button>
      {sent && <p role="status">{sent}</p>}
    </form>
  );
}
