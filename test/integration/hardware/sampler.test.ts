import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CpuMemorySource, type CpuMemoryReading } from '../../../src/main/core/hardware/telemetry/cpu-source';
import { GpuTelemetryStream } from '../../../src/main/core/hardware/telemetry/gpu-stream';
import { TelemetrySampler } from '../../../src/main/core/hardware/telemetry/sampler';
import { TelemetrySampleSchema, type TelemetrySample } from '../../../src/shared/schemas/telemetry';
import { FAKE_NVIDIA_SMI } from '../../helpers/fake-tools';
import { useTempDirs } from '../../helpers/temp-dir';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const samplers: TelemetrySampler[] = [];

afterEach(async () => {
  for (const sampler of samplers.splice(0)) await sampler.stop();
});

function track(sampler: TelemetrySampler): { samples: TelemetrySample[] } {
  samplers.push(sampler);
  const samples: TelemetrySample[] = [];
  sampler.onSample((sample) => samples.push(sample));
  return { samples };
}

async function waitFor(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** The real CPU/memory source, counting its reads. */
class CountingSource {
  reads = 0;
  constructor(private readonly inner = new CpuMemorySource()) {}
  async read(): Promise<CpuMemoryReading> {
    this.reads += 1;
    return this.inner.read();
  }
}

describe('TelemetrySampler with the real CPU/memory source', () => {
  it('samples at about 10 Hz with strictly increasing timestamps', async () => {
    const sampler = new TelemetrySampler({ cpuMemory: new CpuMemorySource() });
    const { samples } = track(sampler);
    const status = sampler.start(10);
    expect(status).toMatchObject({ running: true, hz: 10 });
    await sleep(1200);
    await sampler.stop();
    expect(samples.length).toBeGreaterThanOrEqual(5);
    expect(samples.length).toBeLessThanOrEqual(14);
    for (let i = 1; i < samples.length; i += 1) expect(samples[i]!.t).toBeGreaterThan(samples[i - 1]!.t);
    for (const sample of samples) expect(TelemetrySampleSchema.safeParse(sample).success).toBe(true);
    expect(sampler.recent(100)).toEqual(samples);
  });

  it('does not publish the priming read', async () => {
    const source = new CountingSource();
    const sampler = new TelemetrySampler({ cpuMemory: source });
    const readsAtFirstSample: number[] = [];
    samplers.push(sampler);
    sampler.onSample(() => readsAtFirstSample.push(source.reads));
    sampler.start(10);
    await waitFor(() => readsAtFirstSample.length > 0);
    expect(readsAtFirstSample[0]).toBe(2);
  });

  it('keeps at most `capacity` samples, the newest ones', async () => {
    const sampler = new TelemetrySampler({ cpuMemory: new CpuMemorySource() }, 3);
    const { samples } = track(sampler);
    sampler.start(10);
    await waitFor(() => samples.length >= 5);
    await sampler.stop();
    expect(sampler.recent(100)).toHaveLength(3);
    expect(sampler.recent(100)).toEqual(samples.slice(-3));
    expect(sampler.recent(1)).toEqual(samples.slice(-1));
    expect(sampler.status()).toMatchObject({ bufferedSamples: 3, capacity: 3, running: false });
  });

  it('publishes nothing once stop() has resolved', async () => {
    const sampler = new TelemetrySampler({ cpuMemory: new CpuMemorySource() });
    const { samples } = track(sampler);
    sampler.start(10);
    await waitFor(() => samples.length >= 2);
    const status = await sampler.stop();
    expect(status.running).toBe(false);
    const count = samples.length;
    await sleep(400);
    expect(samples.length).toBe(count);
    expect(sampler.status().bufferedSamples).toBe(count);
  });

  it('rejects rates outside 0.5–10 Hz', () => {
    const sampler = new TelemetrySampler({ cpuMemory: new CpuMemorySource() });
    expect(() => sampler.start(0.1)).toThrow(RangeError);
    expect(() => sampler.start(11)).toThrow(RangeError);
    expect(() => sampler.start(Number.NaN)).toThrow(RangeError);
    expect(() => sampler.start(11)).toThrow('telemetry rate 11 Hz is outside 0.5–10 Hz');
    expect(sampler.status().running).toBe(false);
  });

  it('status() carries the static notes', () => {
    const sampler = new TelemetrySampler({
      cpuMemory: new CpuMemorySource(),
      staticNotes: ['no NVIDIA GPU: nvidia-smi not found on PATH', 'no NPU'],
    });
    expect(sampler.status().notes).toEqual(['no NVIDIA GPU: nvidia-smi not found on PATH', 'no NPU']);
  });

  it('a failing read becomes a note and sampling carries on', async () => {
    const real = new CpuMemorySource();
    let reads = 0;
    let notesAtNextRead: string[] | null = null;
    const sampler: TelemetrySampler = new TelemetrySampler({
      cpuMemory: {
        read: async () => {
          reads += 1;
          if (reads === 3) throw new Error('si.currentLoad failed');
          if (reads === 4) notesAtNextRead = sampler.status().notes;
          return real.read();
        },
      },
    });
    const { samples } = track(sampler);
    sampler.start(10);
    await waitFor(() => samples.length >= 3);
    expect(notesAtNextRead).toEqual(['last sample failed: si.currentLoad failed']);
    // The note is cleared by the next good sample.
    expect(sampler.status().notes).toEqual([]);
  });
});

describe('TelemetrySampler with the fake nvidia-smi stream', () => {
  const tempDir = useTempDirs();

  it('adds the GPU samples to each sample and stops the stream with the sampler', async () => {
    const gpu = new GpuTelemetryStream(FAKE_NVIDIA_SMI);
    const sampler = new TelemetrySampler({ cpuMemory: new CpuMemorySource(), gpu });
    const { samples } = track(sampler);
    sampler.start(5);
    expect(gpu.running).toBe(true);
    await waitFor(() => samples.some((sample) => sample.gpus.length === 1));
    const withGpu = samples.find((sample) => sample.gpus.length === 1)!;
    expect([210, 2805]).toContain(withGpu.gpus[0]!.smClockMHz);
    await sampler.stop();
    expect(gpu.running).toBe(false);
  });

  it("reports the stream's note next to the static notes", async () => {
    const gpu = new GpuTelemetryStream(join(tempDir(), 'nvidia-smi'));
    const sampler = new TelemetrySampler({ cpuMemory: new CpuMemorySource(), gpu, staticNotes: ['no NPU'] });
    samplers.push(sampler);
    sampler.start(10);
    await waitFor(() => sampler.status().notes.length === 2);
    expect(sampler.status().notes).toEqual(['no NPU', 'no NVIDIA driver: nvidia-smi not found on PATH']);
  });
});
