import type { Progress } from '../../../../shared/schemas/progress';
import type { CheckStatus, CheckStep } from '../../stores/tune';

const MARK: Record<CheckStatus, string> = { pending: '○', running: '◔', done: '✓', failed: '✗', skipped: '–' };

/** The Full check as a list of steps, each with its state and what it found or why it stopped. */
export function FullCheck({
  steps,
  live,
  onCancel,
}: {
  steps: CheckStep[];
  /** Progress of the project job the running step waits for. */
  live: Progress | null;
  onCancel: () => void;
}) {
  return (
    <ol className="check-steps" aria-label="Full check progress">
      {steps.map((step) => (
        <li key={step.id} className={`check-step check-${step.status}`} data-step={step.id}>
          <span className="check-mark" aria-hidden="true">
            {MARK[step.status]}
          </span>
          <span className="check-body">
            <span className="check-title">
              {step.title} <span className="check-status">{step.status}</span>
            </span>
            <span className="small check-message">{step.message}</span>
            {step.status === 'running' && live?.kind === 'step' ? (
              <span className="small muted check-live">
                {live.title}
                {live.description ? ` — ${live.description}` : ''} · {Math.round(live.value * 100)} %{' '}
                {step.id === 'bench' ? (
                  <button type="button" onClick={onCancel}>
                    Cancel
                  </button>
                ) : null}
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
