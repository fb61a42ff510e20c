import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectNvidia } from '../../../src/main/core/hardware/nvidia/gpu-profile';
import { GpuProfileSchema, NvidiaSectionSchema } from '../../../src/shared/schemas/hardware';
import { FAKE_NVIDIA_SMI } from '../../helpers/fake-tools';
import { useTempDirs } from '../../helpers/temp-dir';

// collectNvidia runs the fake nvidia-smi as a real child process; it inherits process.env.
const FAKE_VARS = ['FAKE_SMI_XML', 'FAKE_SMI_FAIL', 'FAKE_SMI_NO_QUERY', 'FAKE_SMI_OLD_DRIVER'] as const;
const saved = Object.fromEntries(FAKE_VARS.map((name) => [name, process.env[name]]));

function setEnv(vars: Partial<Record<(typeof FAKE_VARS)[number], string>>): void {
  for (const name of FAKE_VARS) delete process.env[name];
  Object.assign(process.env, vars);
}

afterEach(() => {
  for (const name of FAKE_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('collectNvidia with the fake nvidia-smi', () => {
  const tempDir = useTempDirs();

  it('dual RTX A5000: present, both GPUs, versions from the XML', async () => {
    setEnv({ FAKE_SMI_XML: 'q-x-dual-rtx-a5000.xml', FAKE_SMI_NO_QUERY: '1' });
    const profile = await collectNvidia(FAKE_NVIDIA_SMI);
    expect(NvidiaSectionSchema.parse(profile.nvidia)).toEqual({
      status: 'present',
      reason: '',
      driverVersion: '590.44.01',
      cudaVersion: '13.1',
    });
    expect(profile.gpus.map((gpu) => [gpu.index, gpu.name, gpu.uuid, gpu.vramTotalMiB, gpu.powerLimitW])).toEqual([
      [0, 'NVIDIA RTX A5000', 'GPU-12345678-aaaa-bbbb-cccc-0123456789ab', 24564, 230],
      [1, 'NVIDIA RTX A5000', 'GPU-12345678-aaaa-bbbb-cccc-0123456789cd', 24564, 230],
    ]);
    // The XML has no compute capability and the CSV query fails: unknown, not guessed.
    expect(profile.gpus.map((gpu) => gpu.computeCapability)).toEqual([null, null]);
    for (const gpu of profile.gpus) GpuProfileSchema.parse(gpu);
  });

  it('Tesla T4: present with the old-schema power limit and the x8 link', async () => {
    setEnv({ FAKE_SMI_XML: 'q-x-tesla-t4.xml', FAKE_SMI_NO_QUERY: '1' });
    const profile = await collectNvidia(FAKE_NVIDIA_SMI);
    expect(profile.nvidia).toMatchObject({ status: 'present', driverVersion: '515.105.01', cudaVersion: '11.7' });
    expect(profile.gpus).toHaveLength(1);
    expect(profile.gpus[0]).toMatchObject({
      name: 'Tesla T4',
      vramTotalMiB: 15360,
      powerLimitW: 70,
      computeCapability: null,
      pcie: { currentGen: 3, maxGen: 3, currentWidth: 8, maxWidth: 16 },
    });
  });

  it('A100 MIG: present, one GPU with the whole 81920 MiB', async () => {
    setEnv({ FAKE_SMI_XML: 'q-x-a100-sxm4-80gb-mig.xml', FAKE_SMI_NO_QUERY: '1' });
    const profile = await collectNvidia(FAKE_NVIDIA_SMI);
    expect(profile.nvidia).toMatchObject({ status: 'present', driverVersion: '535.54.03', cudaVersion: '12.2' });
    expect(profile.gpus).toHaveLength(1);
    expect(profile.gpus[0]).toMatchObject({ name: 'NVIDIA A100-SXM4-80GB', vramTotalMiB: 81920, powerLimitW: 500 });
  });

  it('fills compute capability from the CSV query by GPU index (the fake answers for index 0 only)', async () => {
    // Mixes two recordings on purpose: only the index mapping is under test, not the A5000's real value.
    setEnv({ FAKE_SMI_XML: 'q-x-dual-rtx-a5000.xml' });
    const profile = await collectNvidia(FAKE_NVIDIA_SMI);
    expect(profile.gpus.map((gpu) => gpu.computeCapability)).toEqual(['8.9', null]);
  });

  it('no driver → absent with the driver reason and a remedy', async () => {
    setEnv({ FAKE_SMI_FAIL: 'no-driver' });
    const profile = await collectNvidia(FAKE_NVIDIA_SMI);
    expect(profile.gpus).toEqual([]);
    expect(profile.nvidia).toMatchObject({
      status: 'absent',
      reason: 'NVIDIA driver not running: nvidia-smi could not talk to it',
      driverVersion: null,
      cudaVersion: null,
    });
    expect(profile.nvidia.remedy).toBeTruthy();
  });

  it('driver/library mismatch → unknown with the mismatch reason', async () => {
    setEnv({ FAKE_SMI_FAIL: 'mismatch' });
    const profile = await collectNvidia(FAKE_NVIDIA_SMI);
    expect(profile.gpus).toEqual([]);
    expect(profile.nvidia.status).toBe('unknown');
    expect(profile.nvidia.reason).toContain('version mismatch');
  });

  it('garbage on stdout with exit 0 → unknown, saying no <nvidia_smi_log> came', async () => {
    setEnv({ FAKE_SMI_FAIL: 'garbage' });
    const profile = await collectNvidia(FAKE_NVIDIA_SMI);
    expect(profile.gpus).toEqual([]);
    expect(profile.nvidia.status).toBe('unknown');
    expect(profile.nvidia.reason).toContain('nvidia_smi_log');
  });

  it('a hung nvidia-smi is stopped after the time box → unknown, "hung"', async () => {
    setEnv({ FAKE_SMI_FAIL: 'hang' });
    const started = performance.now();
    const profile = await collectNvidia(FAKE_NVIDIA_SMI, 500);
    expect(performance.now() - started).toBeLessThan(4000);
    expect(profile.nvidia.status).toBe('unknown');
    expect(profile.nvidia.reason).toBe('nvidia-smi hung: no answer within 500 ms');
    expect(profile.gpus).toEqual([]);
  });

  it('a binary that does not exist → absent, "nvidia-smi not found"', async () => {
    const profile = await collectNvidia(join(tempDir(), 'nvidia-smi'));
    expect(profile.nvidia.status).toBe('absent');
    expect(profile.nvidia.reason).toContain('nvidia-smi not found');
    expect(profile.nvidia.remedy).toContain('install the NVIDIA driver');
    expect(profile.gpus).toEqual([]);
  });
});
