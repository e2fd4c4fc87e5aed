import { useState } from 'react';
import { loadDemoAssessment, type DemoLoadResult } from '../store/demo.ts';
import { ProblemList } from './ProblemList.tsx';

/**
 * Loads the demo in one click. With `next`, what it loaded is followed by links to the pages that
 * show it, for a newcomer who does not yet know where to look.
 */
export function LoadDemoButton({
  next = false,
  onLoading,
}: {
  next?: boolean;
  /** Called on the click, before the demo is added, so a parent can keep this button shown. */
  onLoading?: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DemoLoadResult | null>(null);
  return (
    <div className="demo-loader">
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          onLoading?.();
          void loadDemoAssessment().then((r) => {
            setResult(r);
            setBusy(false);
          });
        }}
      >
        Load demo assessment
      </button>
      <div role="status" className="demo-status">
        {result?.status === 'loaded' && (
          <>
            Loaded “{result.name}”, and the earlier “{result.baselineName}” to compare it with. Your
            own assessments are kept.
          </>
        )}
        {result?.status === 'already-loaded' && <>Switched to “{result.name}”.</>}
        {next && result !== null && result.status !== 'failed' && (
          <>
            {' '}
            Look at <a href="#/assessment">its answers</a>, <a href="#/workshop">its workshop</a> or{' '}
            <a href="#/report">its report</a>.
          </>
        )}
      </div>
      {result?.status === 'failed' && (
        <div role="alert">
          The demo could not be loaded:
          <ProblemList problems={result.problems} />
        </div>
      )}
    </div>
  );
}
