import type { TelemetrySample } from '../../shared/schemas/telemetry';
import { formatBytes, orDash } from '../../shared/format';

function bar(pct: number, width = 20): string {
  const filled = Math.round((Math.max(0, Math.min(100, pct)) / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** A compact panel for `tunebench hw --watch` on a terminal (redrawn in place). */
export function formatTelemetryPanel(sample: TelemetrySample, notes: string[]): string {
  const lines: string[] = [];
  const { cpu, memory } = sample;
  const avgFreq =
    cpu.freqMHz.length > 0 ? Math.round(cpu.freqMHz.reduce((a, b) => a + b, 0) / cpu.freqMHz.length) : null;
  lines.push(
    `CPU  ${bar(cpu.totalPct)} ${cpu.totalPct.toFixed(1).padStart(5)} %   ${orDash(avgFreq, ' MHz')}   ${orDash(cpu.temperatureC, ' °C')}`,
  );
  cpu.perCorePct.forEach((pct, core) => {
    lines.push(`  ${String(core).padStart(3)} ${bar(pct)} ${pct.toFixed(1).padStart(5)} %`);
  });
  const usedPct = (memory.usedBytes / memory.totalBytes) * 100;
  lines.push(`MEM  ${bar(usedPct)} ${formatBytes(memory.usedBytes)} / ${formatBytes(memory.totalBytes)}`);
  for (const gpu of sample.gpus) {
    lines.push(
      `GPU${gpu.index} ${bar(gpu.utilizationPct ?? 0)} ${orDash(gpu.utilizationPct, ' %')}  VRAM ${orDash(gpu.memoryUsedMiB)}/${orDash(gpu.memoryTotalMiB)} MiB  SM ${orDash(gpu.smClockMHz, ' MHz')}  ${orDash(gpu.powerW, ' W')}  ${orDash(gpu.temperatureC, ' °C')}${gpu.throttleReasons.length > 0 ? `  [${gpu.throttleReasons.join(', ')}]` : ''}`,
    );
  }
  for (const npu of sample.npus) lines.push(`NPU ${npu.node} busy ${orDash(npu.busyPct, ' %')}`);
  for (const note of notes) lines.push(`  · ${note}`);
  return lines.join('\n');
}

/** One line per sample when stdout is not a terminal (pipes, logs). */
export function formatTelemetryLine(sample: TelemetrySample): string {
  const time = new Date(sample.t).toISOString().slice(11, 23);
  const gpus = sample.gpus.map((gpu) => ` gpu${gpu.index}=${orDash(gpu.utilizationPct)}%`).join('');
  return `${time} cpu=${sample.cpu.totalPct.toFixed(1)}% cores=[${sample.cpu.perCorePct.map((p) => p.toFixed(0)).join(',')}] mem=${formatBytes(sample.memory.usedBytes)}${gpus}`;
}
