/** Maps a data interval onto a pixel interval; a degenerate domain maps to the middle. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value: number): number => (span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** Log10 scale; callers clamp to positive values first (a latency or a throughput is never ≤ 0). */
export function logScale(domain: readonly [number, number], range: readonly [number, number]) {
  const linear = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  return (value: number): number => linear(Math.log10(value));
}

/** Round tick values (1, 2, 5 × 10^k) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const rough = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** The domain niceTicks would label, widened to whole steps so the top tick sits on the frame. */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  const ticks = niceTicks(min, max, count);
  if (ticks.length < 2) return [min, max];
  const step = ticks[1]! - ticks[0]!;
  return [Math.floor(min / step) * step, Math.ceil(max / step - 1e-9) * step];
}

/** Decades within [min, max], plus 2× and 5× when the range spans less than two decades. */
export function logTicks(min: number, max: number): number[] {
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const multiples = Math.log10(max / min) <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = low; e <= high; e += 1) {
    for (const m of multiples) {
      const t = Number((m * 10 ** e).toPrecision(12));
      if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) ticks.push(t);
    }
  }
  return ticks;
}

/** Coordinates with one decimal: plenty for the eye, and it keeps the document small. */
export function px(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
