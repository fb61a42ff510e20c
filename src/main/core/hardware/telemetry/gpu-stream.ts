import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { GpuSample } from '../../../../shared/schemas/telemetry';
import { parseTelemetryLine, telemetryFields } from '../nvidia/query-csv';
import { classifySmiFailure, nvidiaSmiPath } from '../nvidia/smi-errors';

type ReasonsField = 'clocks_event_reasons.active' | 'clocks_throttle_reasons.active';

/**
 * One long-running `nvidia-smi --query-gpu=… -lms N` process for the whole telemetry session:
 * spawning nvidia-smi per sample costs tens of milliseconds of CPU each time. The latest line
 * per GPU is kept; the sampler reads it at its own pace.
 */
export class GpuTelemetryStream {
  private child: ChildProcess | null = null;
  private readonly latest = new Map<number, GpuSample>();
  private failure: string | null = null;
  private stopped = true;

  constructor(private readonly smi: string = nvidiaSmiPath()) {}

  /** Why there are no GPU samples, when there are none; null while all is well. */
  get note(): string | null {
    return this.failure;
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(intervalMs: number): void {
    this.stop();
    this.stopped = false;
    this.failure = null;
    this.launch(Math.max(100, Math.round(intervalMs)), 'clocks_event_reasons.active');
  }

  private launch(intervalMs: number, reasonsField: ReasonsField): void {
    const args = [
      `--query-gpu=${telemetryFields(reasonsField).join(',')}`,
      '--format=csv,noheader,nounits',
      `-lms`,
      String(intervalMs),
    ];
    const child = spawn(this.smi, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    let sawSample = false;
    const unparsed: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      // Lines still buffered from a process that stop() or a restart replaced are stale.
      if (this.child !== child) return;
      const sample = parseTelemetryLine(line);
      if (sample) {
        sawSample = true;
        this.latest.set(sample.index, sample);
      } else if (unparsed.length < 20) {
        unparsed.push(line);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (unparsed.length < 20) unparsed.push(chunk.toString('utf8'));
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (this.child !== child) return;
      this.failure =
        error.code === 'ENOENT' ? 'no NVIDIA driver: nvidia-smi not found on PATH' : `nvidia-smi: ${error.message}`;
    });
    child.on('close', (code) => {
      // A process that stop() or a restart replaced ended on purpose: not a failure of the stream.
      if (this.child !== child) return;
      this.child = null;
      if (this.stopped) return;
      const output = unparsed.join('\n');
      // Drivers before R535 only know the old name of the clock reasons field.
      if (!sawSample && reasonsField === 'clocks_event_reasons.active' && /not a valid field/i.test(output)) {
        this.launch(intervalMs, 'clocks_throttle_reasons.active');
        return;
      }
      this.failure ??= sawSample
        ? `nvidia-smi telemetry stopped unexpectedly (exit ${code ?? 'signal'})`
        : classifySmiFailure(output, code).reason;
      this.latest.clear();
    });
  }

  /** The most recent sample of every GPU, ordered by index. */
  read(): GpuSample[] {
    return [...this.latest.values()].sort((a, b) => a.index - b.index);
  }

  stop(): void {
    this.stopped = true;
    this.child?.kill('SIGTERM');
    this.child = null;
    this.latest.clear();
  }
}
