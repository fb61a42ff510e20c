import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunSchema } from '../../../src/shared/schemas/bench';
import { TelemetrySampleSchema } from '../../../src/shared/schemas/telemetry';
import { assertBuilt, runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

/** The cheapest run that records its level: six timed runs of `true`, no shell, no warm-up. */
const QUICK_RUN = ['bench', 'run', '--json', '--runs', '6', '--warmup', '0', '--no-shell', '--', 'true'];

async function recordedLevel(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runCli(args, env, 60_000);
  expect(result.code, result.stderr).toBe(0);
  return RunSchema.parse(JSON.parse(result.stdout)).settings.level;
}

/** Median gap between consecutive telemetry samples, in milliseconds. */
async function sampleGapMs(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const result = await runCli(['hw', '--watch', '--json', ...args], env, 30_000);
  expect(result.code, result.stderr).toBe(0);
  const times = result.stdout
    .trim()
    .split('\n')
    .map((line) => TelemetrySampleSchema.parse(JSON.parse(line)).t);
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i]!)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

describe('CLI defaults come from the settings in force', () => {
  it('TUNEBENCH_LEVEL=moderate sets the level of a CPU suite run; an explicit --level basic still wins', async () => {
    const env = { TUNEBENCH_HOME: tempDir(), TUNEBENCH_LEVEL: 'moderate' };
    expect(await recordedLevel(['bench', 'cpu', '--quick', '--only', 'json-parse', '--json'], env)).toBe('moderate');
    expect(await recordedLevel(QUICK_RUN, env)).toBe('moderate');
    expect(await recordedLevel([...QUICK_RUN.slice(0, 2), '--level', 'basic', ...QUICK_RUN.slice(2)], env)).toBe(
      'basic',
    );
  });

  it('a settings.json with level aggressive does the same, and TUNEBENCH_LEVEL wins over the file', async () => {
    const home = tempDir();
    writeFileSync(join(home, 'settings.json'), `${JSON.stringify({ level: 'aggressive' })}\n`);
    expect(await recordedLevel(QUICK_RUN, { TUNEBENCH_HOME: home, TUNEBENCH_LEVEL: '' })).toBe('aggressive');
    expect(await recordedLevel(QUICK_RUN, { TUNEBENCH_HOME: home, TUNEBENCH_LEVEL: 'basic' })).toBe('basic');
  });

  it('--help names where each default comes from and what it is now', async () => {
    const home = tempDir();
    writeFileSync(join(home, 'settings.json'), `${JSON.stringify({ level: 'aggressive', telemetryHz: 5 })}\n`);
    const env = { TUNEBENCH_HOME: home, TUNEBENCH_LEVEL: '', TUNEBENCH_TELEMETRY_HZ: '' };
    const help = async (args: string[]) => {
      const result = await runCli([...args, '--help'], env);
      expect(result.code).toBe(0);
      // Help is wrapped at 80 columns: compare the words, not the line breaks.
      return result.stdout.replace(/\s+/g, ' ');
    };
    const level = '(default: the level in Settings / TUNEBENCH_LEVEL, now aggressive)';
    expect(await help(['bench', 'cpu'])).toContain(level);
    expect(await help(['bench', 'run'])).toContain(level);
    expect(await help(['bench', 'inference'])).toContain(level);
    expect(await help(['tune'])).toContain(
      '(default: the highest risk the level in Settings / TUNEBENCH_LEVEL suggests, now risky (aggressive))',
    );
    expect(await help(['hw'])).toContain(
      '(default: the telemetry rate in Settings / TUNEBENCH_TELEMETRY_HZ, now 5 Hz)',
    );
  });

  it('hw --watch samples at TUNEBENCH_TELEMETRY_HZ unless --hz is given', async () => {
    const env = { TUNEBENCH_HOME: tempDir(), TUNEBENCH_TELEMETRY_HZ: '10' };
    const atSetting = await sampleGapMs(['--count', '5'], env);
    // 10 Hz is a sample every 100 ms; the old fixed default (2 Hz) would be 500 ms.
    expect(atSetting).toBeGreaterThan(60);
    expect(atSetting).toBeLessThan(250);
    const explicit = await sampleGapMs(['--hz', '2', '--count', '3'], env);
    expect(explicit).toBeGreaterThan(400);
  });

  it('a bad TUNEBENCH_* value is warned about once on stderr, and the default applies', async () => {
    const env = { TUNEBENCH_HOME: tempDir(), TUNEBENCH_LEVEL: 'ludicrous', TUNEBENCH_TELEMETRY_HZ: '50' };
    const result = await runCli(QUICK_RUN, env, 60_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.match(/TUNEBENCH_LEVEL="ludicrous" is not valid/g)).toHaveLength(1);
    expect(result.stderr.match(/TUNEBENCH_TELEMETRY_HZ="50" is not valid/g)).toHaveLength(1);
    expect(RunSchema.parse(JSON.parse(result.stdout)).settings.level).toBe('basic');

    // --help shows the fallback default, and says why it is not the value set.
    const help = await runCli(['bench', 'cpu', '--help'], env);
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('(default: the level in Settings / TUNEBENCH_LEVEL, now basic)');
    expect(text).toMatch(
      /Settings warnings \(the defaults above fall back where a value was refused\): .*TUNEBENCH_LEVEL="ludicrous" is not valid/,
    );
    const clean = await runCli(['bench', 'cpu', '--help'], { TUNEBENCH_HOME: tempDir(), TUNEBENCH_LEVEL: 'basic' });
    expect(clean.stdout).not.toMatch(/Settings warnings/);
  });
});
