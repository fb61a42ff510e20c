import si from 'systeminformation';
import type { HardwareProfile } from '../../../shared/schemas/hardware';

type MemoryProfile = HardwareProfile['memory'];

export interface MemorySources {
  mem: () => Promise<si.Systeminformation.MemData>;
  layout: () => Promise<si.Systeminformation.MemLayoutData[]>;
}

export const defaultMemorySources: MemorySources = {
  mem: () => si.mem(),
  layout: () => si.memLayout(),
};

export async function collectMemory(sources: MemorySources = defaultMemorySources): Promise<MemoryProfile> {
  const [mem, layout] = await Promise.all([sources.mem(), sources.layout().catch(() => [])]);
  // memLayout needs dmidecode and root on Linux; without them it returns one module with no type.
  const known = layout.filter((module) => module.type && module.type !== 'Empty');
  if (known.length === 0) {
    return {
      totalBytes: mem.total,
      type: null,
      speedMTs: null,
      modules: null,
      detail: {
        status: 'unknown',
        reason: 'memory type and speed are not readable (dmidecode missing or not root, or a virtual machine)',
        remedy: process.platform === 'linux' ? 'run `sudo tunebench hw` once with dmidecode installed' : undefined,
      },
    };
  }
  const speeds = known.map((module) => module.clockSpeed ?? 0).filter((speed) => speed > 0);
  return {
    totalBytes: mem.total,
    type: known[0]!.type,
    speedMTs: speeds.length > 0 ? Math.min(...speeds) : null,
    modules: known.length,
    detail: { status: 'present', reason: '' },
  };
}
