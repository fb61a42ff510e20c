import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HardwareProfileSchema } from '../../../src/shared/schemas/hardware';
import { TelemetrySampleSchema } from '../../../src/shared/schemas/telemetry';
import { assertBuilt, runCli } from '../../helpers/cli';
import { FAKE_NVIDIA_SMI } from '../../helpers/fake-tools';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const cpuInfoModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim();

beforeAll(() => assertBuilt());

describe('tunebench hw', () => {
  it('--json prints a schema-valid profile of this machine, with absent GPU and NPU reasons', async () => {
    const home = tempDir();
    const result = await runCli(['hw', '--json'], { TUNEBENCH_HOME: home, TUNEBENCH_NVIDIA_SMI: '' });
    expect(result.code).toBe(0);
    const profile = HardwareProfileSchema.parse(JSON.parse(result.stdout));
    if (cpuInfoModel) expect(profile.cpu.model).toContain(cpuInfoModel.replace(/^AMD |^Intel\(R\) /, ''));
    expect(profile.cpu.threads).toBe(os.cpus().length);
    expect(profile.memory.totalBytes).toBe(os.totalmem());
    expect(profile.cpu.isa.rawFlags.length).toBeGreaterThan(10);
    expect(profile.gpus).toEqual([]);
    expect(profile.nvidia.reason).toMatch(/nvidia-smi not found/);
    expect(profile.npu.reason).toMatch(/OpenVINO runtime not installed/);
    expect(readdirSync(home)).toContain('tunebench.db');
  });

  it('prints a readable summary and, with recorded nvidia-smi output, the GPUs', async () => {
    const result = await runCli(['hw'], {
      TUNEBENCH_HOME: tempDir(),
      TUNEBENCH_NVIDIA_SMI: FAKE_NVIDIA_SMI,
      FAKE_SMI_XML: 'q-x-dual-rtx-a5000.xml',
      FAKE_SMI_NO_QUERY: '1',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^CPU\n/);
    expect(result.stdout).toContain('GPU 0          NVIDIA RTX A5000');
    expect(result.stdout).toContain('GPU 1          NVIDIA RTX A5000');
    expect(result.stdout).toMatch(/ISA\s+\S+/);
  });

  it('--watch --json streams telemetry samples and stops after --count', async () => {
    const result = await runCli(['hw', '--watch', '--json', '--hz', '10', '--count', '3'], {
      TUNEBENCH_HOME: tempDir(),
    });
    expect(result.code).toBe(0);
    const samples = result.stdout
      .trim()
      .split('\n')
      .map((line) => TelemetrySampleSchema.parse(JSON.parse(line)));
    expect(samples).toHaveLength(3);
    expect(samples.every((sample) => sample.cpu.perCorePct.length === os.cpus().length)).toBe(true);
  });

  it('refuses an out-of-range rate with a clear message and a non-zero exit', async () => {
    const result = await runCli(['hw', '--watch', '--hz', '50'], { TUNEBENCH_HOME: tempDir() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--hz.*from 0.5 to 10/);
  });

  it('still works when the database is corrupt: it is moved aside and the user is told', async () => {
    const home = tempDir();
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'tunebench.db'), 'garbage, not sqlite '.repeat(100));
    const result = await runCli(['hw', '--json'], { TUNEBENCH_HOME: home });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/unreadable .* moved to .*corrupt-/);
    expect(readdirSync(home).some((name) => name.startsWith('tunebench.db.corrupt-'))).toBe(true);
  });

  it('has help text for every command', async () => {
    for (const args of [['--help'], ['hw', '--help'], ['serve', '--help']]) {
      const result = await runCli(args, {});
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage: tunebench/);
    }
  });
});
