import { usePersistenceStatus } from '../store/persistence-status.ts';
import { ProblemList } from './ProblemList.tsx';

function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

export function PersistenceBanner() {
  const { loadFailure, writeError, writesSuspended } = usePersistenceStatus();
  if (!loadFailure && !writeError) return null;
  return (
    <div className="banners">
      {loadFailure && (
        <section className="banner banner-error" role="alert" aria-labelledby="load-failure-title">
          <h2 id="load-failure-title">Your saved assessments could not be loaded</h2>
          <ProblemList problems={loadFailure.problems} />
          {loadFailure.backupKey ? (
            <p>
              The saved data was kept unchanged in this browser under{' '}
              <code>{loadFailure.backupKey}</code>. You are working on a fresh assessment.
            </p>
          ) : loadFailure.raw !== null ? (
            <p>
              The saved data could not be copied aside, so saving is paused to keep it intact.
              Download it before you continue.
            </p>
          ) : null}
          {loadFailure.raw !== null && (
            <p className="banner-actions">
              <button
                type="button"
                onClick={() => downloadText(loadFailure.raw ?? '', 'opsready-saved-data.json')}
              >
                Download the saved data
              </button>
              {writesSuspended && (
                <button
                  type="button"
                  onClick={() => usePersistenceStatus.setState({ writesSuspended: false })}
                >
                  Resume saving (replaces the saved data)
                </button>
              )}
            </p>
          )}
        </section>
      )}
      {writeError && (
        <section className="banner banner-error" role="alert" aria-labelledby="write-error-title">
          <h2 id="write-error-title">Not saved</h2>
          <p>{writeError}</p>
        </section>
      )}
    </div>
  );
}
