import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { detectNoise } from '../../../../../src/main/core/bench/noise';
import { CpuMemorySource } from '../../../../../src/main/core/hardware/telemetry/cpu-source';
import type { TelemetrySample } from '../../../../../src/shared/schemas/telemetry';

async function realSamples(count: number, intervalMs: number, during?: () => void): Promise<TelemetrySample[]> {
  const source = new CpuMemorySource();
  await source.read(); // prime: utilisation is a delta
  const samples: TelemetrySample[] = [];
  for (let i = 0; i < count; i += 1) {
    const until = Date.now() + intervalMs;
    if (during) while (Date.now() < until) during();
    else await new Promise((r) => setTimeout(r, intervalMs));
    const reading = await source.read();
    samples.push({ t: Date.now(), ...reading, gpus: [], npus: [] });
  }
  return samples;
}

describe('detectNoise', () => {
  it('decides "machine busy" from the exact busy CPU time of the window when it has one', () => {
    // A 500 ms round on 2 CPUs: 1 s of capacity; the benchmark's tree used 250 ms.
    const exact = (machineBusyUs: number) =>
      detectNoise({ telemetry: [], workerCpuTimeUs: 250_000, wallMs: 500, logicalCpus: 2, machineBusyUs });
    expect(exact(300_000)).toEqual([]); // 5 % more than its own: not busy, even with no telemetry sample at all
    expect(exact(800_000)).toEqual([
      'machine busy: other processes used 55 % of the CPU during the run (benchmark itself 25 %)',
    ]);
  });

  it('flags load from another process, measured for real on this machine', async () => {
    // This test process spins while "the benchmark" (which used no CPU) supposedly ran.
    let x = 0;
    const telemetry = await realSamples(4, 150, () => {
      x = (x + 1) % 1000;
    });
    const warnings = detectNoise({ telemetry, workerCpuTimeUs: 0, wallMs: 600, logicalCpus: os.cpus().length });
    expect(warnings.join('\n')).toMatch(/machine busy: other processes used \d+ %/);
  });

  it('does not blame the benchmark for its own CPU use', async () => {
    const telemetry = await realSamples(4, 150);
    const fakeHeavy = telemetry.map((s) => ({ ...s, cpu: { ...s.cpu, totalPct: 100 / os.cpus().length } }));
    const warnings = detectNoise({
      telemetry: fakeHeavy,
      workerCpuTimeUs: 600_000, // one core busy for the whole 600 ms
      wallMs: 600,
      logicalCpus: os.cpus().length,
    });
    expect(warnings.filter((w) => w.startsWith('machine busy'))).toEqual([]);
  });

  it('flags clock changes, GPU throttling (recorded reason names) and heat', () => {
    const base: TelemetrySample = {
      t: 0,
      cpu: { totalPct: 0, perCorePct: [0], freqMHz: [3000], temperatureC: 60 },
      memory: { usedBytes: 1, availableBytes: 1, totalBytes: 2 },
      gpus: [],
      npus: [],
    };
    const telemetry: TelemetrySample[] = [
      base,
      {
        ...base,
        t: 1,
        cpu: { ...base.cpu, freqMHz: [2000], temperatureC: 97 },
        gpus: [
          {
            index: 0,
            utilizationPct: 99,
            memoryUsedMiB: 1,
            memoryTotalMiB: 2,
            smClockMHz: 1000,
            powerW: 300,
            temperatureC: 88,
            throttleReasons: ['gpu_idle', 'sw_power_cap'],
          },
        ],
      },
    ];
    const warnings = detectNoise({ telemetry, workerCpuTimeUs: 0, wallMs: 1000, logicalCpus: 1 });
    expect(warnings).toContain('CPU clock changed during the run: 2000–3000 MHz');
    expect(warnings).toContain('throttling during the run: GPU 0 sw_power_cap');
    expect(warnings).toContain('CPU reached 97 °C: thermal throttling is likely');
  });
});
