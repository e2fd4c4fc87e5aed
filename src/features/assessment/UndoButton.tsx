import { useEffect, useState } from 'react';
import { useAppStore, type UndoEntry } from '../../store/app-store.ts';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

function describe(entry: UndoEntry): string {
  return `${entry.kind === 'answer' ? 'the answer to' : 'the details of'} ${entry.controlId}`;
}

/**
 * Undo for the last answer and detail changes (Ctrl+Z or ⌘Z outside text fields, where the
 * browser's own undo applies). A mis-click on a level costs one key.
 */
export function UndoButton() {
  const history = useAppStore((s) => s.history);
  const undo = useAppStore((s) => s.undo);
  const [message, setMessage] = useState('');
  const last = history[history.length - 1];

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.key.toLowerCase() !== 'z') {
        return;
      }
      const target = event.target as HTMLElement | null;
      const isRadio = target instanceof HTMLInputElement && target.type === 'radio';
      if (target && TYPING.has(target.tagName) && !isRadio) return;
      event.preventDefault();
      const undone = undo();
      setMessage(undone ? `Undid the change to ${describe(undone)}.` : 'Nothing to undo.');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  return (
    <div className="undo">
      <button
        type="button"
        className="secondary"
        disabled={!last}
        onClick={() => {
          const undone = undo();
          setMessage(undone ? `Undid the change to ${describe(undone)}.` : 'Nothing to undo.');
        }}
      >
        Undo{last ? ` ${describe(last)}` : ''}
      </button>{' '}
      <span role="status" className="muted">
        {message}
      </span>
    </div>
  );
}
