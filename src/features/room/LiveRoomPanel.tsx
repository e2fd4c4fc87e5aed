import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Catalogue, Control } from '../../domain/catalogue/schema.ts';
import type { FacilitatorRoom, FacilitatorSnapshot } from './facilitator-room.ts';
import './room.css';

/**
 * "Open a live room" on the Workshop page. The room's code (Yjs, the relay client, the QR code)
 * is fetched only when the button is pressed. The room outlives the page: going to the Report to
 * export keeps it open; only "Close the room" ends it, and a closed room cannot be reopened.
 */

let active: FacilitatorRoom | null = null;
const activeListeners = new Set<() => void>();
const setActive = (room: FacilitatorRoom | null): void => {
  active = room;
  for (const l of activeListeners) l();
};
const subscribeActive = (listener: () => void): (() => void) => {
  activeListeners.add(listener);
  return () => activeListeners.delete(listener);
};

export function LiveRoomPanel({
  catalogue,
  control,
  position,
}: {
  catalogue: Catalogue;
  /** The control the presentation shows: the room follows it. */
  control: Control | undefined;
  position: string;
}) {
  const room = useSyncExternalStore(subscribeActive, () => active);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    room?.setControl(control, position);
  }, [room, control, position]);

  const openRoom = async (): Promise<void> => {
    setOpening(true);
    setError('');
    try {
      const { openFacilitatorRoom } = await import('./facilitator-room.ts');
      setActive(await openFacilitatorRoom(catalogue));
    } catch (e) {
      setError(`The room could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setOpening(false);
    }
  };

  return (
    <section className="live-room" aria-labelledby="live-room-title">
      <h2 id="live-room-title">Live room</h2>
      {room ? (
        <OpenRoom room={room} onClosed={() => setActive(null)} />
      ) : (
        <>
          <p className="muted">
            Each participant answers on their own laptop or phone and you see the answers arrive.
            Everything is encrypted in the browsers with a key that travels only in the link; the
            relay this app’s server runs forwards what it cannot read.
          </p>
          <button type="button" onClick={() => void openRoom()} disabled={opening}>
            {opening ? 'Opening…' : 'Open a live room'}
          </button>
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}

const STATUS_TEXT: Readonly<Record<FacilitatorSnapshot['status'], string>> = {
  connecting: 'Connecting to the relay…',
  online: 'Connected',
  offline: 'Relay unreachable: reconnecting; nothing is lost meanwhile',
  closed: 'Closed',
};

function OpenRoom({ room, onClosed }: { room: FacilitatorRoom; onClosed: () => void }) {
  const s = useSyncExternalStore(room.subscribe, room.snapshot);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const inRoom = s.members.filter((m) => m.status === 'in');
  const connected = inRoom.filter((m) => m.connected).length;
  const answered = inRoom.filter((m) => m.answered).length;
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.qrSvg)}`;

  return (
    <>
      <div className="live-room-link">
        <img src={qr} alt="QR code of the room link" width={176} height={176} />
        <div>
          <label htmlFor="live-room-url">
            Room link (the key is after the #; share it only with the room)
          </label>
          <input id="live-room-url" readOnly value={s.link} onFocus={(e) => e.target.select()} />
          <div className="toolbar">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                void navigator.clipboard.writeText(s.link).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
              }}
            >
              Copy link
            </button>
            {copied && <span role="status">Copied.</span>}
          </div>
        </div>
      </div>
      <p role="status" className="live-room-status">
        {STATUS_TEXT[s.status]} · {connected} of {inRoom.length} participant(s) connected
        {s.controlId !== null && (
          <>
            {' '}
            · {answered} of {inRoom.length} answered {s.controlId}
            {s.locked ? ' · answers locked' : ''}
            {s.revealed ? ' · spread revealed' : ''}
          </>
        )}
      </p>
      <div className="toolbar">
        <button type="button" onClick={room.lock} disabled={s.controlId === null || s.locked}>
          Lock answers
        </button>
        <button type="button" onClick={room.reveal} disabled={s.controlId === null || s.revealed}>
          Reveal the spread
        </button>
        {confirming ? (
          <>
            <button
              type="button"
              className="danger"
              onClick={() => {
                void room.close().then(onClosed);
              }}
            >
              Close the room for everyone
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it open
            </button>
          </>
        ) : (
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            Close the room
          </button>
        )}
      </div>
      {s.spread && (
        <section aria-labelledby="live-room-spread">
          <h3 id="live-room-spread">Spread of {s.controlId}</h3>
          <ul className="live-room-spread">
            {s.spread.map((p) => (
              <li key={p.name}>
                <strong>{p.answer}</strong> {p.name} ({p.role === 'auditor' ? 'auditor' : 'team'})
                {p.note && <span className="said-note"> “{p.note}”</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.members.length === 0 ? (
        <p>Nobody has joined yet.</p>
      ) : (
        <table aria-label="People in the live room" className="live-room-members">
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Role</th>
              <th scope="col">Connected</th>
              <th scope="col">Answered {s.controlId ?? ''}</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {s.members.map((m) => (
              <tr key={m.memberId} data-member={m.name}>
                <th scope="row">
                  {m.name}
                  {m.status !== 'in' && (
                    <span className="muted">
                      {' '}
                      ({m.status === 'removed' ? 'removed' : `refused: ${m.reason ?? ''}`})
                    </span>
                  )}
                </th>
                <td>{m.role === 'auditor' ? 'Auditor' : 'Team'}</td>
                <td>{m.connected ? 'yes' : 'no'}</td>
                <td>{m.status === 'in' ? (m.answered ? 'answered' : '–') : ''}</td>
                <td>
                  {m.status !== 'removed' && (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Remove ${m.name} from the room`}
                      onClick={() => room.remove(m.memberId)}
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="live-room-log">
        <h3 id="live-room-log">Room log ({s.refusedCount} refused)</h3>
        {s.log.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ul className="live-room-log">
            {s.log.map((e, i) => (
              <li key={`${e.at}-${String(i)}`}>
                <time dateTime={e.at}>{e.at.slice(11, 19)}</time> {e.text}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
