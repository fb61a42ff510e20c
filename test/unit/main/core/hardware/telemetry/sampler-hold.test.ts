import { describe, expect, it } from 'vitest';
import { CpuMemorySource } from '../../../../../../src/main/core/hardware/telemetry/cpu-source';
import { TelemetrySampler } from '../../../../../../src/main/core/hardware/telemetry/sampler';

describe('TelemetrySampler holds', () => {
  it('keeps sampling for a running suite when the UI stops, and stops once both are done', async () => {
    const sampler = new TelemetrySampler({ cpuMemory: new CpuMemorySource() });
    sampler.start(10); // the Hardware page
    const release = sampler.hold(2); // a suite starts
    await sampler.stop(); // the page closes
    expect(sampler.status().running).toBe(true);
    const before = sampler.recent(1000).length;
    // The first reads of a fresh process take a few hundred ms; poll rather than guess.
    await expect.poll(() => sampler.recent(1000).length, { timeout: 5000 }).toBeGreaterThan(before + 2);
    await release();
    expect(sampler.status().running).toBe(false);
  });

  it('keeps running for the UI after a suite releases its hold', async () => {
    const sampler = new TelemetrySampler({ cpuMemory: new CpuMemorySource() });
    const release = sampler.hold(2);
    sampler.start(5);
    await release();
    await release(); // releasing twice is harmless
    expect(sampler.status().running).toBe(true);
    await sampler.stop();
    expect(sampler.status().running).toBe(false);
  });
});
