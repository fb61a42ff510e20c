import si from 'systeminformation';
import type { HardwareProfile } from '../../../shared/schemas/hardware';

export interface SystemSources {
  osInfo: () => Promise<si.Systeminformation.OsData>;
  disks: () => Promise<si.Systeminformation.DiskLayoutData[]>;
  battery: () => Promise<si.Systeminformation.BatteryData>;
}

export const defaultSystemSources: SystemSources = {
  osInfo: () => si.osInfo(),
  disks: () => si.diskLayout(),
  battery: () => si.battery(),
};

export async function collectOs(sources: SystemSources = defaultSystemSources): Promise<HardwareProfile['os']> {
  const info = await sources.osInfo();
  return {
    platform: info.platform,
    distro: info.distro,
    release: info.release,
    kernel: info.kernel,
    hostname: info.hostname,
  };
}

export async function collectStorage(
  sources: SystemSources = defaultSystemSources,
): Promise<HardwareProfile['storage']> {
  const disks = await sources.disks();
  return disks.map((disk) => ({
    name: disk.name || disk.device,
    type: disk.type,
    sizeBytes: disk.size,
    interface: disk.interfaceType,
  }));
}

export async function collectPower(sources: SystemSources = defaultSystemSources): Promise<HardwareProfile['power']> {
  const battery = await sources.battery();
  return {
    hasBattery: battery.hasBattery,
    acConnected: battery.acConnected,
    batteryPercent: battery.hasBattery ? battery.percent : null,
  };
}
