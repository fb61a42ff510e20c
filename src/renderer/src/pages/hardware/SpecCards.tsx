import { formatBytes, formatMHz, orDash } from '../../../../shared/format';
import type { HardwareProfile } from '../../../../shared/schemas/hardware';
import { AvailabilityBadge, AvailabilityNote } from '../../components/AvailabilityBadge';
import { Card } from '../../components/Card';
import { SpecList } from '../../components/SpecList';

export function CpuCard({ cpu }: { cpu: HardwareProfile['cpu'] }) {
  const features = Object.entries(cpu.isa.features)
    .filter(([, present]) => present)
    .map(([name]) => name);
  return (
    <Card title="CPU">
      <SpecList
        specs={[
          { label: 'Model', value: cpu.model },
          {
            label: 'Cores',
            value: `${cpu.physicalCores} physical · ${cpu.threads} threads${cpu.virtualized ? ' · virtual machine' : ''}`,
          },
          { label: 'Clock', value: `base ${formatMHz(cpu.baseClockMHz)} · boost ${formatMHz(cpu.boostClockMHz)}` },
          {
            label: 'Caches',
            value: `L1d ${formatBytes(cpu.caches.l1dBytes)} · L2 ${formatBytes(cpu.caches.l2Bytes)} · L3 ${formatBytes(cpu.caches.l3Bytes)}`,
          },
          { label: 'Governor', value: orDash(cpu.governor) },
        ]}
      />
      <ul className="chips" aria-label="ISA features">
        {features.length === 0 ? <li className="chip muted">no tracked ISA features</li> : null}
        {features.map((feature) => (
          <li key={feature} className="chip">
            {feature}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function MemoryCard({
  memory,
  os,
  power,
  storage,
}: Pick<HardwareProfile, 'memory' | 'os' | 'power' | 'storage'>) {
  return (
    <Card title="Memory & system">
      <SpecList
        specs={[
          { label: 'Memory', value: formatBytes(memory.totalBytes) },
          {
            label: 'Type / speed',
            value:
              memory.detail.status === 'present'
                ? `${orDash(memory.type)} · ${orDash(memory.speedMTs, ' MT/s')}`
                : 'unknown',
          },
          { label: 'OS', value: `${os.distro} ${os.release}` },
          { label: 'Kernel', value: os.kernel },
          {
            label: 'Power',
            value: power.hasBattery
              ? `battery ${orDash(power.batteryPercent, ' %')} · ${power.acConnected ? 'AC' : 'on battery'}`
              : 'AC (no battery)',
          },
          {
            label: 'Storage',
            value:
              storage.length === 0
                ? '–'
                : storage.map((disk) => `${disk.name} ${formatBytes(disk.sizeBytes)}`).join(', '),
          },
        ]}
      />
      <AvailabilityNote value={memory.detail} />
    </Card>
  );
}

export function GpuCard({ nvidia, gpus }: Pick<HardwareProfile, 'nvidia' | 'gpus'>) {
  return (
    <Card title="NVIDIA GPU" aside={<AvailabilityBadge value={nvidia} />}>
      <AvailabilityNote value={nvidia} />
      {gpus.map((gpu) => (
        <SpecList
          key={gpu.uuid || gpu.index}
          specs={[
            { label: `GPU ${gpu.index}`, value: gpu.name },
            { label: 'VRAM', value: gpu.vramTotalMiB === null ? 'unknown' : `${gpu.vramTotalMiB} MiB` },
            { label: 'Driver / CUDA', value: `${orDash(gpu.driverVersion)} / ${orDash(gpu.cudaVersion)}` },
            { label: 'Compute cap.', value: orDash(gpu.computeCapability) },
            { label: 'Power limit', value: orDash(gpu.powerLimitW, ' W') },
            {
              label: 'PCIe',
              value: `gen ${orDash(gpu.pcie.currentGen)}/${orDash(gpu.pcie.maxGen)} · x${orDash(gpu.pcie.currentWidth)}/${orDash(gpu.pcie.maxWidth)}`,
            },
          ]}
        />
      ))}
    </Card>
  );
}

export function NpuCard({ npu, onnxruntime }: Pick<HardwareProfile, 'npu' | 'onnxruntime'>) {
  return (
    <Card title="NPU & inference runtimes" aside={<AvailabilityBadge value={npu} />}>
      <AvailabilityNote value={npu} />
      <SpecList
        specs={[
          {
            label: 'OpenVINO',
            value: (
              <>
                <AvailabilityBadge value={npu.openvino} />{' '}
                {npu.openvino.devices
                  .map((device) => `${device.name}${device.fullName ? ` (${device.fullName})` : ''}`)
                  .join(', ') || npu.openvino.reason}
              </>
            ),
          },
          {
            label: 'accel sysfs',
            value: (
              <>
                <AvailabilityBadge value={npu.accel} />{' '}
                {npu.accel.devices.map((device) => device.node).join(', ') || npu.accel.reason}
              </>
            ),
          },
          {
            label: 'onnxruntime',
            value: `${onnxruntime.status === 'present' ? onnxruntime.version : onnxruntime.reason}`,
          },
          ...onnxruntime.providers.map((provider) => ({
            label: `  ${provider.name} EP`,
            value: (
              <>
                <AvailabilityBadge value={provider} /> {provider.reason}
              </>
            ),
          })),
        ]}
      />
    </Card>
  );
}
