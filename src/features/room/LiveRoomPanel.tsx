import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Catalogue, Control } from '../../domain/catalogue/schema.ts';
import { selectActiveAssessment, useAppStore } from '../../store/app-store.ts';
import type { FacilitatorRoom, FacilitatorSnapshot } from './facilitator-room.ts';
import { forgetSavedRoom, hasSavedRoom, readSavedRoom } from './saved-room.ts';
import './room.css';

/**
 * "Open a live room" on the Workshop page. The room's code (Yjs, the relay client, the QR code)
 * is fetched only when the button is pressed. The room outlives the page: going to the Report to
 * export keeps it open; only "Close the room" ends it, and a closed room cannot be reopened.
 * A reload of the tab resumes it from what the tab saved (sessionStorage).
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
/** One resume at a time, however often the panel mounts meanwhile. */
let resuming = false;

export function LiveRoomPanel({
  catalogue,
  control,
  position,
  onResume,
}: {
  catalogue: Catalogue;
  /** The control the presentation shows: the room follows it. */
  control: Control | undefined;
  position: string;
  /** A room resumed after a reload: the control it was on, for the presentation to show. */
  onResume?: (controlId: string | null) => void;
}) {
  const room = useSyncExternalStore(subscribeActive, () => active);
  const assessmentId = useAppStore(selectActiveAssessment)?.id;
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    room?.setControl(control, position);
  }, [room, control, position]);

  // A room this tab saved before a reload comes back by itself.
  useEffect(() => {
    if (active || resuming || assessmentId === undefined || !hasSavedRoom(assessmentId)) return;
    resuming = true;
    const resume = async (): Promise<void> => {
      const { openFacilitatorRoom } = await import('./facilitator-room.ts');
      setOpening(true);
      const read = readSavedRoom(assessmentId);
      try {
        if (!read?.ok) throw new Error(read?.problem ?? 'it is gone');
        const resumed = await openFacilitatorRoom(catalogue, assessmentId, read.saved);
        // In one render: the room follows the presentation, which must be on its control first.
        onResume?.(read.saved.controlId);
        setActive(resumed);
      } catch (e) {
        forgetSavedRoom(assessmentId);
        setError(
          `The live room saved in this tab could not be resumed (${e instanceof Error ? e.message : String(e)}); open a new room if you need one.`,
        );
      }
    };
    void resume().finally(() => {
      resuming = false;
      setOpening(false);
    });
    // Once per assessment shown; the catalogue and callback are the page's current ones.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [assessmentId]);

  const openRoom = async (): Promise<void> => {
    if (assessmentId === undefined || resuming) return;
    setOpening(true);
    setError('');
    try {
      const { openFacilitatorRoom } = await import('./facilitator-room.ts');
      setActive(await openFacilitatorRoom(catalogue, assessmentId));
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
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.qrSvg)}`;

  return (
    <>
      {s.linkHidden ? (
        <RekeyedNotice snapshot={s} onShow={room.showLink} />
      ) : (
        <RoomLink snapshot={s} qr={qr} copied={copied} onCopied={setCopied} />
      )}
      {s.epoch > 0 && !s.linkHidden && (
        <p className="muted">
          This is the room’s new link (key {s.epoch + 1}): links and QR codes shown before{' '}
          {s.removedName === undefined ? '' : `${s.removedName} was removed `}no longer open it.
        </p>
      )}
      {s.rekeying && <p role="status">Moving the room to a new key…</p>}
      <RoomBody room={room} snapshot={s} onClosed={onClosed} />
    </>
  );
}

function RekeyedNotice({
  snapshot: s,
  onShow,
}: {
  snapshot: FacilitatorSnapshot;
  onShow: () => void;
}) {
  return (
    <div className="callout live-room-rekeyed" role="region" aria-label="The room has a new key">
      <p>
        <strong>The room has a new key.</strong> {s.removedName ?? 'A participant'} was removed:
        everyone still in the room moved to the new key by themselves, and the link and QR code
        shown before no longer open it. What the removed device sends is refused, and nothing said
        from now on reaches it.
      </p>
      <p>
        The new link is hidden because this screen may be projected where{' '}
        {s.removedName ?? 'the removed person'} can see it. It does not take back what they saw
        before the removal, and anyone a remaining participant gives the new link to can join (you
        can remove them the same way). A participant who was offline when the key changed needs the
        new link.
      </p>
      <button type="button" className="secondary" onClick={onShow}>
        Show the new link and QR code
      </button>
    </div>
  );
}

function RoomLink({
  snapshot: s,
  qr,
  copied,
  onCopied,
}: {
  snapshot: FacilitatorSnapshot;
  qr: string;
  copied: boolean;
  onCopied: (copied: boolean) => void;
}) {
  return (
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
                () => onCopied(true),
                () => onCopied(false),
              );
            }}
          >
            Copy link
          </button>
          {copied && <span role="status">Copied.</span>}
        </div>
      </div>
    </div>
  );
}

function RoomBody({
  room,
  snapshot: s,
  onClosed,
}: {
  room: FacilitatorRoom;
  snapshot: FacilitatorSnapshot;
  onClosed: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const inRoom = s.members.filter((m) => m.status === 'in');
  const connected = inRoom.filter((m) => m.connected).length;
  const answered = inRoom.filter((m) => m.answered).length;
  return (
    <>
      <p role="status" className="live-room-status">
        {STATUS_TEXT[s.status]} · {connected} of {inRoom.length}{' '}
        {inRoom.length === 1 ? 'participant' : 'participants'} connected
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
                      (
                      {m.status === 'removed'
                        ? m.back
                          ? 'removed, back with the current link: refused'
                          : 'removed'
                        : `refused: ${m.reason ?? ''}`}
                      )
                    </span>
                  )}
                </th>
                <td>{m.role === 'auditor' ? 'Auditor' : 'Team'}</td>
                <td>{m.connected ? 'yes' : 'no'}</td>
                <td>{m.status === 'in' ? (m.answered ? 'answered' : '–') : ''}</td>
                <td>
                  {m.status !== 'removed' ? (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Remove ${m.name} from the room`}
                      onClick={() => room.remove(m.memberId)}
                      disabled={s.rekeying}
                    >
                      Remove
                    </button>
                  ) : (
                    m.back && (
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`Re-key the room without ${m.name}`}
                        onClick={() => room.remove(m.memberId)}
                        disabled={s.rekeying}
                      >
                        Re-key without them
                      </button>
                    )
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
