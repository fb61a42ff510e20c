import { signedPercent } from '../../../../shared/format';
import { formatMeasure } from '../../../../shared/format-result';
import { MIN_SAMPLES_FOR_CI } from '../../../../shared/schemas/bench';
import type { MetricVerdict } from '../../../../shared/schemas/tune';

type Side = MetricVerdict['baseline'];

function position(value: number, max: number): string {
  return `${Math.max(0, Math.min(100, (value / max) * 100))}%`;
}

function interval(side: Side, unit: string): string {
  if (side.low === side.high) return side.n === 1 ? 'exact' : 'no spread';
  // Below 6 samples no distribution-free CI of the median exists: the whisker is the sample's min–max.
  const what = side.n < MIN_SAMPLES_FOR_CI ? `range (n < ${MIN_SAMPLES_FOR_CI})` : '95 % CI';
  return `${what} ${formatMeasure(side.low, unit)}–${formatMeasure(side.high, unit)}`;
}

/** Green and red only for a decided change; inconclusive gets the neutral amber, never either. */
const VERDICT_CLASS: Record<MetricVerdict['verdict'], string> = {
  better: 'verdict-faster',
  worse: 'verdict-slower',
  same: 'verdict-same',
  inconclusive: 'verdict-inconclusive',
};

function Bar({ label, side, unit, max, kind }: { label: string; side: Side; unit: string; max: number; kind: string }) {
  return (
    <div className="ba-row">
      <span className="ba-label">{label}</span>
      <span className="ba-track" aria-hidden="true">
        <span className={`ba-bar ba-${kind}`} style={{ width: position(side.median, max) }} />
        {side.high > side.low ? (
          <span
            className="ba-whisker"
            style={{
              left: position(side.low, max),
              width: `calc(${position(side.high, max)} - ${position(side.low, max)})`,
            }}
          />
        ) : null}
      </span>
      <span className="ba-value">
        <strong>{formatMeasure(side.median, unit)}</strong>{' '}
        <span className="muted">
          ({interval(side, unit)}, n={side.n})
        </span>
      </span>
    </div>
  );
}

/**
 * Baseline against candidate for one metric: the medians as bars from zero, their 95 % CIs as
 * whiskers, then the relative change with its own CI and p-value. All of it is text as well.
 */
export function BeforeAfterBars({ metric }: { metric: MetricVerdict }) {
  const max =
    Math.max(metric.baseline.high, metric.candidate.high, metric.baseline.median, metric.candidate.median) * 1.08 || 1;
  const change =
    metric.pValue === null
      ? `${signedPercent(metric.change)} (exact)`
      : `${signedPercent(metric.change)} (95 % CI ${signedPercent(metric.ciLow)} to ${signedPercent(metric.ciHigh)}, p = ${metric.pValue < 0.001 ? '< 0.001' : metric.pValue.toPrecision(2)})`;
  const label = `${metric.title} (${metric.unit}): before ${formatMeasure(metric.baseline.median, metric.unit)} n=${metric.baseline.n}, after ${formatMeasure(metric.candidate.median, metric.unit)} n=${metric.candidate.n}, change ${change}, ${metric.verdict}${metric.reason ? `: ${metric.reason}` : ''}`;
  return (
    <figure className="before-after" aria-label={label}>
      <figcaption>
        <span className="chart-title">{metric.title}</span>
        <span className="muted small">
          {metric.metric} · {metric.unit}, lower is better
        </span>
      </figcaption>
      <Bar label="before" side={metric.baseline} unit={metric.unit} max={max} kind="before" />
      <Bar label="after" side={metric.candidate} unit={metric.unit} max={max} kind="after" />
      <p className="ba-change small">
        change {change} → <span className={VERDICT_CLASS[metric.verdict]}>{metric.verdict}</span>
      </p>
      {metric.verdict === 'inconclusive' ? (
        // The reason in view, not only in a tooltip: an inconclusive verdict is only honest when the reader sees why.
        <p className="small">
          <strong className="verdict-inconclusive">Why inconclusive:</strong>{' '}
          {metric.reason ?? 'the comparison cannot be decided'}
        </p>
      ) : null}
    </figure>
  );
}
