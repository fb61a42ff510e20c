import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CudaToolOutputError, parseCudaToolOutput } from '../../../../../../src/main/core/inference/cuda/report';
import { RECORDED_DIR } from '../../../../../helpers/fake-tools';

const CUDA_DIR = join(RECORDED_DIR, 'cuda');
const read = (file: string): string => readFileSync(join(CUDA_DIR, file), 'utf8');

/** The value after "<label>" on a deviceQuery / bandwidthTest line, as a number. */
function recorded(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`pattern ${pattern} not in recording`);
  return Number(match[1]);
}

describe('parseCudaToolOutput', () => {
  it('reads the RTX 4090 document derived from recorded deviceQuery / bandwidthTest outputs', () => {
    const report = parseCudaToolOutput(read('rtx4090-derived.json'));
    expect(report.errors).toEqual([]);
    expect(report.devices).toHaveLength(1);
    const device = report.devices[0]!;
    expect(device.name).toBe('NVIDIA GeForce RTX 4090');
    expect(device.computeCapability).toBe('8.9');
    expect(device.results.fp32Tflops).toBeNull();
    expect(device.results.method.matmul).toBe('own tiled kernels');
  });

  it('keeps the derived document faithful to the verbatim recordings', () => {
    const query = read('deviceQuery-rtx4090-win-cuda12.6.txt');
    const bandwidth = read('bandwidthTest-rtx4090-win-cuda12.6.txt');
    const device = parseCudaToolOutput(read('rtx4090-derived.json')).devices[0]!;
    expect(device.multiprocessors).toBe(recorded(query, /\((\d+)\) Multiprocessors/));
    expect(device.clockMHz).toBe(recorded(query, /GPU Max Clock rate:\s+(\d+) MHz/));
    expect(device.memoryClockMHz).toBe(recorded(query, /Memory Clock rate:\s+(\d+) Mhz/));
    expect(device.memoryBusWidth).toBe(recorded(query, /Memory Bus Width:\s+(\d+)-bit/));
    expect(device.totalGlobalMemBytes).toBe(recorded(query, /\((\d+) bytes\)/));
    expect(device.l2CacheBytes).toBe(recorded(query, /L2 Cache Size:\s+(\d+) bytes/));
    // bandwidthTest's MB/s are 1,024,000 bytes/s (see the recordings' README); ours are 1e9 bytes/s.
    const [h2d, d2h, d2d] = [...bandwidth.matchAll(/33554432\s+([\d.]+)/g)].map((m) => Number(m[1]) * 1.024e-3);
    expect(device.results.h2dPinnedGBps).toBeCloseTo(h2d!, 4);
    expect(device.results.d2hPinnedGBps).toBeCloseTo(d2h!, 4);
    expect(device.results.d2dGBps).toBeCloseTo(d2d!, 4);
  });

  it('reads the no-device documents: derived from a recorded error, and recorded from tb-cuda on this machine', () => {
    const noDevice = parseCudaToolOutput(read('no-device-derived.json'));
    expect(noDevice.devices).toEqual([]);
    expect(read('error-no-device-nccl-tests.txt')).toContain(noDevice.errors[0]!.replace('cudaGetDeviceCount: ', ''));
    expect(parseCudaToolOutput(read('tb-cuda-no-driver-this-machine.json')).errors).toEqual([
      'cudaGetDeviceCount: CUDA driver version is insufficient for CUDA runtime version',
    ]);
  });

  it('refuses output that is not JSON, quoting its beginning', () => {
    expect(() => parseCudaToolOutput('Segmentation fault (core dumped)\n')).toThrow(
      /not valid JSON .*output begins "Segmentation fault/,
    );
    expect(() => parseCudaToolOutput('')).toThrow(CudaToolOutputError);
  });

  it('refuses a truncated document (the tool died mid-print)', () => {
    const text = read('rtx4090-derived.json');
    expect(() => parseCudaToolOutput(text.slice(0, text.length / 2))).toThrow(/tb-cuda output: not valid JSON/);
  });

  it('names the JSON path of a wrong field', () => {
    const value = JSON.parse(read('rtx4090-derived.json')) as {
      devices: { computeCapability: string; results: Record<string, unknown> }[];
    };
    value.devices[0]!.results.fp16Tflops = 'fast';
    expect(() => parseCudaToolOutput(JSON.stringify(value))).toThrow(/devices\[0\]\.results\.fp16Tflops: /);
    value.devices[0]!.results.fp16Tflops = null;
    value.devices[0]!.computeCapability = 'sm_89';
    expect(() => parseCudaToolOutput(JSON.stringify(value))).toThrow(
      /devices\[0\]\.computeCapability: expected "major.minor"/,
    );
    delete value.devices[0]!.results.method;
    expect(() => parseCudaToolOutput(JSON.stringify(value))).toThrow(/devices\[0\]\.results\.method: /);
  });

  it('refuses another schema or a newer version rather than half-reading it', () => {
    const value = JSON.parse(read('no-device-derived.json')) as Record<string, unknown>;
    expect(() => parseCudaToolOutput(JSON.stringify({ ...value, version: 2 }))).toThrow(/version: /);
    expect(() => parseCudaToolOutput(JSON.stringify({ ...value, schema: 'nvbandwidth' }))).toThrow(/schema: /);
    expect(() => parseCudaToolOutput('[]')).toThrow(/\(root\): /);
  });
});
