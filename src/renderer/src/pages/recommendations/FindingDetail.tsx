import { useEffect } from 'react';
import type { AppliedChange, Finding } from '../../../../shared/schemas/tune';
import type { DiffState, VerifyJob } from '../../stores/tune';
import { CopyButton } from '../../components/CopyButton';
import { DiffView } from './DiffView';
import { evidenceLocation, gainFormula, gainInterval, learnedFrom } from './format';
import { VerdictView } from './VerdictView';
import { VerifyPanel } from './VerifyPanel';

interface Props {
  finding: Finding;
  root: string;
  trusted: boolean;
  diff: DiffState | undefined;
  job: VerifyJob | null;
  verifyError: string | null;
  change: AppliedChange | null;
  deciding: boolean;
  decisionError: string | null;
  loadDiff: () => void;
  onVerify: () => void;
  onCancel: () => void;
  onTrust: () => void;
  onKeep: (changeId: number, merge: boolean) => void;
  onDiscard: (changeId: number) => void;
}

/** Everything about one finding: why, where, what changes, and the verification and its verdict. */
export function FindingDetail(props: Props) {
  const { finding, diff, loadDiff, change } = props;
  const automatic = finding.rule.automatic;
  useEffect(() => {
    if (automatic) loadDiff();
  }, [automatic, finding.id, loadDiff]);
  const headingId = 'finding-detail-title';
  return (
    <article className="finding-detail" aria-labelledby={headingId}>
      <header>
        <h2 id={headingId}>{finding.rule.title}</h2>
        <p className="finding-meta">
          <code>{finding.id}</code>
          <span className="chip">{finding.rule.stack}</span>
          <span className={`chip risk-${finding.rule.risk}`}>{finding.rule.risk} risk</span>
          <span className="chip">{finding.rule.effort} effort</span>
          <span className="chip">{automatic ? 'automatic change' : 'advice'}</span>
          {finding.dir ? <span className="chip">in {finding.dir}/</span> : null}
        </p>
      </header>
      <p>{finding.message}</p>
      <p className="small">
        Expected gain on {finding.rule.metrics.join(', ')}: <strong>{gainFormula(finding.ranking)}</strong>{' '}
        <span className="muted">
          ({gainInterval(finding.ranking)}; {learnedFrom(finding.ranking)}; prior P{' '}
          {finding.rule.prior.pImprove.toFixed(2)}, effect {(finding.rule.prior.effect * 100).toFixed(1)} %)
        </span>
      </p>

      <h3>Why</h3>
      <p className="rationale">{finding.rule.rationale}</p>
      <p className="small reference">
        Reference: {finding.rule.reference.title} —{' '}
        <a href={finding.rule.reference.url} target="_blank" rel="noreferrer noopener">
          {finding.rule.reference.url}
        </a>
      </p>

      <h3>Evidence</h3>
      <ul className="evidence" aria-label="Evidence">
        {finding.evidence.map((evidence, index) => (
          <li key={`${evidenceLocation(evidence)}-${index}`}>
            <code>{evidenceLocation(evidence)}</code>
            {evidence.excerpt ? <span className="muted"> {evidence.excerpt}</span> : null}
          </li>
        ))}
        {finding.evidence.length === 0 ? <li className="muted">no file evidence</li> : null}
      </ul>

      {finding.current !== null || finding.proposed !== null ? (
        <div className="current-proposed" aria-label="Current and proposed setting" role="group">
          <div>
            <span className="small muted">current</span>
            <pre>{finding.current ?? '—'}</pre>
          </div>
          <span className="arrow" aria-hidden="true">
            →
          </span>
          <div>
            <span className="small muted">proposed</span>
            <pre>{finding.proposed ?? '—'}</pre>
          </div>
        </div>
      ) : null}

      {finding.warning ? (
        <p className="finding-warning" role="note">
          <strong>Before you apply:</strong> {finding.warning}
        </p>
      ) : null}

      {finding.commands.length > 0 ? (
        <>
          <h3>Commands to run yourself</h3>
          <p className="small muted">Tunebench never runs these: read them, then run them in your own terminal.</p>
          <pre className="commands" aria-label="Commands">
            {finding.commands.join('\n')}
          </pre>
          <CopyButton text={finding.commands.join('\n')} label="Copy the commands" />
        </>
      ) : null}

      {automatic ? (
        <>
          <h3>Change</h3>
          {!diff || diff.status === 'loading' ? <p className="muted small">Preparing the diff…</p> : null}
          {diff?.status === 'error' ? (
            <p className="error small" role="alert">
              Could not prepare the change: {diff.error}
            </p>
          ) : null}
          {diff?.status === 'ready' ? (
            <>
              <p className="small muted">
                Writes {diff.files.length === 1 ? 'one file' : `${diff.files.length} files`}:{' '}
                {diff.files.map((file) => (
                  <code key={file}>{file} </code>
                ))}
              </p>
              <DiffView diff={diff.diff} label={`Proposed change for ${finding.id}`} />
            </>
          ) : null}
        </>
      ) : null}

      <h3>Verify</h3>
      <VerifyPanel
        finding={finding}
        root={props.root}
        trusted={props.trusted}
        job={props.job}
        again={change !== null}
        error={props.verifyError}
        onVerify={props.onVerify}
        onCancel={props.onCancel}
        onTrust={props.onTrust}
      />
      {change ? (
        <VerdictView
          key={change.id}
          change={change}
          deciding={props.deciding}
          error={props.decisionError}
          onKeep={(merge) => props.onKeep(change.id, merge)}
          onDiscard={() => props.onDiscard(change.id)}
        />
      ) : null}
    </article>
  );
}
