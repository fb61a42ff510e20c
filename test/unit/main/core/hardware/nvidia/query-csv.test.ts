import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  decodeClockReasons,
  parseComputeCapabilities,
  parseTelemetryLine,
  telemetryFields,
} from '../../../../../../src/main/core/hardware/nvidia/query-csv';
import { FAKE_NVIDIA_SMI } from '../../../../../helpers/fake-tools';

const run = promisify(execFile);

describe('decodeClockReasons', () => {
  it('decodes the recorded idle mask 0x0000000000000001 as gpu_idle', () => {
    expect(decodeClockReasons('0x0000000000000001')).toEqual(['gpu_idle']);
  });

  it('decodes 0x0 as no reason', () => {
    expect(decodeClockReasons('0x0')).toEqual([]);
    expect(decodeClockReasons('0x0000000000000000')).toEqual([]);
  });

  it('decodes the recorded supported mask 0x00000000000001FF as all nine reasons, in bit order', () => {
    expect(decodeClockReasons('0x00000000000001FF')).toEqual([
      'gpu_idle',
      'applications_clocks_setting',
      'sw_power_cap',
      'hw_slowdown',
      'sync_boost',
      'sw_thermal_slowdown',
      'hw_thermal_slowdown',
      'hw_power_brake_slowdown',
      'display_clock_setting',
    ]);
  });

  it('decodes single bits to single names', () => {
    expect(decodeClockReasons('0x0000000000000004')).toEqual(['sw_power_cap']);
    expect(decodeClockReasons('0x0000000000000060')).toEqual(['sw_thermal_slowdown', 'hw_thermal_slowdown']);
  });

  it('treats placeholders and junk as no reason', () => {
    expect(decodeClockReasons('[N/A]')).toEqual([]);
    expect(decodeClockReasons('[Not Supported]')).toEqual([]);
    expect(decodeClockReasons('')).toEqual([]);
    expect(decodeClockReasons('Not Active')).toEqual([]);
  });
});

describe('parseTelemetryLine', () => {
  it('parses the lines the (fake) nvidia-smi prints for the telemetry query', async () => {
    const { stdout } = await run(FAKE_NVIDIA_SMI, [
      `--query-gpu=${telemetryFields('clocks_event_reasons.active').join(',')}`,
      '--format=csv,noheader,nounits',
    ]);
    // The recorded RTX 4080 SUPER idle capture.
    expect(parseTelemetryLine(stdout.trim())).toEqual({
      index: 0,
      utilizationPct: 0,
      memoryUsedMiB: 596,
      memoryTotalMiB: 16376,
      smClockMHz: 210,
      powerW: 26.2,
      temperatureC: 43,
      throttleReasons: ['gpu_idle'],
    });
  });

  it('parses a load line and keeps [N/A] cells as null', () => {
    expect(parseTelemetryLine('0, 7, 1474, 16376, 2805, 84.24, 46, 0x0000000000000000')).toMatchObject({
      utilizationPct: 7,
      smClockMHz: 2805,
      powerW: 84.24,
      throttleReasons: [],
    });
    expect(parseTelemetryLine('1, [N/A], 596, 16376, 210, [N/A], 43, [N/A]')).toMatchObject({
      index: 1,
      utilizationPct: null,
      powerW: null,
      throttleReasons: [],
    });
  });

  it('returns null for malformed lines instead of throwing', () => {
    expect(parseTelemetryLine('')).toBeNull();
    expect(parseTelemetryLine('Field "clocks_event_reasons.active" is not a valid field to query.')).toBeNull();
    expect(parseTelemetryLine('0, 0, 596, 16376, 210, 26.20, 43')).toBeNull();
    expect(parseTelemetryLine('0, 0, 596, 16376, 210, 26.20, 43, 0x1, extra')).toBeNull();
    expect(parseTelemetryLine('[N/A], 0, 596, 16376, 210, 26.20, 43, 0x1')).toBeNull();
  });

  it('asks for the reasons field it is given, last', () => {
    expect(telemetryFields('clocks_throttle_reasons.active').at(-1)).toBe('clocks_throttle_reasons.active');
    expect(telemetryFields('clocks_event_reasons.active')).toHaveLength(8);
  });
});

describe('parseComputeCapabilities', () => {
  it('parses the (fake) nvidia-smi answer to --query-gpu=index,compute_cap', async () => {
    const { stdout } = await run(FAKE_NVIDIA_SMI, ['--query-gpu=index,compute_cap', '--format=csv,noheader']);
    expect(parseComputeCapabilities(stdout)).toEqual(new Map([[0, '8.9']]));
  });

  it('maps several GPUs, skipping blank lines and placeholders', () => {
    const caps = parseComputeCapabilities('0, 8.6\r\n1, [N/A]\n\n2, 7.5\n3, 9\n');
    expect(caps).toEqual(
      new Map([
        [0, '8.6'],
        [2, '7.5'],
      ]),
    );
  });

  it('ignores an error message printed instead of values', () => {
    expect(parseComputeCapabilities('Field "compute_cap" is not a valid field to query.\n').size).toBe(0);
  });
});
