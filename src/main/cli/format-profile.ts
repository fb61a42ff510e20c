import type { Availability } from '../../shared/schemas/availability';
import type { HardwareProfile } from '../../shared/schemas/hardware';
import { headlineIsaFeatures } from '../core/hardware/isa';
import { formatBytes, formatMHz, orDash } from '../../shared/format';

function availability(section: Availability): string {
  if (section.status === 'present') return 'present';
  return `${section.status}: ${section.reason}${section.remedy ? ` (${section.remedy})` : ''}`;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(14)} ${value}`;
}

/** The readable summary printed by `tunebench hw`. */
export function formatProfile(profile: HardwareProfile): string {
  const { cpu, memory, os } = profile;
  const lines: string[] = [];
  lines.push('CPU');
  lines.push(row('model', cpu.model));
  lines.push(
    row('cores', `${cpu.physicalCores} physical, ${cpu.threads} threads${cpu.virtualized ? ' (virtual machine)' : ''}`),
  );
  lines.push(row('clock', `base ${formatMHz(cpu.baseClockMHz)}, boost ${formatMHz(cpu.boostClockMHz)}`));
  lines.push(
    row(
      'caches',
      `L1d ${formatBytes(cpu.caches.l1dBytes)}, L2 ${formatBytes(cpu.caches.l2Bytes)}, L3 ${formatBytes(cpu.caches.l3Bytes)}`,
    ),
  );
  lines.push(row('ISA', headlineIsaFeatures(cpu.isa.features).join(' ') || 'none of the tracked features'));
  lines.push(row('governor', orDash(cpu.governor)));
  lines.push('Memory');
  lines.push(row('total', formatBytes(memory.totalBytes)));
  lines.push(
    row(
      'type / speed',
      memory.detail.status === 'present'
        ? `${orDash(memory.type)} ${orDash(memory.speedMTs, ' MT/s')} (${memory.modules} modules)`
        : availability(memory.detail),
    ),
  );
  lines.push('System');
  lines.push(row('OS', `${os.distro} ${os.release}, kernel ${os.kernel}`));
  lines.push(
    row(
      'power',
      profile.power.hasBattery
        ? `battery ${orDash(profile.power.batteryPercent, ' %')}, ${profile.power.acConnected ? 'on AC' : 'on battery'}`
        : 'no battery (AC)',
    ),
  );
  for (const disk of profile.storage) {
    lines.push(row('storage', `${disk.name} ${disk.type} ${formatBytes(disk.sizeBytes)} ${disk.interface}`.trim()));
  }
  lines.push('NVIDIA GPU');
  if (profile.gpus.length === 0) lines.push(row('status', availability(profile.nvidia)));
  for (const gpu of profile.gpus) {
    lines.push(row(`GPU ${gpu.index}`, gpu.name));
    lines.push(row('  VRAM', gpu.vramTotalMiB === null ? 'unknown' : `${gpu.vramTotalMiB} MiB`));
    lines.push(row('  driver/CUDA', `${orDash(gpu.driverVersion)} / ${orDash(gpu.cudaVersion)}`));
    lines.push(row('  compute cap', orDash(gpu.computeCapability)));
    lines.push(row('  power limit', orDash(gpu.powerLimitW, ' W')));
    lines.push(
      row(
        '  PCIe',
        `gen ${orDash(gpu.pcie.currentGen)}/${orDash(gpu.pcie.maxGen)} x${orDash(gpu.pcie.currentWidth)}/${orDash(gpu.pcie.maxWidth)} (current/max)`,
      ),
    );
  }
  lines.push('NPU');
  lines.push(row('status', availability(profile.npu)));
  lines.push(row('OpenVINO', availability(profile.npu.openvino)));
  for (const device of profile.npu.openvino.devices) lines.push(row(`  ${device.name}`, orDash(device.fullName)));
  lines.push(row('accel sysfs', availability(profile.npu.accel)));
  lines.push('Inference runtimes');
  lines.push(
    row(
      'onnxruntime',
      `${availability(profile.onnxruntime)}${profile.onnxruntime.version ? ` ${profile.onnxruntime.version}` : ''}`,
    ),
  );
  for (const provider of profile.onnxruntime.providers) lines.push(row(`  ${provider.name}`, availability(provider)));
  if (profile.warnings.length > 0) {
    lines.push('Warnings');
    for (const warning of profile.warnings) lines.push(`  - ${warning}`);
  }
  lines.push(`Collected in ${profile.collectionMs} ms · machine ${profile.fingerprint}`);
  return lines.join('\n');
}
