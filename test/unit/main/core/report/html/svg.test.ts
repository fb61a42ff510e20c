import { describe, expect, it } from 'vitest';
import { summarize } from '../../../../../../src/main/core/bench/stats/summary';
import { comparisonBars, type ComparisonBarRow } from '../../../../../../src/main/core/report/html/svg/comparison-bars';
import { logTicks, niceDomain, niceTicks } from '../../../../../../src/main/core/report/html/svg/scale';
import {
  displayDots,
  MAX_DOTS,
  stripPlot,
  thinSorted,
} from '../../../../../../src/main/core/report/html/svg/strip-plot';
import { noisySamples } from './fixtures';

describe('scales', () => {
  it('picks round linear ticks and a domain that ends on one', () => {
    expect(niceTicks(0, 455)).toEqual([0, 100, 200, 300, 400]);
    expect(niceDomain(0, 455)).toEqual([0, 500]);
  });

  it('labels decades on log axes, with 2× and 5× when the range is short', () => {
    expect(logTicks(0.7, 40)).toEqual([1, 2, 5, 10, 20]);
    expect(logTicks(0.5, 5000)).toEqual([1, 10, 100, 1000]);
  });
});

describe('strip plot', () => {
  it('thins to at most MAX_DOTS by order statistics, keeping both extremes', () => {
    const sorted = Array.from({ length: 5000 }, (_, i) => i);
    const thinned = thinSorted(sorted, MAX_DOTS);
    expect(thinned).toHaveLength(MAX_DOTS);
    expect(thinned[0]).toBe(0);
    expect(thinned.at(-1)).toBe(4999);
  });

  it('shows every outlier of a large sample set, and never more than MAX_DOTS dots', () => {
    const samples = noisySamples(100, 4000, 7);
    const summary = summarize(samples);
    const { inliers, outliers } = displayDots(samples, summary);
    const flagged = new Set([...summary.outliers.mild, ...summary.outliers.severe]).size;
    expect(flagged).toBeGreaterThan(0);
    expect(outliers).toHaveLength(Math.min(flagged, MAX_DOTS / 3));
    expect(inliers.length + outliers.length).toBeLessThanOrEqual(MAX_DOTS);

    const svg = stripPlot(samples, summary, 'ns').html;
    expect(svg.match(/h0/g)?.length).toBe(inliers.length + outliers.length);
    expect(svg).toContain('class="strip-outlier"');
    expect(svg).toContain(`aria-label="4000 samples from`);
    expect(svg).toContain(`dots shown`);
  });

  it('draws a run of fewer than 6 samples without a CI band of zero width', () => {
    const samples = [1, 2, 3];
    const svg = stripPlot(samples, summarize(samples), 's').html;
    expect(svg).toContain('no CI (n&lt;6)');
    expect(svg).toMatch(/class="strip-ci"[^>]*width="1.5"/);
  });
});

describe('comparison bars', () => {
  const row = (title: string, verdict: ComparisonBarRow['verdict'], reason?: string): ComparisonBarRow => ({
    title,
    unit: 'ms',
    direction: 'lower-is-better',
    verdict,
    change: -0.1,
    base: { value: 100, ci: null, n: 20 },
    head: { value: 90, ci: null, n: 20 },
    ...(reason ? { reason } : {}),
  });

  it('draws an inconclusive change hollow, never green or red, with the reason in its tooltip and a legend key', () => {
    const svg = comparisonBars('bars', [row('a', 'inconclusive', 'one round per run & no floor')]).html;
    expect(svg).not.toMatch(/verdict-(faster|slower)/);
    expect(svg).toContain('<rect\n      class="bar-head verdict-inconclusive"');
    expect(svg).toContain('head 90.0 % (n=20), inconclusive: one round per run &amp; no floor</title');
    expect(svg).toContain('-10.0 % inconclusive · n 20/20');
    expect(svg).toMatch(
      /<rect class="bar-head verdict-inconclusive" x="380"[^>]*\/><text x="396" y="2"\s*>head, inconclusive</,
    );
  });

  it('keys the hollow bar only when one is drawn', () => {
    const svg = comparisonBars('bars', [row('a', 'faster'), row('b', 'no significant change')]).html;
    expect(svg).toContain('class="bar-head verdict-faster"');
    expect(svg).not.toContain('inconclusive');
  });
});
