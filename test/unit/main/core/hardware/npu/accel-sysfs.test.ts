import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectAccel, readAccelBusyTimeUs } from '../../../../../../src/main/core/hardware/npu/accel-sysfs';
import { useTempDirs } from '../../../../../helpers/temp-dir';
import { makeAccelNode } from './sysfs-tree';

describe('collectAccel', () => {
  const tempDir = useTempDirs();

  it('an intel_vpu accel node → present with its driver and busy time', async () => {
    const sysRoot = tempDir();
    makeAccelNode(sysRoot, 'accel0', '1234567\n');
    expect(await collectAccel(sysRoot)).toEqual({
      status: 'present',
      reason: '',
      devices: [{ node: 'accel0', driver: 'intel_vpu', busyTimeUs: 1234567 }],
    });
  });

  it('lists nodes sorted; a node without the busy counter or driver link has nulls', async () => {
    const sysRoot = tempDir();
    makeAccelNode(sysRoot, 'accel1', null, 'amdxdna');
    mkdirSync(join(sysRoot, 'class', 'accel', 'accel0', 'device'), { recursive: true });
    const section = await collectAccel(sysRoot);
    expect(section.devices).toEqual([
      { node: 'accel0', driver: null, busyTimeUs: null },
      { node: 'accel1', driver: 'amdxdna', busyTimeUs: null },
    ]);
  });

  it('no class/accel → absent, no accelerator driver loaded', async () => {
    const sysRoot = tempDir();
    const section = await collectAccel(sysRoot);
    expect(section.status).toBe('absent');
    expect(section.reason).toBe(`no ${sysRoot}/class/accel (no accelerator driver loaded)`);
    expect(section.devices).toEqual([]);
  });

  it('an empty class/accel → absent, no accel devices', async () => {
    const sysRoot = tempDir();
    mkdirSync(join(sysRoot, 'class', 'accel'), { recursive: true });
    expect(await collectAccel(sysRoot)).toEqual({ status: 'absent', reason: 'no accel devices', devices: [] });
  });

  it('class/accel that cannot be listed (a file here: ENOTDIR) → unknown with the error', async () => {
    const sysRoot = tempDir();
    mkdirSync(join(sysRoot, 'class'));
    writeFileSync(join(sysRoot, 'class', 'accel'), '');
    const section = await collectAccel(sysRoot);
    expect(section.status).toBe('unknown');
    expect(section.reason).toContain(`cannot read ${sysRoot}/class/accel`);
    expect(section.reason).toContain('ENOTDIR');
  });

  it('readAccelBusyTimeUs reads the counter, null when missing or not a number', async () => {
    const sysRoot = tempDir();
    const device = makeAccelNode(sysRoot, 'accel0', '42\n');
    expect(await readAccelBusyTimeUs('accel0', sysRoot)).toBe(42);
    expect(await readAccelBusyTimeUs('accel9', sysRoot)).toBeNull();
    writeFileSync(join(device, 'npu_busy_time_us'), 'garbage\n');
    expect(await readAccelBusyTimeUs('accel0', sysRoot)).toBeNull();
  });
});
