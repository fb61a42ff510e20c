import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/main/core/report/load';
import { assertBuilt, runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

async function exportRun(home: string, file: string, command: string): Promise<void> {
  const result = await runCli(
    ['bench', 'run', '--runs', '12', '--warmup', '2', '--export-json', file, command],
    { TUNEBENCH_HOME: home },
    60_000,
  );
  if (result.code !== 0) throw new Error(`bench run failed: ${result.stderr}`);
}

describe('tunebench compare on real runs', () => {
  /**
   * Measures two commands interleaved (A B B A …, so load on this 2-core machine hits both) in 5 rounds (fresh
   * workers), and splits the one run into a base and a head export with the same benchmark ids: two separate
   * runs to `compare`, which decides over their rounds.
   */
  async function interleavedPair(dir: string, base: string, head: string): Promise<[string, string]> {
    const both = join(dir, `${head}.json`);
    const result = await runCli(
      ['bench', 'run', '--runs', '12', '--warmup', '2', '--rounds', '5', '--export-json', both, base, '--vs', head],
      { TUNEBENCH_HOME: tempDir() },
      60_000,
    );
    if (result.code !== 0) throw new Error(`bench run failed: ${result.stderr}`);
    const run = JSON.parse(readFileSync(both, 'utf8'));
    // The two sides ran interleaved in the same workers, so a busy machine hit both alike; the "machine busy"
    // flag it leaves would (rightly) make separate runs inconclusive, so it is kept only where a test asks.
    const side = (prefix: string, keepFlags: boolean) => ({
      ...run,
      results: run.results
        .filter((r: { id: string }) => r.id.startsWith(prefix))
        .map((r: { id: string; warnings: string[] }) => ({
          ...r,
          id: r.id.replace(/^\d+-[^:]*/, 'cmd'),
          warnings: keepFlags ? r.warnings : r.warnings.filter((w) => !w.startsWith('machine busy')),
        })),
    });
    const [basePath, headPath] = [join(dir, `base-${head}.json`), join(dir, `head-${head}.json`)];
    writeFileSync(basePath, JSON.stringify(side('1-', false)));
    writeFileSync(headPath, JSON.stringify(side('2-', false)));
    return [basePath, headPath];
  }

  it('exits 0 for two runs of the same code and 1 on an injected 2× regression', async () => {
    const dir = tempDir();
    const [a, b] = await interleavedPair(dir, 'sleep 0.02', 'sleep 0.020');
    const same = await runCli(['compare', a, b, '--fail-if-slower', '5%'], {});
    expect(same.code).toBe(0);

    // Round medians of a 20 ms sleep spread by ±20 % on this 2-core machine when it is loaded (seen: 22.9–32.6 ms
    // over 5 rounds at load 5), so the injected regression is 2×: decided over rounds however busy the machine is.
    const [base, slow] = await interleavedPair(dir, 'sleep 0.02', 'sleep 0.04');
    const worse = await runCli(
      ['compare', base, slow, '--fail-if-slower', '5%', '--markdown', join(dir, 'summary.md')],
      {},
    );
    expect(worse.code).toBe(1);
    expect(worse.stdout).toMatch(/\+\d+\.\d % \[.*slower \[1\]/);
    expect(worse.stdout).toContain('[1] tested over 5 rounds (their medians)');
    expect(worse.stderr).toMatch(/budget broken: sleep 0\.04 is \d+\.\d % slower \(limit 5\.0 %\)/);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('🔴 slower');

    // A run flagged busy decides nothing, and so breaks no budget.
    const flagged = JSON.parse(readFileSync(slow, 'utf8'));
    flagged.results[0].warnings.push(
      'machine busy: other processes used 80 % of the CPU during the run (benchmark itself 20 %)',
    );
    writeFileSync(slow, JSON.stringify(flagged));
    const busy = await runCli(['compare', base, slow, '--fail-if-slower', '5%'], {});
    expect(busy.code).toBe(0);
    expect(busy.stdout).toMatch(
      /\[1\] inconclusive: the head run was disturbed \(machine busy: other processes used 80 %/,
    );
  }, 120_000);

  it('refuses unreadable, invalid and future reports with exit 2, and warns loudly across machines', async () => {
    const dir = tempDir();
    const home = tempDir();
    const a = join(dir, 'a.json');
    await exportRun(home, a, 'sleep 0.01');
    const reportPath = join(dir, 'report.json');
    const written = await runCli(['report', 'latest', '--format', 'json', '-o', reportPath], { TUNEBENCH_HOME: home });
    expect(written.code).toBe(0);
    const report = loadReport(readFileSync(reportPath, 'utf8'));
    expect(report.machine).not.toBeNull();

    const missing = await runCli(['compare', a, join(dir, 'nope.json')], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: ENOENT/);

    const future = join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ ...report, version: 99 }));
    const refused = await runCli(['compare', reportPath, future], {});
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/report schema version 99 is newer/);

    const other = join(dir, 'other-machine.json');
    writeFileSync(
      other,
      JSON.stringify({ ...report, machine: { ...report.machine, fingerprint: 'ffffffffffffffff' } }),
    );
    const across = await runCli(['compare', reportPath, other], {});
    expect(across.code).toBe(0);
    expect(across.stderr).toContain('DIFFERENT MACHINES');
    expect(across.stdout).toMatch(/inconclusive \[1\]/);
    expect(across.stdout).toMatch(/\[1\] inconclusive: the runs come from different machines/);
  }, 120_000);
});

describe('tunebench ci', () => {
  it('refuses a missing baseline file or a bad --noise with exit 2 before running anything', async () => {
    const home = tempDir();
    const missing = await runCli(['ci', '--baseline-file', join(tempDir(), 'base.json')], { TUNEBENCH_HOME: home });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^tunebench ci: .*base\.json/);
    const noise = await runCli(['ci', '--noise', 'lots'], { TUNEBENCH_HOME: home });
    expect(noise.code).toBe(2);
    expect(noise.stderr).toMatch(/"lots" is not a percentage/);
  });
});

describe('tunebench report', () => {
  it('writes HTML, Markdown, CSV and JSON of a stored run', async () => {
    const home = tempDir();
    const dir = tempDir();
    await exportRun(home, join(dir, 'x.json'), 'sleep 0.01');
    for (const format of ['html', 'md', 'csv', 'json']) {
      const out = join(dir, `r.${format}`);
      const result = await runCli(['report', 'latest', '--format', format, '-o', out], { TUNEBENCH_HOME: home });
      expect(result.code).toBe(0);
      expect(readFileSync(out, 'utf8').length).toBeGreaterThan(100);
    }
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    const noOut = await runCli(['report', 'latest', '--format', 'html'], { TUNEBENCH_HOME: home });
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toMatch(/--format html needs -o <file>/);
  }, 120_000);
});
