import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
// Replays JSON whose every value comes from recorded deviceQuery/bandwidthTest outputs of an RTX 4090
// (test/fixtures/recorded/cuda/README.md): this machine has nvcc but no GPU.
const FAKE_TOOL = fileURLToPath(new URL('../../unit/main/core/inference/cuda/fake-tb-cuda.mjs', import.meta.url));
beforeAll(() => assertBuilt());

describe('tunebench bench cuda / npu', () => {
  it('runs the real CUDA tool and reports plainly what this machine has', async () => {
    const result = await runCli(['bench', 'cuda'], { TUNEBENCH_HOME: tempDir() }, 180_000);
    if (result.code === 0) expect(result.stdout).toMatch(/^GPU 0: /);
    else {
      expect(result.code).toBe(3);
      expect(result.stdout).toMatch(/^CUDA: absent: /);
    }
  }, 200_000);

  it('prints bandwidths with units from a recorded GPU, and dashes where nothing was measured', async () => {
    const result = await runCli(['bench', 'cuda'], { TUNEBENCH_HOME: tempDir(), TUNEBENCH_CUDA_TOOL: FAKE_TOOL });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/GPU 0: NVIDIA GeForce RTX 4090 \(compute 8\.9, 128 SMs\)/);
    expect(result.stdout).toMatch(/device→device [\d.]+ GB\/s/);
    expect(result.stdout).toMatch(/pageable –/);
  });

  it('says why there is no NPU', async () => {
    const result = await runCli(['bench', 'npu'], { TUNEBENCH_HOME: tempDir() });
    if (result.code === 3) expect(result.stdout).toMatch(/^NPU: (absent|unknown): /);
    else expect(result.stdout).toMatch(/^NPU present/);
  });
});
