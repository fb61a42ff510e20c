import { describe, expect, it } from 'vitest';
import { addon, requireAddon, skipReason } from './load-addon';

function nsPerLoad(bytes: number, loads: number): number {
  const latency = new (requireAddon().Latency)(bytes);
  try {
    latency.run(loads); // warm-up: caches and TLB in the steady state of a long walk
    return latency.run(loads) / loads;
  } finally {
    latency.dispose();
  }
}

describe.skipIf(addon === null)(`Latency${skipReason}`, () => {
  it('a 64 MiB chase (beyond L2) costs more per load than a 16 KiB one (in L1)', () => {
    const small = nsPerLoad(16 * 1024, 2_000_000);
    const large = nsPerLoad(64 * 2 ** 20, 500_000);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(2 * small);
  });

  it('validates loads and refuses use after dispose', () => {
    const latency = new (requireAddon().Latency)(4096);
    expect(() => latency.run(0)).toThrow(RangeError);
    expect(() => latency.run(0)).toThrow(/Latency.run: loads must be between 1 and/);
    expect(() => latency.run(1.5)).toThrow(TypeError);
    latency.dispose();
    expect(() => latency.run(10)).toThrow(/Latency: disposed/);
  });
});
