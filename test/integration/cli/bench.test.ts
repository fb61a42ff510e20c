import os from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { ComparisonSchema, RunSchema } from '../../../src/shared/schemas/bench';
import { assertBuilt, runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

describe('tunebench bench run (command benchmarks)', () => {
  it('times a 20 ms command with wall, user, system and peak RSS, and keeps every sample', async () => {
    const home = tempDir();
    const result = await runCli(
      ['bench', 'run', '--json', '--runs', '8', '--warmup', '1', 'sleep 0.02'],
      { TUNEBENCH_HOME: home },
      60_000,
    );
    expect(result.code).toBe(0);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    const wall = run.results.find((r) => r.unit === 'ms' && !r.id.includes(':'))!;
    expect(wall.samples).toHaveLength(8);
    expect(wall.summary.median).toBeGreaterThan(19);
    expect(wall.summary.median).toBeLessThan(40);
    expect(run.results.map((r) => r.id.split(':')[1] ?? 'wall').sort()).toEqual(['rss', 'sys', 'user', 'wall']);
    expect(String(wall.extras.shell)).toMatch(/spawn [\d.]+ ms subtracted/);
  });

  it('measures --vs commands interleaved and says which was faster', async () => {
    const result = await runCli(
      ['bench', 'run', '--runs', '8', '--warmup', '1', 'sleep 0.01', '--vs', 'sleep 0.03'],
      { TUNEBENCH_HOME: tempDir() },
      60_000,
    );
    expect(result.code).toBe(0);
    // 30 ms against 10 ms of sleep plus ~1 ms of start-up each: about 2.7×, less when a loaded machine stretches both.
    expect(result.stdout).toMatch(
      /sleep 0.01 ran\n\s+[1-3]\.\d\d times faster than sleep 0.03 \(95 % CI [\d.]+–[\d.]+, p [^)]*\)/,
    );
  });

  it('--vs --json carries the comparison it prints: change, CI, p and verdict per pair', async () => {
    const result = await runCli(
      ['bench', 'run', '--json', '--runs', '8', '--warmup', '1', 'sleep 0.01', '--vs', 'sleep 0.05'],
      { TUNEBENCH_HOME: tempDir() },
      60_000,
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      run: unknown;
      versus: Array<{ fastest: { title: string }; other: { title: string }; ratio: number; comparison: unknown }>;
    };
    RunSchema.parse(output.run);
    expect(output.versus).toHaveLength(1);
    const [pair] = output.versus;
    expect(pair).toMatchObject({ fastest: { title: 'sleep 0.01' }, other: { title: 'sleep 0.05' } });
    expect(pair!.ratio).toBeGreaterThan(1.5);
    const comparison = ComparisonSchema.parse(pair!.comparison);
    expect(comparison).toMatchObject({ verdict: 'slower', basis: 'samples' });
    expect(comparison.ci[0]).toBeGreaterThan(0);
  });

  it('peak RSS reflects what the command allocates', async () => {
    const result = await runCli(
      [
        'bench',
        'run',
        '--json',
        '--runs',
        '6',
        '--warmup',
        '0',
        '--no-shell',
        '--',
        process.execPath,
        '-e',
        'Buffer.alloc(150*2**20).fill(1)',
      ],
      { TUNEBENCH_HOME: tempDir() },
      60_000,
    );
    expect(result.code).toBe(0);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    const rss = run.results.find((r) => r.id.endsWith(':rss'))!;
    expect(rss.unit).toBe('MiB');
    expect(rss.summary.median).toBeGreaterThan(150);
  });

  it('fails clearly for a missing command, a non-zero exit and a hang, and the run is stored as failed', async () => {
    const home = tempDir();
    const missing = await runCli(['bench', 'run', '--no-shell', '--', 'no-such-command-xyz'], { TUNEBENCH_HOME: home });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/"no-such-command-xyz" could not be started: ENOENT/);
    const failing = await runCli(['bench', 'run', 'exit 3'], { TUNEBENCH_HOME: home });
    expect(failing.stdout).toMatch(/exited with code 3 \(use --ignore-failure/);
    const hanging = await runCli(['bench', 'run', '--timeout', '0.3', 'sleep 30'], { TUNEBENCH_HOME: home });
    expect(hanging.stdout).toMatch(/"sleep 30" did not finish within 300 ms/);
    const list = await runCli(['bench', 'list'], { TUNEBENCH_HOME: home });
    expect(list.stdout.match(/failed/g)).toHaveLength(3);
  });

  it('runs prepare and cleanup around every timed run, untimed', async () => {
    const dir = tempDir();
    const result = await runCli(
      [
        'bench',
        'run',
        '--json',
        '--runs',
        '6',
        '--warmup',
        '0',
        '--prepare',
        `echo p >> ${dir}/log`,
        '--cleanup',
        `echo c >> ${dir}/log`,
        'true',
      ],
      { TUNEBENCH_HOME: tempDir() },
    );
    expect(result.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(`${dir}/log`, 'utf8')).toBe('p\nc\n'.repeat(6));
  });
});

describe('tunebench bench cpu', () => {
  it('runs selected CPU benchmarks in workers, stores them, saves a baseline and compares with it', async () => {
    const home = tempDir();
    const first = await runCli(
      ['bench', 'cpu', '--quick', '--only', 'gemm,latency-16384,sort', '--save-baseline', 'before', '--json'],
      { TUNEBENCH_HOME: home },
      120_000,
    );
    expect(first.code).toBe(0);
    const run = RunSchema.parse(JSON.parse(first.stdout));
    const ids = run.results.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['gemm-512-t1', 'latency-16384', 'sort']));
    if (os.cpus().length > 1) expect(ids).toContain(`gemm-512-t${os.cpus().length}`);
    const gemm = run.results.find((r) => r.id === 'gemm-512-t1')!;
    expect(gemm.unit).toBe('GFLOP/s');
    expect(gemm.summary.median).toBeGreaterThan(1);
    expect(gemm.summary.n).toBeGreaterThanOrEqual(10);

    const second = await runCli(
      ['bench', 'cpu', '--quick', '--only', 'sort', '--baseline', 'before'],
      { TUNEBENCH_HOME: home },
      120_000,
    );
    expect(second.code).toBe(0);
    // Two single-round runs and no history yet: separate runs cannot decide, and the table says why, once (after
    // "the base run was disturbed (machine busy…)" when this shared machine is loaded).
    expect(second.stdout).toMatch(/Float64Array sort .* inconclusive \[1\]/);
    expect(second.stdout).toMatch(/\[1\] inconclusive: .*one round per run and no noise floor .*\(0 of 3 earlier runs/);
    expect(second.stdout).toMatch(/only in base: .*gemm-512-t1/);
  });

  it('refuses an --only that matches nothing, listing the ids', async () => {
    const result = await runCli(['bench', 'cpu', '--only', 'nothing'], { TUNEBENCH_HOME: tempDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no benchmark id starts with nothing; ids: .*sort/);
  });
});
