import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NpuBusySource } from '../../../../../../src/main/core/hardware/telemetry/npu-source';
import { useTempDirs } from '../../../../../helpers/temp-dir';
import { makeAccelNode } from '../npu/sysfs-tree';

describe('NpuBusySource', () => {
  const tempDir = useTempDirs();

  /** A temp accel node whose counter the test writes, and a clock the test moves. */
  function setup(nodes = ['accel0']) {
    const sysRoot = tempDir();
    const counters = Object.fromEntries(
      nodes.map((node) => [node, join(makeAccelNode(sysRoot, node, '0\n'), 'npu_busy_time_us')]),
    );
    let nowMs = 10_000;
    const source = new NpuBusySource(nodes, sysRoot, () => nowMs);
    return {
      source,
      write: (node: string, busyUs: number) => writeFileSync(counters[node]!, `${busyUs}\n`),
      remove: (node: string) => rmSync(counters[node]!),
      advance: (ms: number) => {
        nowMs += ms;
      },
    };
  }

  it('the first read has no previous value → null', async () => {
    const { source, write } = setup();
    write('accel0', 123_456_789);
    expect(await source.read()).toEqual([{ node: 'accel0', busyPct: null }]);
  });

  it('500000 µs more busy time over 1000 ms → 50 %', async () => {
    const { source, write, advance } = setup();
    write('accel0', 2_000_000);
    await source.read();
    write('accel0', 2_500_000);
    advance(1000);
    expect(await source.read()).toEqual([{ node: 'accel0', busyPct: 50 }]);
    // The next interval is measured from the previous read, not from the first.
    write('accel0', 2_600_000);
    advance(500);
    expect(await source.read()).toEqual([{ node: 'accel0', busyPct: 20 }]);
  });

  it('rounds to one decimal', async () => {
    const { source, write, advance } = setup();
    await source.read();
    write('accel0', 123_456);
    advance(1000);
    expect(await source.read()).toEqual([{ node: 'accel0', busyPct: 12.3 }]);
  });

  it('clamps to 0..100 (counter reset, or more busy time than wall time)', async () => {
    const { source, write, advance } = setup();
    write('accel0', 5_000_000);
    await source.read();
    write('accel0', 1_000);
    advance(1000);
    expect(await source.read()).toEqual([{ node: 'accel0', busyPct: 0 }]);
    write('accel0', 3_001_000);
    advance(1000);
    expect(await source.read()).toEqual([{ node: 'accel0', busyPct: 100 }]);
  });

  it('no time elapsed → null rather than a division by zero', async () => {
    const { source, write } = setup();
    await source.read();
    write('accel0', 1_000_000);
    expect(await source.read()).toEqual([{ node: 'accel0', busyPct: null }]);
  });

  it('a counter that disappears reads null; when it is back the last good value is the baseline', async () => {
    const { source, write, remove, advance } = setup();
    write('accel0', 1_000_000);
    await source.read();
    remove('accel0');
    advance(1000);
    expect(await source.read()).toEqual([{ node: 'accel0', busyPct: null }]);
    write('accel0', 1_400_000);
    advance(1000);
    // 400000 µs over the 2000 ms since the last good read.
    expect(await source.read()).toEqual([{ node: 'accel0', busyPct: 20 }]);
  });

  it('keeps a separate baseline per node, in the order given', async () => {
    const { source, write, advance } = setup(['accel1', 'accel0']);
    await source.read();
    write('accel0', 100_000);
    write('accel1', 900_000);
    advance(1000);
    expect(await source.read()).toEqual([
      { node: 'accel1', busyPct: 90 },
      { node: 'accel0', busyPct: 10 },
    ]);
  });
});
