import type { TelemetrySample } from '../../../../shared/schemas/telemetry';
import { readAccelBusyTimeUs } from '../npu/accel-sysfs';

interface Previous {
  busyUs: number;
  atMs: number;
}

/** Turns the cumulative npu_busy_time_us counter into a busy percentage per interval. */
export class NpuBusySource {
  private readonly previous = new Map<string, Previous>();

  constructor(
    private readonly nodes: string[],
    private readonly sysRoot = '/sys',
    private readonly now: () => number = () => performance.now(),
  ) {}

  async read(): Promise<TelemetrySample['npus']> {
    return Promise.all(
      this.nodes.map(async (node) => {
        const busyUs = await readAccelBusyTimeUs(node, this.sysRoot);
        const atMs = this.now();
        const before = this.previous.get(node);
        if (busyUs === null) return { node, busyPct: null };
        this.previous.set(node, { busyUs, atMs });
        if (!before || atMs <= before.atMs) return { node, busyPct: null };
        const pct = ((busyUs - before.busyUs) / 1000 / (atMs - before.atMs)) * 100;
        return { node, busyPct: Math.max(0, Math.min(100, Math.round(pct * 10) / 10)) };
      }),
    );
  }
}
