import { z } from 'zod';
import { AvailabilitySchema } from './availability';

export const IsaFeatureNameSchema = z.enum([
  'sse4_2',
  'avx',
  'avx2',
  'fma',
  'f16c',
  'avx512f',
  'avx512dq',
  'avx512cd',
  'avx512bw',
  'avx512vl',
  'avx512_vnni',
  'avx512_bf16',
  'avx512_fp16',
  'avx_vnni',
  'amx_tile',
  'amx_bf16',
  'amx_int8',
  'neon',
  'asimddp',
  'i8mm',
  'bf16',
  'sve',
  'sve2',
]);
export type IsaFeatureName = z.infer<typeof IsaFeatureNameSchema>;

export const CacheSizesSchema = z.object({
  l1dBytes: z.number().nullable(),
  l1iBytes: z.number().nullable(),
  l2Bytes: z.number().nullable(),
  l3Bytes: z.number().nullable(),
});

export const CpuProfileSchema = z.object({
  vendor: z.string(),
  model: z.string(),
  arch: z.string(),
  physicalCores: z.number().int(),
  /** Logical processors (hardware threads). */
  threads: z.number().int(),
  baseClockMHz: z.number().nullable(),
  boostClockMHz: z.number().nullable(),
  caches: CacheSizesSchema,
  isa: z.object({
    /** Speed-relevant ISA features, each present or not. */
    features: z.record(IsaFeatureNameSchema, z.boolean()),
    /** The raw flag list the OS reported, for anything not in `features`. */
    rawFlags: z.array(z.string()),
  }),
  /** Linux cpufreq scaling governor of cpu0 ("performance", "powersave"); null where not exposed. */
  governor: z.string().nullable(),
  /** True under a hypervisor: clocks and counters are then the VM's view, and noisier. */
  virtualized: z.boolean(),
});
export type CpuProfile = z.infer<typeof CpuProfileSchema>;

export const MemoryProfileSchema = z.object({
  totalBytes: z.number(),
  /** DIMM type and speed need dmidecode (root); null with a reason when unreadable. */
  type: z.string().nullable(),
  speedMTs: z.number().nullable(),
  modules: z.number().int().nullable(),
  detail: AvailabilitySchema,
});

export const OsProfileSchema = z.object({
  platform: z.string(),
  distro: z.string(),
  release: z.string(),
  kernel: z.string(),
  hostname: z.string(),
});

export const StorageDeviceSchema = z.object({
  name: z.string(),
  type: z.string(),
  sizeBytes: z.number(),
  interface: z.string(),
});

export const PowerProfileSchema = z.object({
  hasBattery: z.boolean().nullable(),
  acConnected: z.boolean().nullable(),
  batteryPercent: z.number().nullable(),
});

export const PcieLinkSchema = z.object({
  currentGen: z.number().nullable(),
  maxGen: z.number().nullable(),
  currentWidth: z.number().nullable(),
  maxWidth: z.number().nullable(),
});

export const GpuProfileSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  uuid: z.string(),
  vramTotalMiB: z.number().nullable(),
  driverVersion: z.string().nullable(),
  cudaVersion: z.string().nullable(),
  /** "8.9"; null when neither the XML nor the CSV query reports it (drivers before 510). */
  computeCapability: z.string().nullable(),
  powerLimitW: z.number().nullable(),
  pcie: PcieLinkSchema,
});
export type GpuProfile = z.infer<typeof GpuProfileSchema>;

export const NvidiaSectionSchema = AvailabilitySchema.extend({
  driverVersion: z.string().nullable(),
  cudaVersion: z.string().nullable(),
});

export const OpenVinoDeviceSchema = z.object({
  /** OpenVINO device name as used for compile_model: "CPU", "GPU.0", "NPU". */
  name: z.string(),
  fullName: z.string().nullable(),
  kind: z.enum(['cpu', 'gpu', 'npu', 'other']),
});

export const AccelDeviceSchema = z.object({
  /** sysfs node, e.g. "accel0". */
  node: z.string(),
  driver: z.string().nullable(),
  /** Cumulative busy time exposed by intel_vpu as npu_busy_time_us; null when not exposed. */
  busyTimeUs: z.number().nullable(),
});

export const NpuSectionSchema = AvailabilitySchema.extend({
  openvino: AvailabilitySchema.extend({
    version: z.string().nullable(),
    devices: z.array(OpenVinoDeviceSchema),
  }),
  accel: AvailabilitySchema.extend({
    devices: z.array(AccelDeviceSchema),
  }),
});
export type NpuSection = z.infer<typeof NpuSectionSchema>;

export const ExecutionProviderSchema = AvailabilitySchema.extend({
  name: z.string(),
});

export const OnnxRuntimeSectionSchema = AvailabilitySchema.extend({
  version: z.string().nullable(),
  providers: z.array(ExecutionProviderSchema),
});

export const HardwareProfileSchema = z.object({
  schemaVersion: z.literal(1),
  collectedAt: z.string(),
  collectionMs: z.number(),
  /** Stable across reboots and runs on the same machine; groups runs by machine. */
  fingerprint: z.string(),
  cpu: CpuProfileSchema,
  memory: MemoryProfileSchema,
  os: OsProfileSchema,
  storage: z.array(StorageDeviceSchema),
  power: PowerProfileSchema,
  nvidia: NvidiaSectionSchema,
  gpus: z.array(GpuProfileSchema),
  npu: NpuSectionSchema,
  onnxruntime: OnnxRuntimeSectionSchema,
  /** Anything that was slow, failed or had to be guessed while collecting. */
  warnings: z.array(z.string()),
});
export type HardwareProfile = z.infer<typeof HardwareProfileSchema>;

export const HardwareSnapshotSummarySchema = z.object({
  id: z.number().int(),
  fingerprint: z.string(),
  collectedAt: z.string(),
  cpuModel: z.string(),
});
export type HardwareSnapshotSummary = z.infer<typeof HardwareSnapshotSummarySchema>;
