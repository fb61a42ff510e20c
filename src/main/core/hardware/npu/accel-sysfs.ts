import type { HardwareProfile } from '../../../../shared/schemas/hardware';
import { errorMessage } from '../../util/timebox';
import { listSysDir, readSysNumber } from '../sysfs';
import { readlink } from 'node:fs/promises';
import { basename } from 'node:path';

type AccelSection = HardwareProfile['npu']['accel'];

/**
 * Linux compute accelerators (DRM accel subsystem, kernel 6.2+) appear under
 * /sys/class/accel/accelN. The Intel NPU driver (intel_vpu) exposes the cumulative busy
 * time as device/npu_busy_time_us, which the telemetry sampler turns into a busy percentage.
 */
export async function collectAccel(sysRoot = '/sys'): Promise<AccelSection> {
  if (process.platform !== 'linux' && sysRoot === '/sys') {
    return { status: 'absent', reason: 'the accel sysfs class exists only on Linux', devices: [] };
  }
  let nodes: string[] | null;
  try {
    nodes = await listSysDir(`${sysRoot}/class/accel`);
  } catch (error) {
    return { status: 'unknown', reason: `cannot read ${sysRoot}/class/accel: ${errorMessage(error)}`, devices: [] };
  }
  if (nodes === null || nodes.length === 0) {
    return {
      status: 'absent',
      reason: nodes === null ? `no ${sysRoot}/class/accel (no accelerator driver loaded)` : 'no accel devices',
      devices: [],
    };
  }
  const devices = await Promise.all(
    nodes.sort().map(async (node) => ({
      node,
      driver: await readDriverName(`${sysRoot}/class/accel/${node}/device/driver`),
      busyTimeUs: await readSysNumber(`${sysRoot}/class/accel/${node}/device/npu_busy_time_us`),
    })),
  );
  return { status: 'present', reason: '', devices };
}

async function readDriverName(link: string): Promise<string | null> {
  try {
    return basename(await readlink(link));
  } catch {
    return null;
  }
}

export async function readAccelBusyTimeUs(node: string, sysRoot = '/sys'): Promise<number | null> {
  return readSysNumber(`${sysRoot}/class/accel/${node}/device/npu_busy_time_us`);
}
