import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  ComparisonTable,
  verdictBasis,
  verdictCounts,
} from '../../../src/renderer/src/pages/benchmarks/ComparisonTable';
import type { Comparison, RunComparison } from '../../../src/shared/schemas/bench';

const REASON =
  'one round per run and no noise floor for this benchmark on this machine yet (1 of 3 earlier runs with the same settings): repeat the run, or run both with --rounds 5';

function comparison(overrides: Partial<Comparison>): Comparison {
  return {
    relativeChange: -0.1,
    ci: [-0.12, -0.08],
    pValue: 0.0001,
    hodgesLehmann: -1,
    verdict: 'faster',
    alpha: 0.05,
    noiseThreshold: 0.02,
    ...overrides,
  };
}

function runComparison(rows: Comparison[]): RunComparison {
  return {
    baseRunId: 1,
    headRunId: 2,
    rows: rows.map((c, i) => ({
      id: `bench-${i}`,
      title: `Bench ${i}`,
      unit: 'ms',
      direction: 'lower-is-better',
      baseMedian: 10,
      headMedian: 9,
      baseN: 20,
      headN: 20,
      comparison: c,
    })),
    geomeanTimeRatio: 0.9,
    onlyInBase: [],
    onlyInHead: [],
    warnings: [],
  };
}

const render = (value: RunComparison) => renderToStaticMarkup(createElement(ComparisonTable, { comparison: value }));

/** The markup of one benchmark's row and, when it has one, the note row under it. */
function rowOf(markup: string, title: string): string {
  const start = markup.indexOf(`<th scope="row">${title}</th>`);
  const next = markup.indexOf('<th scope="row">', start + 1);
  return markup.slice(markup.lastIndexOf('<tr', start), next === -1 ? markup.indexOf('</tbody>') : next);
}

describe('ComparisonTable', () => {
  it('writes a reason several rows share once, under the table, and numbers the rows that have it', () => {
    const busy = 'the base run was disturbed (machine busy: other processes used 68 % of the CPU during the run)';
    const markup = render(
      runComparison([
        comparison({ verdict: 'inconclusive', reason: busy }),
        comparison({ verdict: 'inconclusive', reason: busy }),
        comparison({ verdict: 'inconclusive', reason: REASON }),
      ]),
    );
    expect(markup.split(busy)).toHaveLength(2 + 2); // once in the footnote, and in the two cells' titles
    expect(markup).toMatch(/<ol class="verdict-footnotes small" aria-label="Why rows are inconclusive">/);
    expect(rowOf(markup, 'Bench 0')).toContain('inconclusive<sup> [1]</sup>');
    expect(rowOf(markup, 'Bench 0')).not.toContain('verdict-note');
    // A reason only one row has stays under that row.
    expect(rowOf(markup, 'Bench 2')).toContain('class="verdict-note"');
  });

  it('shows an inconclusive verdict in amber with its reason under the row, never as faster or slower', () => {
    const markup = render(runComparison([comparison({ verdict: 'inconclusive', reason: REASON, basis: 'samples' })]));
    const row = rowOf(markup, 'Bench 0');
    expect(row).not.toMatch(/verdict-(faster|slower|same)/);
    expect(row).toMatch(
      /<td class="verdict-inconclusive" title="[^"]*--rounds 5" aria-describedby="([^"]+)">inconclusive<\/td>/,
    );
    // Visible, not only in the tooltip: a row of its own that the verdict cell points to.
    const describedBy = /aria-describedby="([^"]+)"/.exec(row)![1]!;
    // React writes colSpan as is; HTML attribute names are case-insensitive.
    expect(row).toContain(
      `<tr class="verdict-note"><td colSpan="6" id="${describedBy}"><strong class="verdict-inconclusive">Why inconclusive:</strong> ${REASON}</td></tr>`,
    );
    expect(row).toContain('<tr class="has-note">');
  });

  it('says what a decided verdict rests on: rounds and the noise floor it had to clear', () => {
    const markup = render(
      runComparison([comparison({ verdict: 'slower', basis: 'rounds', noiseFloor: { relative: 0.041, runs: 6 } })]),
    );
    const row = rowOf(markup, 'Bench 0');
    expect(row).toContain(
      '<td class="verdict-slower">slower<span class="verdict-basis">over rounds · noise floor ±4.1 % from 6 runs</span></td>',
    );
    expect(row).not.toContain('verdict-note');
    expect(row).not.toContain('title=');
  });

  it('counts every verdict, inconclusive apart from no significant change', () => {
    const value = runComparison([
      comparison({ verdict: 'faster' }),
      comparison({ verdict: 'no significant change' }),
      comparison({ verdict: 'inconclusive', reason: REASON }),
      comparison({ verdict: 'inconclusive', reason: REASON }),
    ]);
    expect(verdictCounts(value)).toEqual({ faster: 1, slower: 0, 'no significant change': 1, inconclusive: 2 });
    const counts = /<p class="small" data-testid="comparison-counts">(.*?)<\/p>/.exec(render(value))![1]!;
    expect(counts.replace(/<[^>]+>/g, '')).toBe('1 faster · 0 slower · 1 no significant change · 2 inconclusive');
    expect(counts).toContain('<span class="verdict-inconclusive">2 inconclusive</span>');
  });

  it('adds nothing for plain samples without a floor', () => {
    expect(verdictBasis(comparison({ basis: 'samples', noiseFloor: null }))).toBeNull();
    expect(verdictBasis(comparison({}))).toBeNull();
  });
});
