import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCudaTool } from '../../../../../../src/main/core/inference/cuda/run-cuda-tool';
import { CUDA_TOOL_NAME } from '../../../../../../src/main/core/inference/cuda/tool-path';
import { RECORDED_DIR } from '../../../../../helpers/fake-tools';

const REPO = fileURLToPath(new URL('../../../../../../', import.meta.url));
const BUILD_SCRIPT = join(REPO, 'scripts', 'build-cuda.mjs');

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// The same places scripts/build-cuda.mjs looks in.
const nvcc = process.env.TUNEBENCH_NVCC
  ? executable(process.env.TUNEBENCH_NVCC)
  : [...(process.env.PATH ?? '').split(delimiter), '/usr/local/cuda/bin'].some((dir) => executable(join(dir, 'nvcc')));
// With an NVIDIA driver present tb-cuda would measure a real GPU: the "no device" expectations do not apply.
const hasNvidiaDriver = existsSync('/dev/nvidiactl') || existsSync('/proc/driver/nvidia/version');

describe('scripts/build-cuda.mjs without nvcc', () => {
  it('prints one clear line and exits 0, or 1 with --strict', () => {
    // CI exports TUNEBENCH_CUDA_STRICT=1; the lenient case must not inherit it.
    const env = { ...process.env, TUNEBENCH_NVCC: join(tmpdir(), 'no-such-nvcc'), TUNEBENCH_CUDA_STRICT: '' };
    const lenient = spawnSync(process.execPath, [BUILD_SCRIPT], { env, encoding: 'utf8' });
    expect(lenient.status).toBe(0);
    expect(lenient.stderr.trim()).toBe('tunebench: CUDA tool not built (nvcc not found); CUDA benchmarks unavailable');
    const strict = spawnSync(process.execPath, [BUILD_SCRIPT], { env: { ...env, TUNEBENCH_CUDA_STRICT: '1' } });
    expect(strict.status).toBe(1);
  });
});

// Building takes ~7 s on 2 cores (6 SASS targets + PTX); done once for both tests below.
describe.skipIf(!nvcc)('tb-cuda built with nvcc (skipped: nvcc not found on PATH or in /usr/local/cuda/bin)', () => {
  let outDir = '';
  let build: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'tb-cuda-build-'));
    build = spawnSync(process.execPath, [BUILD_SCRIPT, '--strict', '--out', outDir], { encoding: 'utf8' });
  }, 300_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('compiles the CUDA source (--strict: any failure fails the build)', () => {
    expect(build.status, `${String(build.stdout)}${String(build.stderr)}`).toBe(0);
    expect(String(build.stdout)).toMatch(/CUDA tool built in [\d.]+ s/);
    expect(executable(join(outDir, CUDA_TOOL_NAME))).toBe(true);
  });

  it.skipIf(hasNvidiaDriver)(
    'reports absent with the CUDA runtime error text on a machine without a driver',
    async () => {
      const run = await runCudaTool({ toolPath: join(outDir, CUDA_TOOL_NAME), quick: true });
      // Recorded on this workplace (no GPU, no libcuda): see test/fixtures/recorded/cuda/README.md.
      const recording = readFileSync(join(RECORDED_DIR, 'cuda', 'tb-cuda-no-driver-this-machine.json'), 'utf8');
      expect(run.status).toBe('absent');
      expect(run.reason).toBe('cudaGetDeviceCount: CUDA driver version is insufficient for CUDA runtime version');
      expect(run.report).toEqual(JSON.parse(recording));
    },
  );
});
