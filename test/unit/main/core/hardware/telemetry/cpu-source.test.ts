import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CpuMemorySource, findCpuTemperatureFile } from '../../../../../../src/main/core/hardware/telemetry/cpu-source';
import { TelemetrySampleSchema } from '../../../../../../src/shared/schemas/telemetry';
import { useTempDirs } from '../../../../../helpers/temp-dir';

/** Writes sysfs-style files ("value\n") under root. */
function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, value] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), `${value}\n`);
  }
}

describe('findCpuTemperatureFile', () => {
  const tempDir = useTempDirs();

  it('prefers the x86 package zone over acpitz, whatever the zone order', async () => {
    const sysRoot = tempDir();
    writeTree(sysRoot, {
      'class/thermal/thermal_zone0/type': 'acpitz',
      'class/thermal/thermal_zone0/temp': '27800',
      'class/thermal/thermal_zone1/type': 'x86_pkg_temp',
      'class/thermal/thermal_zone1/temp': '48000',
      'class/thermal/cooling_device0/type': 'Processor',
    });
    expect(await findCpuTemperatureFile(sysRoot)).toBe(`${sysRoot}/class/thermal/thermal_zone1/temp`);
  });

  it('takes acpitz when it is the only CPU-like zone, ignoring other zone types', async () => {
    const sysRoot = tempDir();
    writeTree(sysRoot, {
      'class/thermal/thermal_zone0/type': 'iwlwifi_1',
      'class/thermal/thermal_zone1/type': 'acpitz',
      'class/hwmon/hwmon0/name': 'k10temp',
    });
    expect(await findCpuTemperatureFile(sysRoot)).toBe(`${sysRoot}/class/thermal/thermal_zone1/temp`);
  });

  it('falls back to a CPU hwmon chip (k10temp) when no thermal zone is a CPU', async () => {
    const sysRoot = tempDir();
    writeTree(sysRoot, {
      'class/thermal/thermal_zone0/type': 'iwlwifi_1',
      'class/hwmon/hwmon0/name': 'nvme',
      'class/hwmon/hwmon0/temp1_input': '38850',
      'class/hwmon/hwmon1/name': 'k10temp',
      'class/hwmon/hwmon1/temp1_input': '52125',
    });
    expect(await findCpuTemperatureFile(sysRoot)).toBe(`${sysRoot}/class/hwmon/hwmon1/temp1_input`);
  });

  it('null when nothing measures the CPU, or the classes are missing', async () => {
    const sysRoot = tempDir();
    expect(await findCpuTemperatureFile(sysRoot)).toBeNull();
    writeTree(sysRoot, { 'class/hwmon/hwmon0/name': 'nvme', 'class/thermal/thermal_zone0/type': 'iwlwifi_1' });
    expect(await findCpuTemperatureFile(sysRoot)).toBeNull();
  });
});

describe('CpuMemorySource on this machine', () => {
  const tempDir = useTempDirs();

  it('reads real CPU load and memory, shaped like a telemetry sample', async () => {
    const source = new CpuMemorySource();
    await source.read();
    const reading = await source.read();
    expect(reading.cpu.perCorePct).toHaveLength(os.cpus().length);
    expect(reading.memory.totalBytes).toBe(os.totalmem());
    for (const pct of [reading.cpu.totalPct, ...reading.cpu.perCorePct]) {
      expect(pct).toBeGreaterThanOrEqual(0);
      expect(pct).toBeLessThanOrEqual(100);
    }
    expect(reading.memory.availableBytes).toBeGreaterThan(0);
    expect(reading.memory.usedBytes + reading.memory.availableBytes).toBe(reading.memory.totalBytes);
    expect(reading.cpu.freqMHz.length).toBeGreaterThan(0);
    const parsed = TelemetrySampleSchema.safeParse({ t: Date.now(), ...reading, gpus: [], npus: [] });
    expect(parsed.success).toBe(true);
  });

  it('reads the temperature from the file found under its sysRoot, in °C', async () => {
    const sysRoot = tempDir();
    writeTree(sysRoot, {
      'class/thermal/thermal_zone0/type': 'x86_pkg_temp',
      'class/thermal/thermal_zone0/temp': '45250',
    });
    const source = new CpuMemorySource(sysRoot);
    expect((await source.read()).cpu.temperatureC).toBe(45.3);
    // The file is found once; its value is read on every sample.
    writeFileSync(join(sysRoot, 'class/thermal/thermal_zone0/temp'), '61000\n');
    expect((await source.read()).cpu.temperatureC).toBe(61);
  });

  it('no temperature source → temperatureC null', async () => {
    const source = new CpuMemorySource(tempDir());
    expect((await source.read()).cpu.temperatureC).toBeNull();
  });
});
