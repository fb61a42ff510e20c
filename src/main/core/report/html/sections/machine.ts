import { formatBytes } from '../../../../../shared/format';
import type { HardwareProfile } from '../../../../../shared/schemas/hardware';
import { html, type SafeHtml } from '../html';

function gpus(machine: HardwareProfile): string {
  if (machine.gpus.length === 0) {
    return machine.nvidia.reason ? `no NVIDIA GPU (${machine.nvidia.reason})` : 'no NVIDIA GPU';
  }
  return machine.gpus
    .map((gpu) => `${gpu.name}${gpu.vramTotalMiB === null ? '' : `, ${formatBytes(gpu.vramTotalMiB * 2 ** 20)}`}`)
    .join(' + ');
}

/** One line that says which machine the numbers belong to; the host name stays in the JSON only. */
export function machineCard(machine: HardwareProfile | null): SafeHtml {
  if (machine === null) {
    return html`<section class="card" aria-label="Machine">
      <p class="machine">Machine not recorded</p>
      <p class="muted small">
        This report was upgraded from a bare run export, which did not carry the hardware profile.
      </p>
    </section>`;
  }
  const { cpu, memory, os } = machine;
  const cores = `${cpu.physicalCores} cores / ${cpu.threads} threads`;
  return html`<section class="card" aria-label="Machine">
    <p class="machine">
      <strong>${cpu.model}</strong> · ${cores} · ${formatBytes(memory.totalBytes)} RAM · ${os.distro} ${os.release}
      (${os.platform} ${os.kernel}, ${cpu.arch}) · ${gpus(machine)}
    </p>
    <ul class="facts small muted">
      <li>fingerprint <code>${machine.fingerprint}</code></li>
      ${cpu.governor ? html`<li>governor ${cpu.governor}</li>` : null}${cpu.virtualized ? html`<li>virtualised: clocks and counters are the VM's view</li>` : null}
      <li>profile collected ${machine.collectedAt}</li>
    </ul>
  </section>`;
}
