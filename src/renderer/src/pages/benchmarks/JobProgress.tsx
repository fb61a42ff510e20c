import { useEffect, useMemo, useState } from 'react';
import { Card } from '../../components/Card';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { useBench } from '../../stores/bench';
import { etaSeconds } from '../../stores/bench-rules';
import { useTelemetry } from '../../stores/telemetry';
import { cpuRows, windowSize } from '../../stores/telemetry-window';

/** The chart shows the last minute, whatever the telemetry rate. */
const WINDOW_SECONDS = 60;

/**
 * Pads a live number with figure spaces (as wide as a digit in tabular figures) so a summary keeps
 * its width while the number grows from 9.5 to 100.0.
 */
function fixedWidth(text: string, width: number): string {
  return text.padStart(width, '\u2007');
}

/** Live CPU load while a suite runs: a busy machine shows here before it shows in the warnings. */
function LiveLoad() {
  const { samples, status, hz, start, stop } = useTelemetry();
  useEffect(() => {
    // No rate given: the store's, which follows the telemetry rate in Settings / TUNEBENCH_TELEMETRY_HZ.
    void start();
    return () => {
      void stop();
    };
  }, [start, stop]);
  // The rate the sampler reports once running (a settings change moves a running stream), else the one asked for.
  const rate = status?.running ? status.hz : hz;
  const rows = useMemo(() => cpuRows(samples.slice(-windowSize(rate, WINDOW_SECONDS))), [samples, rate]);
  const last = samples.at(-1);
  return (
    <TimeSeriesChart
      title="CPU while the suite runs"
      unit="%"
      yDomain={[0, 100]}
      rows={rows}
      summary={
        last
          ? `total ${fixedWidth(last.cpu.totalPct.toFixed(1), 5)} %, ${fixedWidth(String(rows.length), 3)} samples at ${rate} Hz`
          : 'waiting for telemetry'
      }
      series={[{ key: 'total', label: 'total', color: 'var(--accent)', width: 2 }]}
    />
  );
}

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
      {/* One line of fixed-width parts, so each update rewrites text in place instead of moving it. */}
      <p className="small job-progress-line" data-testid="job-progress">
        <span className="job-progress-step">{step ? `${step.title} — ${step.description ?? ''}` : 'starting…'}</span>
        <span className="job-progress-figures">
          <span className="live-num live-num-3">{Math.round(value * 100)}</span> % ·{' '}
          <span className="live-num live-num-3">{active.resultsSoFar}</span> results ·{' '}
          <span className="job-progress-eta">{eta !== null ? `about ${eta} s left` : 'estimating…'}</span>
        </span>
      </p>
      <div className="live-charts">
        <LiveLoad />
      </div>
    </Card>
  );
}
