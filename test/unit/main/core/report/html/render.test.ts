import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../../../../src/main/core/bench/compare-runs';
import { buildReport } from '../../../../../../src/main/core/report/build';
import { renderHtmlReport } from '../../../../../../src/main/core/report/html';
import { escapeHtml } from '../../../../../../src/main/core/report/html/html';
import type { Run } from '../../../../../../src/shared/schemas/bench';
import { cpuRun, machine, noisySamples, result, run, twoRunReport } from './fixtures';
import { unbalancedTags } from './well-formed';

const count = (text: string, needle: string | RegExp) =>
  typeof needle === 'string' ? text.split(needle).length - 1 : (text.match(needle) ?? []).length;

describe('renderHtmlReport', () => {
  it('is one self-contained, well-formed document that can load nothing', () => {
    const page = renderHtmlReport(twoRunReport());
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toMatch(
      /<meta\s+http-equiv="Content-Security-Policy"\s+content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/,
    );
    expect(unbalancedTags(page)).toEqual([]);
    expect(page).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(/i);
    // Every src/href stays inside the document: in-page anchors only.
    for (const [, target] of page.matchAll(/\b(?:src|href)="([^"]*)"/g)) expect(target).toMatch(/^#/);
  });

  it('puts the summary on top: machine, versions, every run, the comparison counts and geomean', () => {
    // A noise floor from history lets single-round runs decide (without one, every verdict would be inconclusive).
    const base = cpuRun(1, 11);
    const head = cpuRun(2, 23, 1.1);
    const report = twoRunReport({
      project: { root: '/src/app', commit: 'abc1234', branch: 'main', dirty: true },
      comparisons: [
        compareRuns(base, head, { floors: () => ({ floor: { relative: 0.01, runs: 6 }, historyRuns: 6 }) }),
      ],
    });
    const page = renderHtmlReport(report);
    const summary = page.slice(0, page.indexOf('id="comparison-1"'));
    expect(summary).toContain('AMD EPYC 9B14');
    expect(summary).toContain('8 cores / 16 threads');
    expect(summary).toContain('64.0 GiB RAM');
    expect(summary).toContain('no NVIDIA GPU (no NVIDIA driver: nvidia-smi not found on PATH)');
    expect(summary).toContain('f00dfeed12345678');
    expect(summary).toContain('abc1234');
    expect(summary).toContain(`tunebench ${report.tool.version}`);
    expect(summary).toMatch(/<a href="#run-1">#1 CPU quick<\/a>/);
    expect(summary).toMatch(/<a href="#run-2">#2 CPU quick<\/a>/);

    const comparison = report.comparisons[0]!;
    const verdicts = comparison.rows.map((r) => r.comparison.verdict);
    // The head is 10 % faster on every benchmark with 24 samples each: the statistics must see it.
    expect(verdicts.filter((v) => v === 'faster').length).toBeGreaterThan(0);
    const row = /<tr>\s*<td>\s*<a href="#comparison-1">[\s\S]*?<\/tr>/.exec(summary)![0];
    const cells = [...row.matchAll(/<td class="num[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]!.trim());
    expect(cells.slice(0, 4)).toEqual(
      ['faster', 'slower', 'no significant change', 'inconclusive'].map((v) =>
        String(verdicts.filter((x) => x === v).length),
      ),
    );
    expect(cells[4]).toContain(`×${comparison.geomeanTimeRatio!.toFixed(3)}`);
    // The floor each verdict had to clear is shown next to it.
    expect(page).toMatch(/class="verdict-faster"[^>]*>faster<span class="id basis">noise floor ±1\.0 % from 6 runs</);
  });

  it('shows an inconclusive verdict in amber with its reason under the row, never as faster or slower', () => {
    // Two single-round runs and no history: the runs cannot decide, even though the head is 10 % faster.
    const report = twoRunReport();
    const comparison = report.comparisons[0]!;
    expect(comparison.rows.every((r) => r.comparison.verdict === 'inconclusive')).toBe(true);
    const reason = comparison.rows[0]!.comparison.reason!;
    expect(reason).toContain('one round per run');
    const page = renderHtmlReport(report);
    const section = page.slice(page.indexOf('id="comparison-1"'));
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)![1]!;
    expect(body).not.toMatch(/verdict-(faster|slower|same)/);
    expect(count(body, /<td class="verdict-inconclusive" title="[^"]+">inconclusive<\/td>/g)).toBe(
      comparison.rows.length,
    );
    // The reason is visible in a row of its own (escaped like everything else), and in the cell's tooltip.
    const escaped = escapeHtml(reason);
    expect(count(body, /<tr class="has-note">/g)).toBe(comparison.rows.length);
    expect(body).toContain(
      `<tr class="verdict-note">\n    <td colspan="6"><strong class="verdict-inconclusive">Why inconclusive:</strong> ${escaped}</td>`,
    );
    expect(body).toContain(`title="${escaped}"`);
    // Counted apart, in the section and in the overview.
    const rows = comparison.rows.length;
    expect(section).toMatch(
      new RegExp(
        `0 faster</span> ·\\s*<span class="verdict-slower">0 slower</span> ·\\s*<span class="verdict-same">0 no significant change \\(~\\)</span> ·\\s*<span class="verdict-inconclusive">${rows} inconclusive</span>`,
      ),
    );
    expect(page).toMatch(new RegExp(`<td class="num verdict-inconclusive">${rows}</td>`));
    // The bars: hollow, keyed in the legend, the reason in each row's tooltip.
    expect(count(section, /class="bar-head verdict-inconclusive"/g)).toBe(rows + 1);
    expect(section).toContain('head, inconclusive');
    expect(section).toContain(`inconclusive: ${escaped}</title`);
    expect(unbalancedTags(page)).toEqual([]);
  });

  it('says a verdict rests on rounds, and how many, when it does', () => {
    const withRounds = (r: Run): Run => ({
      ...r,
      results: r.results.map((x) => ({
        ...x,
        rounds: Array.from({ length: 5 }, () => ({ median: x.summary.median, n: 5 })),
      })),
    });
    const report = twoRunReport();
    const base = withRounds(report.runs[0]!);
    const head = withRounds(report.runs[1]!);
    const original = report.comparisons[0]!;
    const comparison = {
      ...original,
      rows: original.rows.map((row) => ({
        ...row,
        comparison: {
          ...row.comparison,
          verdict: 'faster' as const,
          basis: 'rounds' as const,
          reason: undefined,
          noiseFloor: { relative: 0.041, runs: 6 },
        },
      })),
    };
    const page = renderHtmlReport({ ...report, runs: [base, head], comparisons: [comparison] });
    expect(
      count(
        page,
        /<td class="verdict-faster" title="faster">faster<span class="id basis">over 5 rounds · noise floor ±4\.1 % from 6 runs<\/span><\/td>/g,
      ),
    ).toBe(comparison.rows.length);
    expect(page).not.toContain('<tr class="verdict-note">');
    // Without the runs, the count of rounds is unknown: still "over rounds".
    const alone = renderHtmlReport({ ...report, runs: [], comparisons: [comparison] });
    expect(alone).toContain('<span class="id basis">over rounds · noise floor ±4.1 % from 6 runs</span>');
  });

  it('draws every chart: strip plots, latency and scaling curves per run, and the before/after bars', () => {
    const report = twoRunReport();
    const page = renderHtmlReport(report);
    const results = report.runs.reduce((sum, r) => sum + r.results.length, 0);
    expect(count(page, /<svg\s+class="strip"/g)).toBe(results);
    expect(count(page, 'data-chart="latency"')).toBe(2);
    expect(count(page, 'data-chart="scaling"')).toBe(2);
    expect(count(page, 'data-chart="comparison"')).toBe(1);
    expect(count(page, /<svg\s+class="chart-svg/g)).toBe(5);
    // The ideal line from 1 thread, on both scaling charts.
    expect(count(page, 'polyline class="reference"')).toBe(2);
    expect(page).toContain('ideal (1 thread × n)');
    // Every figure names its unit, its sample counts and its spread.
    expect(page).toContain('Memory latency vs working set (ns)');
    expect(page).toContain('GEMM thread scaling (GFLOP/s)');
    expect(page).toMatch(/4 sizes, 96 samples; whiskers: 95 % CI of the median/);
    expect(page).toMatch(/n 24\/24/);
    // benchstat-style rows: base (n), head (n), change with CI, p, verdict.
    expect(page).toMatch(/220 GFLOP\/s \(24\)<\/td>\s*<td class="num">\s*24\d GFLOP\/s \(24\)/);
    expect(page).toMatch(/\+10\.\d % \[\+\d+\.\d %, \+\d+\.\d %\]/);
  });

  it('leaves out curves a run did not measure', () => {
    const page = renderHtmlReport(
      buildReport({
        machine: machine(),
        runs: [run(1, [result('sort', 'sort', {}, 'M elements/s', 'higher-is-better', noisySamples(10, 12, 1))])],
      }),
    );
    expect(page).not.toContain('data-chart=');
    expect(count(page, /<svg\s+class="strip"/g)).toBe(1);
  });

  it('draws inference throughput by batch size, one figure per model · precision · device', () => {
    const infer = (precision: string, batch: number, ms: number) =>
      result(
        `infer-mlp-${precision}-cpu-b${batch}`,
        `MLP ${precision} batch ${batch}`,
        { modelPath: `/m/mlp-${precision}.onnx`, precision, device: 'cpu', batch },
        'ms',
        'lower-is-better',
        noisySamples(ms, 20, 2),
      );
    const page = renderHtmlReport(
      buildReport({
        machine: machine(),
        runs: [run(1, [infer('fp32', 1, 1), infer('fp32', 8, 4), infer('int8', 1, 0.5), infer('int8', 8, 1.5)])],
      }),
    );
    expect(count(page, 'data-chart="throughput-batch"')).toBe(2);
    expect(page).toContain('Throughput by batch: mlp · FP32 · cpu (items/s)');
    expect(page).toMatch(/2 batch sizes, 40 samples; whiskers: 95 % CI of the median/);
    expect(unbalancedTags(page)).toEqual([]);
  });

  it('names the OpenVINO module once per run, with a badge when TUNEBENCH_OPENVINO_MODULE set it', () => {
    const ov = (device: string, batch: number, extras: Record<string, string | number>) => ({
      ...result(
        `infer-mlp-fp32-${device}-b${batch}`,
        `MLP on ${device}, batch ${batch}`,
        { modelPath: '/m/mlp-fp32.onnx', precision: 'fp32', device, batch },
        'ms',
        'lower-is-better',
        noisySamples(1, 12, batch),
      ),
      extras,
    });
    const custom = {
      'execution devices': 'CPU',
      'OpenVINO version': '2026.4.0-custom',
      'OpenVINO module': '/home/me/openvino/bin/<node>/index.js',
      'custom OpenVINO module': 'TUNEBENCH_OPENVINO_MODULE',
    };
    const page = renderHtmlReport(
      buildReport({
        machine: machine(),
        runs: [
          run(1, [ov('openvino-cpu', 1, custom), ov('openvino-cpu', 8, custom)], { kind: 'inference', name: 'OV' }),
          run(2, [
            ov('openvino-npu', 1, {
              'OpenVINO version': '2026.4.0',
              'OpenVINO module': '/app/node_modules/openvino-node/lib/index.js',
            }),
          ]),
        ],
      }),
    );
    const run1 = page.slice(page.indexOf('id="run-1"'), page.indexOf('id="run-2"'));
    const run2 = page.slice(page.indexOf('id="run-2"'));
    // One line per run, not per row: the rows' notes leave the module out.
    expect(count(run1, 'class="small openvino-runtime"')).toBe(1);
    expect(run1).toContain('OpenVINO 2026.4.0-custom from <code>/home/me/openvino/bin/&lt;node&gt;/index.js</code>');
    expect(run1).toMatch(
      /<span class="badge" style="[^"]*" title="\/home\/me\/openvino\/bin\/&lt;node&gt;\/index.js \(set by TUNEBENCH_OPENVINO_MODULE\)"\s*>custom OpenVINO module<\/span/,
    );
    expect(run1).not.toContain('<li>OpenVINO module:');
    expect(run1).toContain('<li>execution devices: CPU</li>');
    expect(run2).toContain('OpenVINO 2026.4.0 from <code>/app/node_modules/openvino-node/lib/index.js</code>');
    expect(run2).not.toContain('custom OpenVINO module');
    expect(unbalancedTags(page)).toEqual([]);
  });

  it('escapes every user-controlled string', () => {
    const attack = '<img src=x onerror=alert(1)>';
    const base = run(
      1,
      [
        {
          ...result(`cmd:${attack}`, attack, { cmd: attack }, attack, 'lower-is-better', noisySamples(1, 12, 3)),
          warnings: [attack],
          extras: { [attack]: attack },
        },
      ],
      {
        kind: 'command',
        name: `</style><script>alert(1)</script>`,
        settings: { preset: attack, level: 'basic', options: { command: `"><svg onload=alert(1)>` } },
        failures: [{ id: attack, title: attack, error: attack }],
        warnings: [attack],
        error: attack,
        status: 'failed',
      },
    );
    const head = { ...base, id: 2, fingerprint: `${attack}` };
    const page = renderHtmlReport(
      buildReport({
        machine: machine({ cpu: { ...machine().cpu, model: attack } }),
        runs: [base, head],
        comparisons: [compareRuns(base, head)],
        project: { root: attack, commit: attack, branch: attack, dirty: false },
      }),
    );
    expect(page).not.toMatch(/<img|<script|<svg onload|onerror=alert\(1\)>/);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(count(page, '<style>')).toBe(1);
    expect(unbalancedTags(page)).toEqual([]);
  });

  it('shows failures, telemetry and a comparison across machines loudly', () => {
    const base = cpuRun(1, 5, 1, 24, {
      failures: [{ id: 'stream-triad', title: 'STREAM triad', error: 'worker exited with code 134' }],
      telemetry: {
        samples: 42,
        cpuMeanPct: 51.2,
        cpuMaxPct: 99.6,
        memoryMaxUsedBytes: 3 * 2 ** 30,
        cpuMaxTemperatureC: 71,
        gpuMaxPowerW: null,
        gpuMaxTemperatureC: null,
      },
    });
    const head = cpuRun(2, 6, 1, 24, { fingerprint: 'another-machine' });
    const page = renderHtmlReport(
      buildReport({ machine: machine(), runs: [base, head], comparisons: [compareRuns(base, head)] }),
    );
    expect(page).toMatch(
      /role="alert"[\s\S]*?1 benchmark\s+failed[\s\S]*?STREAM triad[\s\S]*?worker exited with code 134/,
    );
    expect(page).toMatch(
      /role="alert"[\s\S]*?Runs from another machine:[\s\S]*?#2 CPU quick \(fingerprint another-machine\)/,
    );
    expect(page).toMatch(/role="alert"[\s\S]*?Read with care[\s\S]*?the runs come from different machines/);
    expect(page).toMatch(/<dt>samples<\/dt>\s*<dd>42<\/dd>/);
    expect(page).toMatch(/<dt>CPU mean \/ max<\/dt>\s*<dd>51 % \/ 100 %<\/dd>/);
    expect(page).toMatch(/<dt>max memory in use<\/dt>\s*<dd>3.0 GiB<\/dd>/);
    expect(page).toMatch(/<dt>max GPU power<\/dt>\s*<dd>not measured<\/dd>/);
  });

  it('lists benchmarks present on one side only', () => {
    const base = cpuRun(1, 5);
    const head = run(
      2,
      cpuRun(2, 6).results.filter((r) => r.id !== 'sort'),
    );
    const extra = result('hash', 'xxhash', {}, 'GB/s', 'higher-is-better', noisySamples(5, 12, 2));
    head.results.push(extra);
    const page = renderHtmlReport(
      buildReport({ machine: null, runs: [base, head], comparisons: [compareRuns(base, head)] }),
    );
    expect(page).toMatch(/Only in base<\/strong>\s*\(not compared\):\s*<code>sort<\/code>/);
    expect(page).toMatch(/Only in head<\/strong>\s*\(not compared\):\s*<code>hash<\/code>/);
  });

  it('renders a report without a machine', () => {
    const page = renderHtmlReport(twoRunReport({ machine: null }));
    expect(page).toContain('Machine not recorded');
    expect(page).not.toContain('Runs from another machine');
    expect(unbalancedTags(page)).toEqual([]);
  });

  it('stays under 3 MB with 10,000 samples, drawing at most 300 dots per benchmark', () => {
    // Two runs × 7 benchmarks × ~715 samples ≈ 10,000 samples, plus their comparison.
    const base = cpuRun(1, 101, 1, 715);
    const head = cpuRun(2, 202, 1.05, 715);
    const report = buildReport({ machine: machine(), runs: [base, head], comparisons: [compareRuns(base, head)] });
    const samples = report.runs.reduce((sum, r) => sum + r.results.reduce((s, x) => s + x.samples.length, 0), 0);
    expect(samples).toBeGreaterThanOrEqual(10_000);
    const page = renderHtmlReport(report);
    expect(Buffer.byteLength(page)).toBeLessThan(3 * 2 ** 20);
    for (const [svg] of page.matchAll(/<svg\s+class="strip"[\s\S]*?<\/svg>/g)) {
      expect(count(svg, /h0/g)).toBeLessThanOrEqual(300);
      expect(svg).toContain('715 samples');
    }
  });
});
