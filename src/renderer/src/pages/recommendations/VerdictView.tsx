import { useState } from 'react';
import type { AppliedChange, OverallVerdict } from '../../../../shared/schemas/tune';
import { BeforeAfterBars } from '../../components/charts/BeforeAfterBars';

type Tone = 'good' | 'bad' | 'neutral' | 'inconclusive';

const OVERALL: Record<OverallVerdict, { label: string; tone: Tone }> = {
  improved: { label: 'improved', tone: 'good' },
  'no-change': { label: 'no measurable change', tone: 'neutral' },
  inconclusive: { label: 'inconclusive', tone: 'inconclusive' },
  regressed: { label: 'regressed', tone: 'bad' },
  'broke-build': { label: 'broke the build', tone: 'bad' },
  'broke-tests': { label: 'broke the tests', tone: 'bad' },
};

/** Inconclusive gets the app's amber (badge-unknown), never green, red or the grey of "no change". */
const TONE_CLASS: Record<Tone, string> = {
  good: 'tone-good',
  bad: 'tone-bad',
  neutral: 'tone-neutral',
  inconclusive: 'badge-unknown',
};

export function overallLabel(change: AppliedChange): string {
  return change.verification ? OVERALL[change.verification.overall].label : change.status;
}

interface Props {
  change: AppliedChange;
  deciding: boolean;
  error?: string | null;
  onKeep?: (merge: boolean) => void;
  onDiscard?: () => void;
}

/** What verification measured, and the decision it asks for: keep (optionally merge) or discard. */
export function VerdictView({ change, deciding, error, onKeep, onDiscard }: Props) {
  const [merge, setMerge] = useState(false);
  const v = change.verification;
  const tone: Tone = v ? OVERALL[v.overall].tone : change.status === 'failed' ? 'bad' : 'neutral';
  const broken = v?.overall === 'broke-build' || v?.overall === 'broke-tests';
  const mergeId = `merge-${change.id}`;
  return (
    <section className="verdict" aria-label={`Verdict of change #${change.id}`}>
      <header className="verdict-header">
        <span className={`verdict-badge ${TONE_CLASS[tone]}`}>{overallLabel(change)}</span>
        <span className="small muted">
          change #{change.id} · {change.status}
          {change.branch ? (
            <>
              {' '}
              · branch <code>{change.branch}</code>
            </>
          ) : null}
          {change.commit ? (
            <>
              {' '}
              · commit <code>{change.commit.slice(0, 10)}</code>
            </>
          ) : null}
        </span>
      </header>
      {v ? <p className="verdict-summary">{v.summary}</p> : null}
      {change.note ? <p className={change.status === 'failed' ? 'error small' : 'small'}>{change.note}</p> : null}
      {change.merged ? <p className="small">{change.merged}</p> : null}
      {v && v.metrics.length > 0 ? (
        <div className="before-after-list">
          {v.metrics.map((metric) => (
            <BeforeAfterBars key={`${metric.metric}-${metric.title}`} metric={metric} />
          ))}
        </div>
      ) : v ? (
        <p className="muted small">No metric was measured (see the warnings).</p>
      ) : null}
      {v ? (
        <p className="small">
          Tests:{' '}
          {!v.tests.ran ? (
            <span className="muted">not run{v.tests.command ? ` (${v.tests.command})` : ' (no test command)'}</span>
          ) : v.tests.passed ? (
            <span className="verdict-faster">passed</span>
          ) : (
            <span className="verdict-slower">failed</span>
          )}
          {v.tests.ran && v.tests.command ? (
            <>
              {' '}
              · <code>{v.tests.command}</code>
            </>
          ) : null}
        </p>
      ) : null}
      {v && v.tests.output && v.tests.passed === false ? (
        <details>
          <summary>Test output</summary>
          <pre className="output">{v.tests.output}</pre>
        </details>
      ) : null}
      {v && v.warnings.length > 0 ? (
        <ul className="verdict-warnings small" aria-label="Verification warnings">
          {v.warnings.map((warning) => (
            <li key={warning} className="warn">
              {warning}
            </li>
          ))}
        </ul>
      ) : null}
      {change.status === 'verified' && onKeep && onDiscard ? (
        <div className="decision">
          <label htmlFor={mergeId} className="checkbox">
            <input id={mergeId} type="checkbox" checked={merge} onChange={(e) => setMerge(e.target.checked)} />
            Bring into my current branch
          </label>
          <p className="small muted">
            Keep commits the change on {change.branch ? <code>{change.branch}</code> : 'its branch'}
            {change.branch ? '' : ' (without git: writes the files, with a backup)'}; ticked, it is also fast-forwarded
            or cherry-picked into the branch you have checked out.
          </p>
          <div className="toolbar">
            <button
              type="button"
              className="primary"
              disabled={deciding || broken}
              aria-describedby={broken ? `${mergeId}-why` : undefined}
              onClick={() => onKeep(merge)}
            >
              Keep
            </button>
            <button type="button" disabled={deciding} onClick={onDiscard}>
              Discard
            </button>
            {deciding ? <span className="small muted">Working…</span> : null}
          </div>
          {error ? (
            <p className="error small" role="alert">
              {error}
            </p>
          ) : null}
          {broken ? (
            <p id={`${mergeId}-why`} className="small warn">
              A change that broke the build or the tests cannot be kept: discard it.
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
