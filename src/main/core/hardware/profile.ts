import si from 'systeminformation';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import { errorMessage, withTimeout } from '../util/timebox';
import { collectCpu } from './cpu';
import { machineFingerprint } from './fingerprint';
import { collectMemory } from './memory';
import { collectNvidia, type NvidiaProfile } from './nvidia/gpu-profile';
import { collectNpu } from './npu/npu-section';
import { collectOnnxRuntime } from './onnxruntime-providers';
import { collectOs, collectPower, collectStorage } from './system';

/** Each source gets its own time box: one hung call must not hold the whole profile. */
const SECTION_TIMEOUT_MS = 4000;

export interface ProfileCollectors {
  cpu: typeof collectCpu;
  memory: typeof collectMemory;
  os: typeof collectOs;
  storage: typeof collectStorage;
  power: typeof collectPower;
  nvidia: () => Promise<NvidiaProfile>;
  npu: () => ReturnType<typeof collectNpu>;
  onnxruntime: () => ReturnType<typeof collectOnnxRuntime>;
  machineId: () => Promise<string>;
  timeoutMs: number;
}

export const defaultCollectors: ProfileCollectors = {
  cpu: collectCpu,
  memory: collectMemory,
  os: collectOs,
  storage: collectStorage,
  power: collectPower,
  nvidia: () => collectNvidia(),
  npu: () => collectNpu(),
  onnxruntime: () => collectOnnxRuntime(),
  machineId: async () => (await si.uuid()).os,
  timeoutMs: SECTION_TIMEOUT_MS,
};

/**
 * Collects the static hardware profile. Sections run in parallel; a section that fails or
 * overruns falls back to an explicit "unknown" value and adds a warning, never an exception.
 */
export async function collectHardwareProfile(
  collectors: ProfileCollectors = defaultCollectors,
): Promise<HardwareProfile> {
  const started = performance.now();
  const warnings: string[] = [];
  const boxed = async <T>(label: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await withTimeout(run(), collectors.timeoutMs, label);
    } catch (error) {
      warnings.push(`${label}: ${errorMessage(error)}`);
      return fallback;
    }
  };
  const unknownReason = (label: string) => `${label} could not be read (see warnings)`;

  const [cpu, memory, os, storage, power, nvidia, npu, onnxruntime, machineId] = await Promise.all([
    boxed('cpu', () => collectors.cpu(), {
      vendor: 'unknown',
      model: 'unknown',
      arch: process.arch,
      physicalCores: 0,
      threads: 0,
      baseClockMHz: null,
      boostClockMHz: null,
      caches: { l1dBytes: null, l1iBytes: null, l2Bytes: null, l3Bytes: null },
      isa: { features: {} as HardwareProfile['cpu']['isa']['features'], rawFlags: [] },
      governor: null,
      virtualized: false,
    }),
    boxed('memory', () => collectors.memory(), {
      totalBytes: 0,
      type: null,
      speedMTs: null,
      modules: null,
      detail: { status: 'unknown' as const, reason: unknownReason('memory') },
    }),
    boxed('os', () => collectors.os(), {
      platform: process.platform,
      distro: 'unknown',
      release: 'unknown',
      kernel: 'unknown',
      hostname: 'unknown',
    }),
    boxed('storage', () => collectors.storage(), []),
    boxed('power', () => collectors.power(), { hasBattery: null, acConnected: null, batteryPercent: null }),
    boxed('nvidia', () => collectors.nvidia(), {
      nvidia: {
        status: 'unknown' as const,
        reason: unknownReason('NVIDIA GPU query'),
        driverVersion: null,
        cudaVersion: null,
      },
      gpus: [],
    }),
    boxed('npu', () => collectors.npu(), {
      status: 'unknown' as const,
      reason: unknownReason('NPU query'),
      openvino: { status: 'unknown' as const, reason: unknownReason('OpenVINO'), version: null, devices: [] },
      accel: { status: 'unknown' as const, reason: unknownReason('accel sysfs'), devices: [] },
    }),
    boxed('onnxruntime', () => collectors.onnxruntime(), {
      status: 'unknown' as const,
      reason: unknownReason('onnxruntime-node'),
      version: null,
      providers: [],
    }),
    boxed('machine id', () => collectors.machineId(), ''),
  ]);

  if (cpu.baseClockMHz === null) warnings.push('cpu: the OS does not report a base clock');
  if (cpu.virtualized) warnings.push('cpu: running under a hypervisor; clocks and timings are the VM view');

  return {
    schemaVersion: 1,
    collectedAt: new Date().toISOString(),
    collectionMs: Math.round(performance.now() - started),
    fingerprint: machineFingerprint({
      machineId,
      cpuModel: cpu.model,
      threads: cpu.threads,
      memoryTotalBytes: memory.totalBytes,
      gpuUuids: nvidia.gpus.map((gpu) => gpu.uuid),
    }),
    cpu,
    memory,
    os,
    storage,
    power,
    nvidia: nvidia.nvidia,
    gpus: nvidia.gpus,
    npu,
    onnxruntime,
    warnings,
  };
}
