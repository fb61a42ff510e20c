import type { Summary } from '../../../../shared/schemas/bench';

const WIDTH = 180;
const HEIGHT = 26;
const MAX_DOTS = 300;

/** Evenly spaced order statistics: a display-only thinning of large sample sets (statistics use them all). */
function thin(sorted: number[]): number[] {
  if (sorted.length <= MAX_DOTS) return sorted;
  return Array.from({ length: MAX_DOTS }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (MAX_DOTS - 1))]!);
}

/**
 * Every sample as a dot on one axis (min … max), the median as a bar and its 95 % CI as a band:
 * the distribution at a glance, outliers visible rather than averaged away.
 */
export function StripPlot({ samples, summary, unit }: { samples: number[]; summary: Summary; unit: string }) {
  const sorted = [...samples].sort((a, b) => a - b);
  const span = summary.max - summary.min || Math.abs(summary.median) || 1;
  const x = (value: number) => 4 + ((value - summary.min) / span) * (WIDTH - 8);
  const [low, high] = summary.medianCi ?? [summary.median, summary.median];
  const outliers = new Set([...summary.outliers.mild, ...summary.outliers.severe].map((i) => samples[i]));
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={`${summary.n} samples from ${summary.min.toPrecision(3)} to ${summary.max.toPrecision(3)} ${unit}, median ${summary.median.toPrecision(3)}`}
      className="strip"
    >
      <rect x={x(low)} y={4} width={Math.max(1, x(high) - x(low))} height={HEIGHT - 8} className="strip-ci" />
      {thin(sorted).map((value, i) => (
        <circle
          key={i}
          cx={x(value)}
          cy={HEIGHT / 2 + ((i % 5) - 2) * 2}
          r={1.6}
          className={outliers.has(value) ? 'strip-outlier' : 'strip-dot'}
        />
      ))}
      <line x1={x(summary.median)} x2={x(summary.median)} y1={2} y2={HEIGHT - 2} className="strip-median" />
    </svg>
  );
}
