import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCudaToolOutput } from '../../../../../../src/main/core/inference/cuda/report';
import { runCudaTool } from '../../../../../../src/main/core/inference/cuda/run-cuda-tool';
import { CUDA_TOOL_NAME, cudaToolPath } from '../../../../../../src/main/core/inference/cuda/tool-path';
import { RECORDED_DIR } from '../../../../../helpers/fake-tools';

// A real child process replaying recorded-derived JSON or misbehaving like a faulting GPU (see its header).
const FAKE_TB_CUDA = fileURLToPath(new URL('./fake-tb-cuda.mjs', import.meta.url));
const recorded = (file: string): string => readFileSync(join(RECORDED_DIR, 'cuda', file), 'utf8');

function fake(env: Record<string, string>, timeoutMs?: number) {
  return runCudaTool({ toolPath: FAKE_TB_CUDA, env: { ...process.env, ...env }, timeoutMs });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('runCudaTool', () => {
  it('reports a present device with the full report', async () => {
    const run = await fake({ FAKE_CUDA: 'replay', FAKE_CUDA_JSON: 'rtx4090-derived.json' });
    expect(run.status).toBe('present');
    expect(run.reason).toBe('');
    expect(run.report).toEqual(parseCudaToolOutput(recorded('rtx4090-derived.json')));
  });

  it('reports exit code 3 with no devices as absent, with the CUDA runtime error text', async () => {
    const run = await fake({ FAKE_CUDA: 'replay', FAKE_CUDA_JSON: 'no-device-derived.json', FAKE_CUDA_EXIT: '3' });
    expect(run).toMatchObject({
      status: 'absent',
      reason: 'cudaGetDeviceCount: no CUDA-capable device is detected',
    });
    expect(run.report?.devices).toEqual([]);
  });

  it('reports a hang as unknown after the timeout, and stops the tool', async () => {
    const started = Date.now();
    const run = await fake({ FAKE_CUDA: 'hang' }, 500);
    expect(run.status).toBe('unknown');
    expect(run.reason).toMatch(/^tb-cuda timed out: no result within 500 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reports a crash as unknown, naming the signal', async () => {
    const run = await fake({ FAKE_CUDA: 'crash' });
    expect(run.status).toBe('unknown');
    expect(run.reason).toMatch(/^tb-cuda crashed: killed by SIGSEGV/);
    expect(run.report).toBeNull();
  });

  it('reports truncated output as unknown with the parse error', async () => {
    const run = await fake({ FAKE_CUDA: 'truncated', FAKE_CUDA_JSON: 'rtx4090-derived.json' });
    expect(run.status).toBe('unknown');
    expect(run.reason).toMatch(/^tb-cuda exited with code 0 and tb-cuda output: not valid JSON/);
  });

  it('reports a missing binary as absent: the tool is not built', async () => {
    const run = await runCudaTool({ toolPath: '/nonexistent/tb-cuda' });
    expect(run).toEqual({
      status: 'absent',
      reason: 'CUDA tool not built (needs nvcc: node scripts/build-cuda.mjs); CUDA benchmarks unavailable',
      report: null,
    });
  });
});

describe('cudaToolPath', () => {
  it('finds native/cuda/build/tb-cuda by walking up to the repository', () => {
    vi.stubEnv('TUNEBENCH_CUDA_TOOL', '');
    const repo = fileURLToPath(new URL('../../../../../../', import.meta.url));
    expect(cudaToolPath()).toBe(join(repo, 'native', 'cuda', 'build', CUDA_TOOL_NAME));
  });

  it('lets TUNEBENCH_CUDA_TOOL name the binary', () => {
    vi.stubEnv('TUNEBENCH_CUDA_TOOL', '/opt/tunebench/tb-cuda');
    expect(cudaToolPath()).toBe('/opt/tunebench/tb-cuda');
  });
});
