import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds the intel_vpu layout under a temp sysRoot: class/accel/<node>/device/npu_busy_time_us
 * ("%lld\n", per the kernel's ivpu_sysfs.c) and device/driver → .../drivers/<driver>.
 * Returns the device folder.
 */
export function makeAccelNode(sysRoot: string, node: string, busyUs: string | null, driver = 'intel_vpu'): string {
  const driverDir = join(sysRoot, 'bus', 'pci', 'drivers', driver);
  mkdirSync(driverDir, { recursive: true });
  const device = join(sysRoot, 'class', 'accel', node, 'device');
  mkdirSync(device, { recursive: true });
  symlinkSync(driverDir, join(device, 'driver'));
  if (busyUs !== null) writeFileSync(join(device, 'npu_busy_time_us'), busyUs);
  return device;
}
