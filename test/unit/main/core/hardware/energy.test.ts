import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { energyBetween, probeEnergy, readEnergy } from '../../../../../src/main/core/hardware/energy';
import { useTempDirs } from '../../../../helpers/temp-dir';

const tempDir = useTempDirs();

/**
 * The layout of Linux's powercap class as documented in the kernel's
 * Documentation/power/powercap/powercap.rst: intel-rapl:0 (name "package-0") with subzones
 * intel-rapl:0:0 ("core") and intel-rapl:0:1 ("uncore"), each with energy_uj and max_energy_range_uj.
 */
function raplTree(energyUj: number, maxRangeUj = 262143328850): string {
  const root = tempDir();
  const zone = (name: string, label: string, value: number) => {
    const dir = join(root, 'class', 'powercap', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'name'), `${label}\n`);
    writeFileSync(join(dir, 'energy_uj'), `${value}\n`);
    writeFileSync(join(dir, 'max_energy_range_uj'), `${maxRangeUj}\n`);
  };
  zone('intel-rapl:0', 'package-0', energyUj);
  zone('intel-rapl:0:0', 'core', 1);
  zone('intel-rapl:0:1', 'uncore', 1);
  return root;
}

describe('RAPL energy', () => {
  it('finds package zones only (not subzones) and turns counter deltas into joules and watts', async () => {
    const root = raplTree(1_000_000);
    const probe = await probeEnergy(root);
    expect(probe.status).toBe('present');
    if (probe.status !== 'present') return;
    expect(probe.zones.map((z) => z.name)).toEqual(['package-0']);
    const start = (await readEnergy(probe.zones, () => 0))!;
    writeFileSync(join(root, 'class', 'powercap', 'intel-rapl:0', 'energy_uj'), '31000000\n');
    const end = (await readEnergy(probe.zones, () => 2000))!;
    expect(energyBetween(probe.zones, start, end)).toEqual({ joules: 30, watts: 15 });
  });

  it('handles the counter wrapping around at max_energy_range_uj', async () => {
    const root = raplTree(999_000_000, 1_000_000_000);
    const probe = await probeEnergy(root);
    if (probe.status !== 'present') throw new Error('expected zones');
    const start = (await readEnergy(probe.zones, () => 0))!;
    writeFileSync(join(root, 'class', 'powercap', 'intel-rapl:0', 'energy_uj'), '4000000\n');
    const end = (await readEnergy(probe.zones, () => 1000))!;
    expect(energyBetween(probe.zones, start, end).joules).toBe(5);
  });

  it('says plainly when there are no counters (this VM) or they are unreadable', async () => {
    const real = await probeEnergy();
    if (real.status !== 'present') expect(real.reason).toMatch(/powercap|RAPL|readable/);
    const empty = tempDir();
    mkdirSync(join(empty, 'class', 'powercap'), { recursive: true });
    expect(await probeEnergy(empty)).toEqual({
      status: 'absent',
      reason: `${empty}/class/powercap has no RAPL package zone`,
    });
    const noCounter = tempDir();
    mkdirSync(join(noCounter, 'class', 'powercap', 'intel-rapl:0'), { recursive: true });
    expect((await probeEnergy(noCounter)) as { reason: string }).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(/needs root/),
    });
  });
});
