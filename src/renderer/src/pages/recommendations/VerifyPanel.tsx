import { useEffect, useState } from 'react';
import type { Finding } from '../../../../shared/schemas/tune';
import type { VerifyJob } from '../../stores/tune';
import { TrustDialog } from '../project/TrustDialog';

interface Props {
  finding: Finding;
  root: string;
  trusted: boolean;
  job: VerifyJob | null;
  /** A change was verified before: the button verifies again (a new change). */
  again: boolean;
  error: string | null;
  onVerify: () => void;
  onCancel: () => void;
  onTrust: () => void;
}

/** Why Verify cannot run for this finding right now, or null when it can. */
export function verifyBlocker(finding: Finding, trusted: boolean, job: VerifyJob | null): string | null {
  if (!finding.rule.automatic) {
    return finding.commands.length > 0
      ? 'A workstation setting: you run its commands yourself, so there is nothing for Tunebench to verify.'
      : 'Advice only: Tunebench cannot write this change itself, so there is nothing to verify.';
  }
  if (!trusted) {
    return 'This folder is not trusted: verifying builds, tests and benchmarks it, which runs its own code.';
  }
  if (job && job.findingId !== finding.id) return `Another verification is running (${job.findingId}).`;
  return null;
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <>{Math.max(0, Math.round((now - since) / 1000))} s</>;
}

export function VerifyPanel({ finding, root, trusted, job, again, error, onVerify, onCancel, onTrust }: Props) {
  const [asking, setAsking] = useState(false);
  const blocker = verifyBlocker(finding, trusted, job);
  const mine = job?.findingId === finding.id ? job : null;
  const step = mine?.progress?.kind === 'step' ? mine.progress : null;
  const value = step?.value ?? 0;
  const reasonId = `verify-reason-${finding.id.replace(/\W+/g, '-')}`;
  return (
    <div className="verify-panel">
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          disabled={blocker !== null || mine !== null}
          aria-describedby={blocker ? reasonId : undefined}
          onClick={onVerify}
        >
          {mine ? 'Verifying…' : again ? 'Verify again' : 'Verify'}
        </button>
        {!trusted && finding.rule.automatic ? (
          <button type="button" onClick={() => setAsking(true)}>
            Trust this folder…
          </button>
        ) : null}
      </div>
      {blocker ? (
        <p id={reasonId} className="small muted verify-reason">
          {blocker}
        </p>
      ) : !mine ? (
        <p className="small muted">
          Applies the change in a separate git worktree (or a copy), builds and tests both sides, and measures them
          interleaved. Your working tree is not touched until you keep it.
        </p>
      ) : null}
      {mine ? (
        <div className="verify-progress" aria-live="polite">
          <div
            className="progress"
            role="progressbar"
            aria-label="Verification progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(value * 100)}
          >
            <div className="progress-fill" style={{ width: `${Math.round(value * 100)}%` }} />
          </div>
          <p className="small" data-testid="verify-progress">
            {step ? step.title : 'Queued…'}
            {step?.description ? ` — ${step.description}` : ''} · {Math.round(value * 100)} % ·{' '}
            <Elapsed since={mine.startedAt} />{' '}
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </p>
        </div>
      ) : null}
      {error ? (
        <p className="error small" role="alert">
          Verification failed: {error}
        </p>
      ) : null}
      {asking ? (
        <TrustDialog
          root={root}
          onAnswer={(yes) => {
            setAsking(false);
            if (yes) onTrust();
          }}
        />
      ) : null}
    </div>
  );
}
