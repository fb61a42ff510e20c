import type { TelemetrySample, TelemetryStatus } from '../../../../shared/schemas/telemetry';
import { TELEMETRY_MAX_HZ, TELEMETRY_MIN_HZ } from '../../../../shared/schemas/telemetry';
import { errorMessage } from '../../util/timebox';
import { CpuMemorySource, type CpuMemoryReading } from './cpu-source';
import type { GpuTelemetryStream } from './gpu-stream';
import type { NpuBusySource } from './npu-source';
import { RingBuffer } from './ring-buffer';

export interface SamplerSources {
  cpuMemory: { read(): Promise<CpuMemoryReading> };
  /** Absent when the profile found no NVIDIA GPU: no nvidia-smi process is started then. */
  gpu?: Pick<GpuTelemetryStream, 'start' | 'stop' | 'read' | 'note'>;
  npu?: Pick<NpuBusySource, 'read'>;
  /** Why a device has no series, decided when the sampler was built (e.g. "no NVIDIA GPU"). */
  staticNotes?: string[];
}

export type SampleListener = (sample: TelemetrySample) => void;

export const DEFAULT_TELEMETRY_CAPACITY = 3600;

/**
 * Samples CPU, memory, GPU and NPU at 0.5–10 Hz into a ring buffer and notifies listeners.
 * Uses a self-rescheduling timeout, so a slow read delays the next sample instead of piling
 * reads up; stop() waits for the read in flight so nothing fires after it returns.
 */
export class TelemetrySampler {
  private readonly buffer: RingBuffer<TelemetrySample>;
  private readonly listeners = new Set<SampleListener>();
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private hz = 2;
  private running = false;
  /** Internal users (a running suite) that need samples whatever the UI asks for. */
  private holds = 0;
  private wantedByClient = false;
  private lastError: string | null = null;
  private primed = false;

  constructor(
    private readonly sources: SamplerSources = { cpuMemory: new CpuMemorySource() },
    capacity = DEFAULT_TELEMETRY_CAPACITY,
  ) {
    this.buffer = new RingBuffer(capacity);
  }

  onSample(listener: SampleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A client (UI, CLI) wants samples at this rate. */
  start(hz: number): TelemetryStatus {
    this.wantedByClient = true;
    return this.run(hz);
  }

  /**
   * Keeps the sampler running for an internal user until the returned release is called, even if a
   * client stops it meanwhile (closing the Hardware page must not blind a suite's noise check).
   */
  hold(hz: number): () => Promise<void> {
    this.holds += 1;
    if (!this.running) this.run(hz);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0 && !this.wantedByClient) await this.halt();
    };
  }

  private run(hz: number): TelemetryStatus {
    if (!(hz >= TELEMETRY_MIN_HZ && hz <= TELEMETRY_MAX_HZ)) {
      throw new RangeError(`telemetry rate ${hz} Hz is outside ${TELEMETRY_MIN_HZ}–${TELEMETRY_MAX_HZ} Hz`);
    }
    const rateChanged = hz !== this.hz;
    this.hz = hz;
    if (this.running && !rateChanged) return this.status();
    this.sources.gpu?.start(1000 / hz);
    if (!this.running) {
      this.running = true;
      this.primed = false;
      this.schedule(0);
    }
    return this.status();
  }

  /** The client no longer wants samples; they go on while an internal user holds the sampler. */
  async stop(): Promise<TelemetryStatus> {
    this.wantedByClient = false;
    if (this.holds === 0) await this.halt();
    return this.status();
  }

  private async halt(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sources.gpu?.stop();
    await this.inFlight;
  }

  recent(limit: number): TelemetrySample[] {
    return this.buffer.latest(limit);
  }

  status(): TelemetryStatus {
    const notes = [...(this.sources.staticNotes ?? [])];
    const gpuNote = this.sources.gpu?.note;
    if (gpuNote) notes.push(gpuNote);
    if (this.lastError) notes.push(`last sample failed: ${this.lastError}`);
    return {
      running: this.running,
      hz: this.hz,
      bufferedSamples: this.buffer.size,
      capacity: this.buffer.capacity,
      notes,
    };
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.inFlight = this.sampleOnce().finally(() => {
        this.inFlight = null;
      });
    }, delayMs);
  }

  private async sampleOnce(): Promise<void> {
    const startedAt = performance.now();
    try {
      const [reading, npus] = await Promise.all([this.sources.cpuMemory.read(), this.sources.npu?.read() ?? []]);
      if (!this.running) return;
      // Utilisation and busy time are deltas since the previous read: the very first read covers
      // "since boot" and is dropped, so every published sample spans one sampler interval.
      if (!this.primed) {
        this.primed = true;
        return;
      }
      const sample: TelemetrySample = {
        t: Date.now(),
        cpu: reading.cpu,
        memory: reading.memory,
        gpus: this.sources.gpu?.read() ?? [],
        npus,
      };
      this.lastError = null;
      this.buffer.push(sample);
      for (const listener of this.listeners) listener(sample);
    } catch (error) {
      this.lastError = errorMessage(error);
    } finally {
      if (this.running) {
        const elapsed = performance.now() - startedAt;
        this.schedule(Math.max(0, 1000 / this.hz - elapsed));
      }
    }
  }
}
