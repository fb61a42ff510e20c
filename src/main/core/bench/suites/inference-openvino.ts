import { OPENVINO_EXTRAS, OPENVINO_UNKNOWN } from '../../../../shared/openvino-extras';
import type { OpenVinoLoader } from '../../hardware/npu/openvino';
import { loadWithOpenVino, type OpenVinoModel, type OpenVinoRuntimeInfo } from '../../inference/backends/openvino';
import { OPENVINO_DEVICE_NAMES } from '../../inference/backends/openvino-placement';
import { describePlan, feedsFor, planInputs, type PlannedInput } from '../../inference/inputs';
import { DEFAULT_OPENVINO, type OpenVinoDevice, type OpenVinoSettings } from '../../inference/types';
import type { BenchmarkFactory } from '../worker/benchmark';
import {
  checkAgainstReference,
  feedOptionsFrom,
  fixedBatchMismatch,
  MemoryReadings,
  nonFiniteWarning,
  outputStats,
  sharedResultExtras,
  str,
} from './inference-shared';

function wholeNumber(value: unknown, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${name} must be a whole number of at least ${min}`);
  return n;
}

/** Spec parameters → pinned OpenVINO settings (ovHint, ovStreams "" | "auto" | n, ovThreads, ovRequests). */
export function openVinoSettingsFrom(params: Record<string, unknown>): OpenVinoSettings {
  const device = str(params, 'device') as OpenVinoDevice;
  if (!(device in OPENVINO_DEVICE_NAMES)) throw new RangeError(`device ${device} is not an OpenVINO device`);
  const hint = str(params, 'ovHint', DEFAULT_OPENVINO.hint);
  if (hint !== 'latency' && hint !== 'throughput') throw new RangeError(`ovHint must be latency or throughput`);
  const streams = params.ovStreams === undefined || params.ovStreams === '' ? null : params.ovStreams;
  return {
    device,
    hint,
    streams: streams === null || streams === 'auto' ? streams : wholeNumber(streams, 'ovStreams', 1),
    threads: wholeNumber(params.ovThreads ?? DEFAULT_OPENVINO.threads, 'ovThreads', 0),
    requests: wholeNumber(params.ovRequests ?? DEFAULT_OPENVINO.requests, 'ovRequests', 0),
  };
}

function settingsLine(settings: OpenVinoSettings, model: OpenVinoModel): string {
  const p = model.properties;
  const streams =
    settings.streams === null ? `${p.NUM_STREAMS ?? '?'} (the hint's)` : String(p.NUM_STREAMS ?? settings.streams);
  const threads = settings.threads > 0 ? String(settings.threads) : `${p.INFERENCE_NUM_THREADS ?? 'n/a'} (default)`;
  const requests = settings.requests > 0 ? `${model.requests}` : `${model.requests} (OPTIMAL_NUMBER_OF_INFER_REQUESTS)`;
  return `${settings.device} (${OPENVINO_DEVICE_NAMES[settings.device]}), hint ${settings.hint.toUpperCase()}, streams ${streams}, threads ${threads}, infer requests ${requests}`;
}

/** Which OpenVINO module ran it: version, resolved path and, for TUNEBENCH_OPENVINO_MODULE, the flag. */
export function runtimeExtras(runtime: OpenVinoRuntimeInfo): Record<string, string> {
  return {
    [OPENVINO_EXTRAS.version]: runtime.version ?? OPENVINO_UNKNOWN,
    [OPENVINO_EXTRAS.module]: runtime.path ?? OPENVINO_UNKNOWN,
    ...(runtime.customFrom ? { [OPENVINO_EXTRAS.custom]: runtime.customFrom } : {}),
  };
}

/**
 * Inference with OpenVINO, benchmark_app-style and with the same metrics as the onnxruntime
 * benchmark: read+compile time and the first inference apart from the statistics, one sample per
 * round of `requests` InferRequests sent at once (1 for the latency hint), outputs checked against
 * the CPU FP32 reference from onnxruntime, and EXECUTION_DEVICES checked against the device asked.
 */
export function inferenceOpenVinoWith(load?: OpenVinoLoader): BenchmarkFactory {
  return async (params) => {
    const modelPath = str(params, 'modelPath');
    const settings = openVinoSettingsFrom(params);
    const batch = wholeNumber(params.batch ?? 1, 'batch', 1);
    const memory = new MemoryReadings();
    const feedOptions = feedOptionsFrom(params, modelPath);
    let plan: PlannedInput[] = [];
    const model = await loadWithOpenVino(modelPath, settings, {
      // The inputs are planned before compiling: the NPU is compiled for exactly these shapes.
      shapesFor: (inputs) => {
        const batchMismatch = fixedBatchMismatch(inputs, batch, feedOptions);
        if (batchMismatch) throw new RangeError(batchMismatch);
        plan = planInputs(inputs, batch, feedOptions);
        return Object.fromEntries(plan.map((p) => [p.name, p.dims]));
      },
      load,
    });
    const feeds = feedsFor(plan);

    const firstStart = performance.now();
    let firstOutputs: Record<string, Float32Array>;
    try {
      firstOutputs = await model.run(feeds);
    } catch (error) {
      await model.dispose();
      throw new Error(
        `${modelPath}: OpenVINO could not run it on ${OPENVINO_DEVICE_NAMES[settings.device]} with the generated inputs (${describePlan(plan)}): ${(error as Error).message.split('\n').at(-1)}`,
        { cause: error },
      );
    }
    const firstMs = performance.now() - firstStart;
    const output = outputStats(firstOutputs);
    // Compiled with all its infer requests and run once: the inference's own peak, read before
    // the reference check loads onnxruntime's FP32 session.
    memory.markInferenceLoaded();
    const reference = await checkAgainstReference(params, batch, feedOptions, firstOutputs);
    // Read after the first inference: AUTO starts on its CPU helper and may have moved by now.
    const execution = model.execution();
    const executionWarning = execution.fellBack ? `${settings.device}: ${execution.message}` : null;

    const items = batch * model.requests;
    const flops = Number(params.flopsPerSample ?? 0);
    const warnings = [reference.warning, executionWarning, nonFiniteWarning(output)].filter(
      (w): w is string => w !== null,
    );
    return {
      unit: 'ms',
      direction: 'lower-is-better',
      measure: async () => {
        const start = performance.now();
        await model.runAll(feeds);
        return performance.now() - start;
      },
      extras: (median) => ({
        'load ms': Number(model.loadMs.toFixed(1)),
        'compile ms': Number(model.compileMs.toFixed(1)),
        'first inference ms': Number(firstMs.toFixed(2)),
        'infer requests in flight': model.requests,
        ...(model.requests > 1
          ? { 'sample is': `wall time of ${model.requests} InferRequests started at once (inferAsync)` }
          : {}),
        ...(model.reshapedTo ? { reshaped: `reshaped to static shapes for the NPU: ${model.reshapedTo}` } : {}),
        ...sharedResultExtras({ median, items, flopsPerItem: flops, plan, output, reference }),
        'execution devices': execution.devices.join(', ') || 'none reported',
        ...(execution.fellBack ? { 'device check': `⚠ ${execution.message}` } : {}),
        ...memory.extras(),
        settings: settingsLine(settings, model),
        ...runtimeExtras(model.runtime),
      }),
      warnings: () => warnings,
      dispose: () => void model.dispose(),
    };
  };
}

/** The registered factory: openvino-node, or the module TUNEBENCH_OPENVINO_MODULE names. */
export const inferenceOpenVino: BenchmarkFactory = inferenceOpenVinoWith();
