import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunSchema } from '../../../src/shared/schemas/bench';
import { assertBuilt, REPO_ROOT, runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
beforeAll(() => assertBuilt());

/** A PATH with node and nothing else: no cc, c++, g++ or make, as on a machine without build tools. */
function pathWithOnlyNode(): string {
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  return bin;
}

describe('a machine without a C++ compiler', () => {
  it('installs anyway: the native build says what is missing and exits 0 (1 with --strict)', () => {
    const env = { ...process.env, PATH: pathWithOnlyNode(), TUNEBENCH_NATIVE_STRICT: '' };
    const lenient = spawnSync(process.execPath, ['scripts/build-native.mjs'], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
    });
    expect(lenient.status).toBe(0);
    expect(`${lenient.stdout}${lenient.stderr}`).toContain(
      'tunebench: native CPU kernels not built (no C++ compiler found: install g++/build-essential); JS-only benchmarks still run',
    );
    const strict = spawnSync(process.execPath, ['scripts/build-native.mjs', '--strict'], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
    });
    expect(strict.status).toBe(1);
  });

  it('still runs the JS benchmarks when the native kernels are missing, and says why the others are not there', async () => {
    const result = await runCli(
      ['bench', 'cpu', '--quick', '--only', 'sort,json-parse', '--json'],
      {
        TUNEBENCH_HOME: tempDir(),
        TUNEBENCH_NATIVE_DIR: tempDir(), // a folder without tunebench_cpu.node
      },
      120_000,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/native CPU kernels are not built: run `npm run build:native`/);
    const run = RunSchema.parse(JSON.parse(result.stdout));
    expect(run.results.map((r) => r.id).sort()).toEqual(['json-parse', 'sort']);
    expect(run.settings.options.native).toBe(false);
  }, 150_000);
});
