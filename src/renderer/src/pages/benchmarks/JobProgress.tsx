import { useEffect, useState } from 'react';
import { Card } from '../../components/Card';
import { useBench } from '../../stores/bench';
import { etaSeconds } from '../../stores/bench-rules';

export function JobProgress() {
  const { active, cancel } = useBench();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  if (!active) return null;
  const step = active.progress?.kind === 'step' ? active.progress : null;
  const value = step?.value ?? 0;
  const eta = etaSeconds(value, now - active.startedAt);
  return (
    <Card
      title="Running"
      aside={
        <button type="button" onClick={() => void cancel()}>
          Cancel
        </button>
      }
    >
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(value * 100)}
        aria-label="Suite progress"
      >
        <div className="progress-fill" style={{ width: `${Math.round(value * 100)}%` }} />
      </div>
      <p className="small" data-testid="job-progress">
        {step ? `${step.title} — ${step.description ?? ''}` : 'starting…'} · {Math.round(value * 100)} % ·{' '}
        {active.resultsSoFar} results
        {eta !== null ? ` · about ${eta} s left` : ''}
      </p>
    </Card>
  );
}
