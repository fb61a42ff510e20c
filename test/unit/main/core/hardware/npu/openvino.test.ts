import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectOpenVino,
  loadOpenVinoPackage,
  OPENVINO_NOT_INSTALLED,
  type OpenVinoCore,
  type OpenVinoLoader,
} from '../../../../../../src/main/core/hardware/npu/openvino';
import { NpuSectionSchema } from '../../../../../../src/shared/schemas/hardware';
import { RECORDED_DIR } from '../../../../../helpers/fake-tools';

const recorded = (name: string) => readFileSync(join(RECORDED_DIR, 'openvino', name), 'utf8');

/** FULL_DEVICE_NAME values as the recorded OpenVINO printouts show them. */
const NPU_NAME = /^Name: (.+)$/m.exec(recorded('npu-properties-npuinfo-intel-npu-llm.txt'))![1]!;
const CPU_NAME = /FULL_DEVICE_NAME: (.+)$/m.exec(
  recorded('hello-query-device-py-core-ultra9-288v-cpu-partial.txt'),
)![1]!;

/** A loader handing back an OpenVINO-shaped module whose Core answers from a table. */
function loaderFor(names: Record<string, string | Error>, version: string | null = '2026.4.0'): OpenVinoLoader {
  class Core implements OpenVinoCore {
    getAvailableDevices(): string[] {
      return Object.keys(names);
    }
    getProperty(device: string, property: string): unknown {
      expect(property).toBe('FULL_DEVICE_NAME');
      const value = names[device];
      if (value instanceof Error) throw value;
      return value;
    }
  }
  return async () => ({ module: { addon: { Core } }, version });
}

describe('collectOpenVino', () => {
  it('reads the recorded names the test relies on', () => {
    expect(NPU_NAME).toBe('Intel(R) AI Boost');
    expect(CPU_NAME).toBe('Intel(R) Core(TM) Ultra 9 288V');
  });

  it('with the real loader on this machine (openvino-node not installed) → absent, not installed', async () => {
    await expect(loadOpenVinoPackage()).rejects.toMatchObject({ code: 'ERR_MODULE_NOT_FOUND' });
    const section = await collectOpenVino();
    expect(section.status).toBe('absent');
    expect(section.reason).toBe(OPENVINO_NOT_INSTALLED);
    expect(section.remedy).toContain('Node 21+');
    expect(section.version).toBeNull();
    expect(section.devices).toEqual([]);
  });

  it('lists CPU, GPU and NPU with their kinds and full names', async () => {
    const section = await collectOpenVino(
      loaderFor({ CPU: CPU_NAME, 'GPU.0': 'Intel(R) Arc(TM) Graphics (iGPU)', NPU: NPU_NAME, HETERO: 'HETERO' }),
    );
    expect(section).toEqual({
      status: 'present',
      reason: '',
      version: '2026.4.0',
      devices: [
        { name: 'CPU', fullName: 'Intel(R) Core(TM) Ultra 9 288V', kind: 'cpu' },
        { name: 'GPU.0', fullName: 'Intel(R) Arc(TM) Graphics (iGPU)', kind: 'gpu' },
        { name: 'NPU', fullName: 'Intel(R) AI Boost', kind: 'npu' },
        { name: 'HETERO', fullName: 'HETERO', kind: 'other' },
      ],
    });
    expect(NpuSectionSchema.shape.openvino.safeParse(section).success).toBe(true);
  });

  it('a device whose FULL_DEVICE_NAME cannot be read keeps its entry with fullName null', async () => {
    const section = await collectOpenVino(
      loaderFor({ CPU: CPU_NAME, NPU: new Error('Device with "NPU" name is not registered in the OpenVINO Runtime') }),
    );
    expect(section.status).toBe('present');
    expect(section.devices).toEqual([
      { name: 'CPU', fullName: CPU_NAME, kind: 'cpu' },
      { name: 'NPU', fullName: null, kind: 'npu' },
    ]);
  });

  it('a loader failing for another reason than a missing module → unknown, failed to load', async () => {
    const section = await collectOpenVino(async () => {
      throw new Error('libopenvino.so.2540: cannot open shared object file: No such file or directory');
    });
    expect(section.status).toBe('unknown');
    expect(section.reason).toBe(
      'OpenVINO runtime failed to load: libopenvino.so.2540: cannot open shared object file: No such file or directory',
    );
    expect(section.devices).toEqual([]);
  });

  it('a CommonJS-style MODULE_NOT_FOUND also counts as not installed', async () => {
    const section = await collectOpenVino(async () => {
      throw Object.assign(new Error("Cannot find module 'openvino-node'"), { code: 'MODULE_NOT_FOUND' });
    });
    expect(section).toMatchObject({ status: 'absent', reason: OPENVINO_NOT_INSTALLED });
  });

  it('a Core that cannot list devices → unknown, keeping the version', async () => {
    class Core implements OpenVinoCore {
      getAvailableDevices(): string[] {
        throw new Error('plugin registry is broken');
      }
      getProperty(): unknown {
        return '';
      }
    }
    const section = await collectOpenVino(async () => ({ module: { addon: { Core } }, version: '2026.4.0' }));
    expect(section).toMatchObject({
      status: 'unknown',
      reason: 'OpenVINO could not list devices: plugin registry is broken',
      version: '2026.4.0',
      devices: [],
    });
  });
});
