import type { Answer } from '../domain/assessment/answer-schema.ts';
import { toAssessmentFile, type ControlMeta } from '../domain/assessment/schema.ts';
import type { Difference } from '../domain/persistence/merge.ts';
import { slugify } from '../domain/format.ts';
import { selectActiveAssessment, useAppStore } from '../store/app-store.ts';
import {
  conflictKey,
  dismissConflict,
  dismissLoadFailure,
  dismissReview,
  resumeSaving,
  usePersistenceStatus,
  type ShownConflict,
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

function describeAnswer(answer: Answer | undefined): string {
  if (answer === undefined) return 'no answer';
  return answer.status === 'level' ? `Level ${answer.level}` : 'Not applicable';
}

/** Names what would be lost, so the user knows what to download or redo. */
function Unsaved({ unsaved }: { readonly unsaved: readonly Difference[] }) {
  if (unsaved.length === 0) return null;
  return (
    <ul className="unsaved-list">
      {unsaved.map((d) => (
        <li key={d.assessmentId}>
          “{d.assessmentName}”:{' '}
          {[
            d.controlIds.length > 0 ? `answers to ${d.controlIds.join(', ')}` : '',
            d.other ? 'other changes (details, notes or workshop)' : '',
          ]
            .filter((part) => part !== '')
            .join('; ')}
        </li>
      ))}
    </ul>
  );
}

/** The details of a control in a few words, enough to tell two versions apart. */
function describeDetails(meta: ControlMeta | undefined): string {
  if (meta === undefined) return 'no details';
  const parts = [
    meta.target === undefined ? '' : `target ${String(meta.target)}`,
    meta.owner === undefined ? '' : `owner ${meta.owner}`,
    meta.evidence === undefined
      ? ''
      : `${String(meta.evidence.length)} evidence ${meta.evidence.length === 1 ? 'item' : 'items'}`,
    meta.confidence ?? '',
    meta.revisit === true ? 'flagged to revisit' : '',
    meta.evidenceRequested === true ? 'evidence requested' : '',
    meta.followUp === undefined ? '' : `follow-up “${meta.followUp}”`,
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'no details' : parts.join(', ');
}

function Conflict({ conflict }: { readonly conflict: ShownConflict }) {
  const answer = conflict.kind === 'answer';
  const kept = answer ? describeAnswer(conflict.kept) : describeDetails(conflict.kept);
  const other = answer ? describeAnswer(conflict.other) : describeDetails(conflict.other);
  const what = answer ? 'answer' : 'details';
  return (
    <li>
      <strong>{conflict.controlId}</strong>
      {answer ? '' : ' details'} in “{conflict.assessmentName}”: this tab {kept} (kept), the other
      tab {other}.{' '}
      <button
        type="button"
        onClick={() => {
          conflict.takeOther();
          dismissConflict(conflict);
        }}
      >
        Use the other tab’s {what} ({other}) for {conflict.controlId}
      </button>{' '}
      <button type="button" className="link-button" onClick={() => dismissConflict(conflict)}>
        Keep this tab’s {what}
      </button>
    </li>
  );
}

export function PersistenceBanner() {
  const { loadFailure, writeError, writesSuspended, unsaved, saveAgain, conflicts, toReview } =
    usePersistenceStatus();
  if (!loadFailure && !writeError && conflicts.length === 0 && toReview.length === 0) return null;
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
          {unsaved.length > 0 && <p>Unsaved in this tab:</p>}
          <Unsaved unsaved={unsaved} />
          <p className="banner-actions">
            <DownloadActiveAssessment />
            {saveAgain && (
              <button type="button" onClick={saveAgain}>
                Try saving again
              </button>
            )}
          </p>
        </section>
      )}
      {toReview.length > 0 && (
        <section className="banner banner-error" role="alert" aria-labelledby="to-review-title">
          <h2 id="to-review-title">Saved answers that no longer fit their catalogue</h2>
          <p>
            These answers were loaded but do not match the catalogue they were made with: a level
            above its scale scores as absent and an answer to a control it no longer has is not
            scored. Nothing was removed; answer them again, or export the assessment to keep a copy.
          </p>
          <ProblemList problems={toReview} />
          <p className="banner-actions">
            <button type="button" className="link-button" onClick={dismissReview}>
              Dismiss
            </button>
          </p>
        </section>
      )}
      {conflicts.length > 0 && (
        <section className="banner banner-error" role="alert" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">Answered differently in another tab</h2>
          <p>
            Another tab changed the same {conflicts.length === 1 ? 'control' : 'controls'} at the
            same time. This tab’s version was kept; you can take the other one instead.
          </p>
          <ul className="conflict-list">
            {conflicts.map((c) => (
              <Conflict key={conflictKey(c)} conflict={c} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
