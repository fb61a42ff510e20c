import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiMethods } from '../../../src/shared/contract';
import { MEMORY_EXTRAS } from '../../../src/shared/inference-extras';
import { RunSchema } from '../../../src/shared/schemas/bench';
import { assertBuilt, runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

describe('tunebench bench inference --tune (real onnxruntime, CPU)', () => {
  it('prints the best configuration per objective with its gain over the defaults and both snippets, and writes the JSON', async () => {
    const home = tempDir();
    const output = join(tempDir(), 'best.json');
    const result = await runCli(
      [
        'bench',
        'inference',
        '--tune',
        '--model',
        'builtin:mlp',
        '--precision',
        'fp32,int8',
        '--tune-budget',
        '6',
        '-o',
        output,
      ],
      { TUNEBENCH_HOME: home },
      120_000,
    );
    expect(result.stderr).toMatch(/written: .*best\.json/);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^Tuned builtin:mlp in [\d.]+ s \(budget 6 s\): \d+ measurements of \d+ configurations/);
    expect(out).toContain('Latency: p50 of one session.run at batch 1');
    expect(out).toContain('Throughput: inferences per second');
    // Each figure with its spread and n, the defaults beside it, and the change with its CI.
    expect(out).toMatch(/measured: [\d.]+ ms \(95% CI [\d.]+–[\d.]+\), n=\d+/);
    expect(out).toMatch(/defaults: [\d.]+ ms \(95% CI [\d.]+–[\d.]+\), n=\d+/);
    expect(out).toMatch(/measured: [\d.]+ items\/s \(IQR [\d.]+–[\d.]+\), n=\d+/);
    expect(out).toMatch(/gain: +[\d.]+× \([+−]?[\d.]+ %, 95% CI [+−]?[\d.]+ % to [+−]?[\d.]+ %, Mann–Whitney p=/);
    expect(out).toMatch(/peak RSS through the first inference: [\d.]+ MiB \(one reading\)/);
    expect(out).toContain("import * as ort from 'onnxruntime-node';");
    expect(out).toContain('await ort.InferenceSession.create(');
    expect(out).toContain('options = ort.SessionOptions()');
    expect(out).toMatch(
      /options\.graph_optimization_level = ort\.GraphOptimizationLevel\.ORT_(DISABLE_ALL|ENABLE_\w+)/,
    );

    expect(existsSync(output)).toBe(true);
    const file = apiMethods['bench.tuning'].output.parse(JSON.parse(readFileSync(output, 'utf8')));
    expect(file.objectives).toEqual(['latency', 'throughput']);
    expect(file.best.latency?.snippets.python).toContain('providers=["CPUExecutionProvider"]');
    expect(file.candidates.some((c) => c.isDefault && c.objective === 'latency')).toBe(true);
    expect(new Set(file.candidates.map((c) => c.candidate.precision))).toEqual(new Set(['fp32', 'int8']));
  }, 150_000);

  it('prints the whole result as JSON for one objective, and refuses two models or an unknown objective', async () => {
    const home = tempDir();
    const json = await runCli(
      [
        'bench',
        'inference',
        '--tune',
        '--model',
        'builtin:mlp',
        '--objective',
        'latency',
        '--tune-budget',
        '3',
        '--json',
      ],
      { TUNEBENCH_HOME: home },
      120_000,
    );
    expect(json.code).toBe(0);
    const result = apiMethods['bench.tuning'].output.parse(JSON.parse(json.stdout));
    expect(result.objectives).toEqual(['latency']);
    expect(result.best.throughput).toBeUndefined();
    expect(result.best.latency!.gain.metric).toBe('p50 latency');

    const two = await runCli(['bench', 'inference', '--tune', '--model', 'builtin:mlp', '--model', 'builtin:cnn'], {
      TUNEBENCH_HOME: home,
    });
    expect(two.code).not.toBe(0);
    expect(two.stderr).toMatch(/one model at a time/);
    const bad = await runCli(['bench', 'inference', '--tune', '--objective', 'fast'], { TUNEBENCH_HOME: home });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/must be latency, throughput or both/);
  }, 150_000);
});

describe('tunebench bench inference --parallel', () => {
  it('measures each concurrency level as its own result, with its own peak memory and node placement', async () => {
    const result = await runCli(
      ['bench', 'inference', '--model', 'builtin:mlp', '--batch', '4', '--parallel', '1,2', '--json'],
      { TUNEBENCH_HOME: tempDir() },
      180_000,
    );
    expect(result.code).toBe(0);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    expect(run.results.map((r) => r.id)).toEqual(['infer-mlp-fp32-cpu-b4', 'infer-mlp-fp32-cpu-b4-p2']);
    const [single, double] = run.results;
    expect(single!.extras['concurrent requests']).toBeUndefined();
    expect(double!.extras['concurrent requests']).toBe(2);
    expect(double!.title).toMatch(/batch 4, 2 concurrent requests$/);
    // Each result runs in a process of its own; the 2 worker threads load the 16 MiB MLP once more
    // each, and that shows in the inference's own peak (read before the checks load theirs).
    const added = (r: typeof single) => Number(r!.extras[MEMORY_EXTRAS.model]);
    expect(added(single)).toBeGreaterThan(10);
    expect(added(double)).toBeGreaterThan(added(single) + 16);
    for (const r of run.results) {
      expect(Number(r.extras[MEMORY_EXTRAS.process])).toBeGreaterThanOrEqual(
        Number(r.extras[MEMORY_EXTRAS.throughFirstInference]),
      );
      expect(r.extras['node placement']).toMatch(/^\d+ nodes: \d+ on CPUExecutionProvider$/);
      expect(r.summary.n).toBeGreaterThanOrEqual(30);
    }
  }, 200_000);
});
