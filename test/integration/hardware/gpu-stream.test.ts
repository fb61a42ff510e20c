import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GpuTelemetryStream } from '../../../src/main/core/hardware/telemetry/gpu-stream';
import type { GpuSample } from '../../../src/shared/schemas/telemetry';
import { FAKE_NVIDIA_SMI } from '../../helpers/fake-tools';
import { useTempDirs } from '../../helpers/temp-dir';

const FAKE_VARS = ['FAKE_SMI_XML', 'FAKE_SMI_FAIL', 'FAKE_SMI_NO_QUERY', 'FAKE_SMI_OLD_DRIVER'] as const;
const saved = Object.fromEntries(FAKE_VARS.map((name) => [name, process.env[name]]));
const streams: GpuTelemetryStream[] = [];

afterEach(() => {
  for (const stream of streams.splice(0)) stream.stop();
  for (const name of FAKE_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Pids of live processes whose command line contains `marker`, read from the real /proc. */
function pidsWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // the process exited while we looked
    }
  }
  return pids;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ESRCH');
    return false;
  }
}

describe('GpuTelemetryStream with the fake nvidia-smi', () => {
  const tempDir = useTempDirs();

  /** The fake under a path unique to this test, so its process can be found in /proc. */
  function uniqueSmi(): string {
    const path = join(tempDir('tunebench-smi-'), 'nvidia-smi');
    symlinkSync(FAKE_NVIDIA_SMI, path);
    return path;
  }

  function startStream(smi: string, intervalMs = 100): GpuTelemetryStream {
    const stream = new GpuTelemetryStream(smi);
    streams.push(stream);
    stream.start(intervalMs);
    return stream;
  }

  /** Polls read() and returns every distinct sample seen, until both recorded captures appeared. */
  async function collectBothCaptures(stream: GpuTelemetryStream): Promise<GpuSample[]> {
    const seen = new Map<string, GpuSample>();
    await waitFor(() => {
      for (const sample of stream.read()) seen.set(JSON.stringify(sample), sample);
      return seen.size >= 2;
    });
    return [...seen.values()];
  }

  const IDLE: GpuSample = {
    index: 0,
    utilizationPct: 0,
    memoryUsedMiB: 596,
    memoryTotalMiB: 16376,
    smClockMHz: 210,
    powerW: 26.2,
    temperatureC: 43,
    throttleReasons: ['gpu_idle'],
  };
  const LOAD: GpuSample = {
    index: 0,
    utilizationPct: 7,
    memoryUsedMiB: 1474,
    memoryTotalMiB: 16376,
    smClockMHz: 2805,
    powerW: 84.24,
    temperatureC: 46,
    throttleReasons: [],
  };

  it('keeps the latest line, alternating between the recorded idle and load captures', async () => {
    const stream = startStream(uniqueSmi());
    expect(stream.running).toBe(true);
    const samples = await collectBothCaptures(stream);
    expect(samples).toHaveLength(2);
    expect(samples).toContainEqual(IDLE);
    expect(samples).toContainEqual(LOAD);
    // One GPU: read() holds the newest sample only, never a backlog.
    expect(stream.read()).toHaveLength(1);
    expect(stream.note).toBeNull();
  });

  it('falls back to clocks_throttle_reasons on a pre-R535 driver and still samples', async () => {
    process.env.FAKE_SMI_OLD_DRIVER = '1';
    const smi = uniqueSmi();
    const stream = startStream(smi);
    const samples = await collectBothCaptures(stream);
    expect(samples).toContainEqual(IDLE);
    expect(samples).toContainEqual(LOAD);
    expect(stream.note).toBeNull();
    const running = pidsWith(smi).map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    expect(running).toHaveLength(1);
    expect(running[0]).toContain('clocks_throttle_reasons.active');
    expect(running[0]).not.toContain('clocks_event_reasons');
  });

  it('asks for samples at the given interval, at least 100 ms', async () => {
    const smi = uniqueSmi();
    startStream(smi, 30);
    const [pid] = await waitFor(() => {
      const pids = pidsWith(smi);
      return pids.length > 0 && pids;
    });
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(args.slice(args.indexOf('-lms'), args.indexOf('-lms') + 2)).toEqual(['-lms', '100']);
    expect(args).toContain('--format=csv,noheader,nounits');
  });

  it('stop() kills the nvidia-smi process and clears the samples', async () => {
    const smi = uniqueSmi();
    const stream = startStream(smi);
    await waitFor(() => stream.read().length > 0);
    const pids = pidsWith(smi);
    expect(pids).toHaveLength(1);
    const pid = pids[0]!;
    expect(isAlive(pid)).toBe(true);

    stream.stop();
    expect(stream.running).toBe(false);
    expect(stream.read()).toEqual([]);
    await waitFor(() => !isAlive(pid), 3000);
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    // Stopping on purpose is not a failure, and nothing arrives afterwards.
    await sleep(300);
    expect(stream.note).toBeNull();
    expect(stream.read()).toEqual([]);
  });

  it('start() while running replaces the process without reporting the old one as failed', async () => {
    const smi = uniqueSmi();
    const stream = startStream(smi);
    await waitFor(() => stream.read().length > 0);
    const [first] = pidsWith(smi);

    stream.start(200);
    await waitFor(() => first !== undefined && !isAlive(first), 3000);
    await waitFor(() => stream.read().length > 0);
    await sleep(300);
    expect(stream.note).toBeNull();
    expect(stream.running).toBe(true);
    expect(stream.read()).toHaveLength(1);
    expect(pidsWith(smi)).toHaveLength(1);
  });

  it('reports a process that dies on its own and drops its stale samples', async () => {
    const smi = uniqueSmi();
    const stream = startStream(smi);
    await waitFor(() => stream.read().length > 0);
    const [pid] = pidsWith(smi);
    process.kill(pid!, 'SIGKILL');

    const note = await waitFor(() => stream.note);
    expect(note).toBe('nvidia-smi telemetry stopped unexpectedly (exit signal)');
    expect(stream.read()).toEqual([]);
    expect(stream.running).toBe(false);
  });

  it('no driver: the note carries the driver reason and there are no samples', async () => {
    process.env.FAKE_SMI_FAIL = 'no-driver';
    const stream = startStream(uniqueSmi());
    const note = await waitFor(() => stream.note);
    expect(note).toBe('NVIDIA driver not running: nvidia-smi could not talk to it');
    expect(stream.read()).toEqual([]);
    await waitFor(() => !stream.running);
  });

  it('a missing binary: the note says not found', async () => {
    const stream = startStream(join(tempDir(), 'nvidia-smi'));
    const note = await waitFor(() => stream.note);
    expect(note).toContain('not found');
    expect(stream.read()).toEqual([]);
  });
});
