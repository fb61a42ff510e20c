import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { machineBusyCpuUs, ProcCpuLoad, readProcStat } from '../../../../../src/main/core/hardware/cpu-time/proc-stat';
import { processTreeCpuUs } from '../../../../../src/main/core/hardware/cpu-time/process-tree';
import { readProcMeminfo } from '../../../../../src/main/core/hardware/telemetry/proc-meminfo';
import { useTempDirs } from '../../../../helpers/temp-dir';

const recorded = (name: string) =>
  fileURLToPath(new URL(`../../../../fixtures/recorded/proc/${name}`, import.meta.url));
const tempDir = useTempDirs();
const linux = process.platform === 'linux';
const BURN = 'const end = process.cpuUsage().user + 300000; while (process.cpuUsage().user < end) {}';

describe('/proc/stat', () => {
  it('reads the machine line and one line per core, busy without idle, iowait or steal', () => {
    const stat = readProcStat(recorded('stat-2cpu.txt'))!;
    expect(stat.cores).toHaveLength(2);
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const [user, nice, system, idle, iowait, irq, softirq] = readFileSync(recorded('stat-2cpu.txt'), 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1, 8)
      .map(Number) as [number, number, number, number, number, number, number];
    const busy = user + nice + system + irq + softirq;
    expect(stat.machine).toEqual({ busy, total: busy + idle + iowait });
    expect(machineBusyCpuUs(recorded('stat-2cpu.txt'))).toBe(stat.machine.busy * 10_000);
  });

  it('gives utilisation between two reads, per core and for the machine', () => {
    const path = join(tempDir(), 'stat');
    writeFileSync(
      path,
      'cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\ncpu1 50 0 50 400 0 0 0 0 0 0\nintr 1\n',
    );
    const load = new ProcCpuLoad(path);
    load.read();
    // cpu0 fully busy for 100 jiffies, cpu1 idle: the machine was half busy.
    writeFileSync(
      path,
      'cpu  200 0 100 900 0 0 0 0 0 0\ncpu0 150 0 50 400 0 0 0 0 0 0\ncpu1 50 0 50 500 0 0 0 0 0 0\nintr 1\n',
    );
    expect(load.read()).toEqual({ totalPct: 50, perCorePct: [100, 0] });
  });

  it('is null, not a crash, where there is no /proc/stat', () => {
    expect(readProcStat(join(tempDir(), 'missing'))).toBeNull();
    expect(new ProcCpuLoad(join(tempDir(), 'missing')).read()).toBeNull();
  });

  it.runIf(linux)('counts at least the CPU this process burns between two reads of the real file', () => {
    const before = machineBusyCpuUs()!;
    const own = process.cpuUsage();
    const end = Date.now() + 200;
    while (Date.now() < end) {
      // burn
    }
    const burnt = process.cpuUsage(own);
    // Jiffies are 10 ms: allow one per core of rounding. Other processes only add to the machine's count.
    expect(machineBusyCpuUs()! - before).toBeGreaterThanOrEqual(burnt.user + burnt.system - 20_000);
  });
});

describe.runIf(linux)('processTreeCpuUs', () => {
  it('includes children already reaped and children still running', async () => {
    const before = processTreeCpuUs()!;
    expect(before).toBeGreaterThan(0);
    expect(spawnSync(process.execPath, ['-e', BURN]).status).toBe(0);
    const afterReaped = processTreeCpuUs()!;
    expect(afterReaped - before).toBeGreaterThanOrEqual(250_000);

    const child = spawn(process.execPath, ['-e', `${BURN}; setInterval(() => {}, 1000)`], { stdio: 'ignore' });
    try {
      // Wait until the live child has burnt its 300 ms, as /proc sees it.
      const deadline = Date.now() + 20_000;
      while (processTreeCpuUs()! - afterReaped < 250_000 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(processTreeCpuUs()! - afterReaped).toBeGreaterThanOrEqual(250_000);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('is null for a process that does not exist', () => {
    expect(processTreeCpuUs(2 ** 22 + 12345)).toBeNull();
  });
});

describe('/proc/meminfo', () => {
  it('reads total and available memory in bytes', () => {
    const text = readFileSync(recorded('meminfo.txt'), 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)![1]) * 1024;
    expect(readProcMeminfo(recorded('meminfo.txt'))).toEqual({
      totalBytes: kb('MemTotal'),
      availableBytes: kb('MemAvailable'),
    });
    expect(readProcMeminfo(join(tempDir(), 'missing'))).toBeNull();
  });
});
