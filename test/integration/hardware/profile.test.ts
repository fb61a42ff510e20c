import { readFileSync } from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectHardwareProfile,
  defaultCollectors,
  type ProfileCollectors,
} from '../../../src/main/core/hardware/profile';
import { type HardwareProfile, HardwareProfileSchema } from '../../../src/shared/schemas/hardware';

const savedSmi = process.env.TUNEBENCH_NVIDIA_SMI;
let profile: HardwareProfile;

beforeAll(async () => {
  // nvidia-smi is looked up on PATH, where this machine has none.
  delete process.env.TUNEBENCH_NVIDIA_SMI;
  profile = await collectHardwareProfile(defaultCollectors);
}, 20_000);

afterAll(() => {
  if (savedSmi !== undefined) process.env.TUNEBENCH_NVIDIA_SMI = savedSmi;
});

describe('collectHardwareProfile on this machine', () => {
  it('produces a profile the schema accepts', () => {
    expect(HardwareProfileSchema.safeParse(profile).error).toBeUndefined();
    expect(profile.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reports the CPU the kernel reports', () => {
    const modelName = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim();
    expect(modelName).toBeTruthy();
    expect(profile.cpu.model).toContain(modelName);
    expect(profile.cpu.threads).toBe(os.cpus().length);
    expect(profile.cpu.arch).toBe(os.arch());
    const flags = /^flags\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.split(/\s+/) ?? [];
    expect(profile.cpu.isa.features.avx2).toBe(flags.includes('avx2'));
  });

  it('reports the memory the kernel reports', () => {
    expect(profile.memory.totalBytes).toBe(os.totalmem());
  });

  it('has no NVIDIA GPU, saying why', () => {
    expect(profile.gpus).toEqual([]);
    expect(profile.nvidia.status).toBe('absent');
    expect(profile.nvidia.reason).toContain('nvidia-smi not found');
    expect(profile.nvidia.driverVersion).toBeNull();
  });

  it('explains the NPU section', () => {
    expect(profile.npu.status).not.toBe('present');
    expect(profile.npu.reason.length).toBeGreaterThan(0);
    expect(profile.npu.openvino.status).toBe('absent');
  });

  it('no section timed out or failed', () => {
    expect(profile.warnings.filter((warning) => /did not answer|could not/.test(warning))).toEqual([]);
  });
});

describe('collectHardwareProfile when a section misbehaves', () => {
  /** Collectors that hand back the sections of the real profile collected above. */
  function fromProfile(overrides: Partial<ProfileCollectors>): ProfileCollectors {
    return {
      cpu: async () => profile.cpu,
      memory: async () => profile.memory,
      os: async () => profile.os,
      storage: async () => profile.storage,
      power: async () => profile.power,
      nvidia: async () => ({ nvidia: profile.nvidia, gpus: profile.gpus }),
      npu: async () => profile.npu,
      onnxruntime: async () => profile.onnxruntime,
      machineId: async () => 'c0ffee',
      timeoutMs: 200,
      ...overrides,
    };
  }

  it('a section that never answers gets its fallback and a warning naming it', async () => {
    const started = performance.now();
    const result = await collectHardwareProfile(fromProfile({ storage: () => new Promise(() => {}) }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.storage).toEqual([]);
    expect(result.warnings).toContain('storage: storage did not answer within 200 ms');
    // The other sections are untouched.
    expect(result.cpu).toEqual(profile.cpu);
    expect(HardwareProfileSchema.safeParse(result).success).toBe(true);
  });

  it('a hung NVIDIA query falls back to unknown, not absent', async () => {
    const result = await collectHardwareProfile(fromProfile({ nvidia: () => new Promise(() => {}) }));
    expect(result.nvidia).toMatchObject({ status: 'unknown', driverVersion: null });
    expect(result.nvidia.reason).toContain('see warnings');
    expect(result.gpus).toEqual([]);
    expect(result.warnings).toContain('nvidia: nvidia did not answer within 200 ms');
  });

  it('a section that throws gets its fallback and a warning with the message', async () => {
    const result = await collectHardwareProfile(
      fromProfile({
        cpu: async () => {
          throw new Error('si.cpu exploded');
        },
      }),
    );
    expect(result.warnings).toContain('cpu: si.cpu exploded');
    expect(result.cpu).toMatchObject({ model: 'unknown', threads: 0, arch: process.arch });
    // The fallback has no base clock, which is warned about too.
    expect(result.warnings).toContain('cpu: the OS does not report a base clock');
    expect(result.memory).toEqual(profile.memory);
  });

  it('the fingerprint follows the sections and the machine id', async () => {
    const a = await collectHardwareProfile(fromProfile({}));
    const b = await collectHardwareProfile(fromProfile({}));
    const c = await collectHardwareProfile(fromProfile({ machineId: async () => 'another machine' }));
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });
});
