import type { HardwareProfile } from '../../../shared/schemas/hardware';
import type { BenchmarkSpec } from '../bench/worker/protocol';
import { DEFAULT_OPENVINO, type InputOverride, type OpenVinoSettings, type SessionSettings } from './types';

export interface ModelEntry {
  /** "builtin:mlp", "pretrained:silero-vad" or the file name of a user model. */
  id: string;
  title: string;
  path: string;
  precision: 'fp32' | 'fp16' | 'int8';
  /** The FP32 variant to check outputs against (built-in models); null for a user model itself. */
  referencePath: string | null;
  flopsPerSample: number | null;
  /** A pretrained model's input conventions (fixed values, shapes), for the input generator. */
  inputs?: Record<string, InputOverride>;
  /** Where a pretrained model comes from: package@version, file and licence. */
  source?: string;
}

/** "x=1x3x320x320,sequence=256": the user's sizes as they appear in ids and titles. */
function dimsLabel(dims: Record<string, number[]>): string {
  return Object.entries(dims)
    .map(([name, sizes]) => `${name}=${sizes.join('x')}`)
    .join(',');
}

export type DeviceChoice = SessionSettings['device'];

/** Why a device cannot run here, or null when it can (from the hardware profile's runtime section). */
export function deviceUnavailable(
  device: DeviceChoice,
  profile: Pick<HardwareProfile, 'onnxruntime' | 'npu'>,
): string | null {
  if (device.startsWith('openvino-')) {
    const openvino = profile.npu.openvino;
    if (openvino.status !== 'present') return `${device}: ${openvino.reason}`;
    // AUTO runs on whatever OpenVINO lists; the others need their kind of device among them.
    const kind = device.slice('openvino-'.length);
    if (kind === 'auto' || openvino.devices.some((d) => d.kind === kind)) return null;
    return `${device}: OpenVINO${openvino.version ? ` ${openvino.version}` : ''} lists no ${kind.toUpperCase()} device (it lists ${openvino.devices.map((d) => d.name).join(', ') || 'none'})`;
  }
  if (profile.onnxruntime.status !== 'present') return `${device}: ${profile.onnxruntime.reason}`;
  const provider = profile.onnxruntime.providers.find((p) => p.name === device);
  if (!provider) return `${device}: this onnxruntime-node build has no ${device} execution provider`;
  return provider.status === 'present'
    ? null
    : `${device}: ${provider.reason}${provider.remedy ? ` (${provider.remedy})` : ''}`;
}

/** The settings of a suite run besides models, devices and batches; each one is pinned in every spec. */
export interface SuiteOptions {
  /** onnxruntime intra-op threads (0: the runtime's default); OpenVINO INFERENCE_NUM_THREADS. */
  threads?: number;
  /** Requests in flight at once (worker threads with one session each); 1 is the plain latency run. */
  parallel?: number[];
  /** The user's input sizes (`--dims`): an input's whole shape or a dynamic dimension's size, by name. */
  dims?: Record<string, number[]>;
  openvino?: OpenVinoOptions;
  /** onnxruntime's CPU memory arena; off is in the id (-noarena), as it changes the numbers. */
  memoryArena?: boolean;
}

/** OpenVINO's own knobs for a suite run (`--ov-hint`, `--ov-streams`, `--ov-requests`). */
export interface OpenVinoOptions {
  hint?: OpenVinoSettings['hint'];
  streams?: OpenVinoSettings['streams'];
  /** InferRequests in flight; by default 1 with the latency hint, the compiled model's optimum with throughput. */
  requests?: number;
}

function modelTitle(model: ModelEntry): string {
  return model.title.includes(model.precision.toUpperCase())
    ? model.title
    : `${model.title}, ${model.precision.toUpperCase()}`;
}

/** The parameters every inference spec carries, whatever the backend. */
function modelParams(model: ModelEntry, batch: number, label: string, dims: Record<string, number[]>) {
  return {
    modelPath: model.path,
    referencePath: model.referencePath ?? '',
    precision: model.precision,
    batch,
    ...(model.flopsPerSample ? { flopsPerSample: model.flopsPerSample } : {}),
    ...(label ? { dims: JSON.stringify(dims) } : {}),
    ...(model.inputs ? { inputs: JSON.stringify(model.inputs) } : {}),
    ...(model.source ? { source: model.source } : {}),
  };
}

/** An OpenVINO run: the hint, streams and requests are parameters (and in the id when not the default). */
function openVinoSpec(
  model: ModelEntry,
  device: DeviceChoice,
  batch: number,
  threads: number,
  options: OpenVinoOptions,
  label: string,
  dims: Record<string, number[]>,
): BenchmarkSpec {
  const hint = options.hint ?? DEFAULT_OPENVINO.hint;
  const streams = options.streams ?? null;
  const requests = options.requests ?? (hint === 'throughput' ? 0 : 1);
  const defaultRequests = requests === (hint === 'throughput' ? 0 : 1);
  const suffix = `${hint === 'throughput' ? '-thr' : ''}${streams === null ? '' : `-s${streams}`}${defaultRequests ? '' : `-r${requests}`}${label ? `-${label.replace(/[^\w]+/g, '-')}` : ''}`;
  const settings = [
    `hint ${hint}`,
    ...(streams === null ? [] : [`${streams} streams`]),
    ...(requests === 1 ? [] : [requests === 0 ? 'optimal infer requests' : `${requests} infer requests`]),
  ].join(', ');
  return {
    kind: 'inference.openvino',
    id: `infer-${model.id.replace(/^(builtin|pretrained):/, '')}-${model.precision}-${device}-b${batch}${suffix}`,
    title: `${modelTitle(model)} on ${device}, batch ${batch}, ${settings}${label ? `, dims ${label}` : ''}`,
    params: {
      ...modelParams(model, batch, label, dims),
      device,
      ovHint: hint,
      ovStreams: streams === null ? '' : String(streams),
      ovThreads: threads,
      ovRequests: requests,
    },
  };
}

/**
 * One spec per (model, precision, device, batch): every setting that changes the numbers is a
 * parameter, so results on two devices are compared on equal terms. Unavailable devices are listed
 * with the reason instead of silently dropped.
 */
export function inferenceSpecs(
  models: ModelEntry[],
  devices: DeviceChoice[],
  batches: number[],
  profile: Pick<HardwareProfile, 'onnxruntime' | 'npu'>,
  options: SuiteOptions = {},
): { specs: BenchmarkSpec[]; skipped: string[] } {
  const { threads = 0, parallel = [1], dims = {}, openvino = {}, memoryArena = true } = options;
  const specs: BenchmarkSpec[] = [];
  const label = dimsLabel(dims);
  // Runs at other input sizes are other benchmarks: they get their own ids, so they are never compared as one.
  const idSuffix = label ? `-${label.replace(/[^\w]+/g, '-')}` : '';
  const skipped = new Set<string>();
  for (const device of devices) {
    const reason = deviceUnavailable(device, profile);
    if (reason) {
      skipped.add(reason);
      continue;
    }
    if (device.startsWith('openvino-')) {
      // OpenVINO keeps requests in flight itself (InferRequests), not in worker threads: --parallel N
      // is N InferRequests there, unless --ov-requests set them already.
      const requestCounts =
        openvino.requests !== undefined ? [openvino.requests] : parallel.map((n) => (n > 1 ? n : undefined));
      if (openvino.requests !== undefined && parallel.some((n) => n > 1))
        skipped.add(`${device}: --parallel left out, --ov-requests ${openvino.requests} sets the requests in flight`);
      for (const model of models) {
        for (const batch of batches) {
          for (const requests of requestCounts) {
            specs.push(openVinoSpec(model, device, batch, threads, { ...openvino, requests }, label, dims));
          }
        }
      }
      continue;
    }
    for (const model of models) {
      for (const batch of batches) {
        for (const n of parallel) {
          specs.push({
            kind: 'inference.onnxruntime',
            // Ids of single-request runs are unchanged, so older runs still compare with new ones.
            id: `infer-${model.id.replace(/^(builtin|pretrained):/, '')}-${model.precision}-${device}-b${batch}${n > 1 ? `-p${n}` : ''}${memoryArena ? '' : '-noarena'}${idSuffix}`,
            title: `${modelTitle(model)} on ${device}, batch ${batch}${n > 1 ? `, ${n} concurrent requests` : ''}${memoryArena ? '' : ', no memory arena'}${label ? `, dims ${label}` : ''}`,
            params: {
              ...modelParams(model, batch, label, dims),
              device,
              intraOpThreads: threads,
              interOpThreads: 0,
              graphOptimization: 'all',
              executionMode: 'sequential',
              memoryArena,
              ...(n > 1 ? { parallel: n } : {}),
            },
          });
        }
      }
    }
  }
  return { specs, skipped: [...skipped] };
}
