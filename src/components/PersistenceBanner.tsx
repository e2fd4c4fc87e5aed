import { toAssessmentFile } from '../domain/assessment/schema.ts';
import { slugify } from '../domain/format.ts';
import { selectActiveAssessment, useAppStore } from '../store/app-store.ts';
import {
  dismissLoadFailure,
  resumeSaving,
  usePersistenceStatus,
} from '../store/persistence-status.ts';
import { downloadText } from './download.ts';
import { ProblemList } from './ProblemList.tsx';

function DownloadActiveAssessment() {
  const assessment = useAppStore(selectActiveAssessment);
  if (!assessment) return null;
  return (
    <button
      type="button"
      onClick={() =>
        downloadText(
          `${JSON.stringify(toAssessmentFile(assessment), null, 2)}\n`,
          `opsready-${slugify(assessment.organisation || assessment.name)}.json`,
        )
      }
    >
      Download the open assessment (JSON)
    </button>
  );
}

export function PersistenceBanner() {
  const { loadFailure, writeError, writesSuspended } = usePersistenceStatus();
  if (!loadFailure && !writeError) return null;
  return (
    <div className="banners">
      {loadFailure && (
        <section className="banner banner-error" role="alert" aria-labelledby="load-failure-title">
          <h2 id="load-failure-title">
            {loadFailure.partial
              ? 'Some saved assessments could not be loaded'
              : 'Your saved assessments could not be loaded'}
          </h2>
          <ProblemList problems={loadFailure.problems} />
          {loadFailure.backupKey ? (
            <p>
              The saved data was kept unchanged in this browser under{' '}
              <code>{loadFailure.backupKey}</code>.{' '}
              {loadFailure.partial
                ? 'The other assessments are loaded.'
                : 'You are working on a fresh assessment.'}
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
              {writesSuspended ? (
                <button type="button" onClick={resumeSaving}>
                  Resume saving (replaces the saved data)
                </button>
              ) : (
                <button type="button" className="link-button" onClick={dismissLoadFailure}>
                  Dismiss
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
          <p className="banner-actions">
            <DownloadActiveAssessment />
          </p>
        </section>
      )}
    </div>
  );
}
