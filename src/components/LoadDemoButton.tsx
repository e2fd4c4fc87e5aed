import { useState } from 'react';
import { loadDemoAssessment, type DemoLoadResult } from '../store/demo.ts';
import { ProblemList } from './ProblemList.tsx';

export function LoadDemoButton() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DemoLoadResult | null>(null);
  return (
    <div className="demo-loader">
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void loadDemoAssessment().then((r) => {
            setResult(r);
            setBusy(false);
          });
        }}
      >
        Load demo assessment
      </button>
      <div role="status" className="demo-status">
        {result?.status === 'loaded' && <>Loaded “{result.name}”. Your own assessments are kept.</>}
        {result?.status === 'already-loaded' && <>Switched to “{result.name}”.</>}
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
