import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectNpu } from '../../../../../../src/main/core/hardware/npu/npu-section';
import {
  loadOpenVinoPackage,
  OPENVINO_NOT_INSTALLED,
  type OpenVinoLoader,
} from '../../../../../../src/main/core/hardware/npu/openvino';
import { NpuSectionSchema } from '../../../../../../src/shared/schemas/hardware';
import { useTempDirs } from '../../../../../helpers/temp-dir';
import { makeAccelNode } from './sysfs-tree';

function loaderListing(devices: Record<string, string>): OpenVinoLoader {
  class Core {
    getAvailableDevices(): string[] {
      return Object.keys(devices);
    }
    getProperty(device: string): unknown {
      return devices[device];
    }
  }
  return async () => ({ module: { addon: { Core } }, version: '2026.4.0' });
}

describe('collectNpu', () => {
  const tempDir = useTempDirs();

  it('an intel_vpu accel node makes the NPU present even without OpenVINO', async () => {
    const sysRoot = tempDir();
    makeAccelNode(sysRoot, 'accel0', '500000\n');
    const section = NpuSectionSchema.parse(await collectNpu(loadOpenVinoPackage, sysRoot));
    expect(section.status).toBe('present');
    expect(section.reason).toBe('');
    expect(section.openvino.reason).toBe(OPENVINO_NOT_INSTALLED);
    expect(section.accel.devices).toEqual([{ node: 'accel0', driver: 'intel_vpu', busyTimeUs: 500000 }]);
  });

  it('OpenVINO listing an NPU makes it present', async () => {
    const section = await collectNpu(
      loaderListing({ CPU: 'Intel(R) Core(TM) Ultra 9 288V', NPU: 'Intel(R) AI Boost' }),
      tempDir(),
    );
    expect(section.status).toBe('present');
    expect(section.openvino.devices.map((device) => device.kind)).toEqual(['cpu', 'npu']);
  });

  it('no OpenVINO and no class/accel → absent, both reasons given', async () => {
    const sysRoot = tempDir();
    const section = await collectNpu(loadOpenVinoPackage, sysRoot);
    expect(section.status).toBe('absent');
    expect(section.reason).toBe(
      `no NPU found: ${OPENVINO_NOT_INSTALLED}; no ${sysRoot}/class/accel (no accelerator driver loaded)`,
    );
    expect(section.remedy).toContain('Node 21+');
  });

  it('OpenVINO listing only a CPU rules the NPU out even when sysfs is unreadable', async () => {
    const sysRoot = tempDir();
    mkdirSync(join(sysRoot, 'class'));
    writeFileSync(join(sysRoot, 'class', 'accel'), '');
    const section = await collectNpu(loaderListing({ CPU: 'Intel(R) Core(TM) Ultra 9 288V' }), sysRoot);
    expect(section.status).toBe('absent');
    expect(section.reason).toMatch(/^no NPU found: OpenVINO lists no NPU device; cannot read .*ENOTDIR/);
  });

  it('neither source can tell (OpenVINO missing, sysfs unreadable) → unknown', async () => {
    const sysRoot = tempDir();
    mkdirSync(join(sysRoot, 'class'));
    writeFileSync(join(sysRoot, 'class', 'accel'), '');
    const section = await collectNpu(loadOpenVinoPackage, sysRoot);
    expect(section.status).toBe('unknown');
    expect(section.reason).toContain(OPENVINO_NOT_INSTALLED);
  });
});
