import { commandBenchmark } from '../suites/command';
import { deflate } from '../suites/compression';
import { inferenceLatency } from '../suites/inference';
import { inferenceOpenVino } from '../suites/inference-openvino';
import { jsonParse, jsonStringify, numericSort, regexScan } from '../suites/js-engine';
import { gemm, hash, latency, streamTriad } from '../suites/native-kernels';
import type { BenchmarkFactory } from './benchmark';

/** Every benchmark kind a worker can run. Native kinds load the addon lazily, inside the worker. */
export const benchmarkFactories: Record<string, BenchmarkFactory> = {
  'js.json-parse': jsonParse,
  'js.json-stringify': jsonStringify,
  'js.regex': regexScan,
  'js.sort': numericSort,
  'zlib.deflate': deflate,
  'native.gemm': gemm,
  'native.stream-triad': streamTriad,
  'native.latency': latency,
  'native.hash': hash,
  command: commandBenchmark,
  'inference.onnxruntime': inferenceLatency,
  'inference.openvino': inferenceOpenVino,
};

export function registerBenchmark(kind: string, factory: BenchmarkFactory): void {
  benchmarkFactories[kind] = factory;
}
