import { formatBytes } from '../../../../shared/format';
import type { Availability as AvailabilityValue } from '../../../../shared/schemas/availability';
import type { HardwareProfile } from '../../../../shared/schemas/hardware';
import { AvailabilityBadge } from '../../components/AvailabilityBadge';
import { Card } from '../../components/Card';
import { SpecList } from '../../components/SpecList';

function Availability({ value, detail }: { value: AvailabilityValue; detail: string }) {
  return (
    <>
      <AvailabilityBadge value={value} />{' '}
      <span className={value.status === 'present' ? '' : 'muted small'}>
        {value.status === 'present' ? detail : value.reason}
      </span>
    </>
  );
}

/** This machine in five lines: what the numbers on the other cards were measured on. */
export function MachineCard({
  profile,
  error,
  onDetails,
}: {
  profile: HardwareProfile | null;
  error: string | null;
  onDetails: () => void;
}) {
  return (
    <Card
      title="Machine"
      aside={
        <button type="button" onClick={onDetails}>
          Details
        </button>
      }
    >
      {error ? (
        <p className="error" role="alert">
          Could not read the hardware profile: {error}
        </p>
      ) : null}
      {profile ? (
        <SpecList
          specs={[
            { label: 'CPU', value: profile.cpu.model },
            {
              label: 'Cores',
              value: `${profile.cpu.physicalCores} physical · ${profile.cpu.threads} threads${profile.cpu.virtualized ? ' · virtual machine' : ''}`,
            },
            { label: 'Memory', value: formatBytes(profile.memory.totalBytes) },
            {
              label: 'GPU',
              value: (
                <Availability
                  value={profile.nvidia}
                  detail={
                    profile.gpus.map((gpu) => gpu.name).join(', ') +
                      (profile.nvidia.cudaVersion ? ` · CUDA ${profile.nvidia.cudaVersion}` : '') || 'present'
                  }
                />
              ),
            },
            {
              label: 'NPU',
              value: (
                <Availability
                  value={profile.npu}
                  detail={
                    [
                      ...profile.npu.openvino.devices.filter((d) => d.kind === 'npu').map((d) => d.fullName ?? d.name),
                      ...profile.npu.accel.devices.map((d) => `${d.node}${d.driver ? ` (${d.driver})` : ''}`),
                    ].join(', ') || 'present'
                  }
                />
              ),
            },
            { label: 'OS', value: `${profile.os.distro} ${profile.os.release}` },
          ]}
        />
      ) : error ? null : (
        <p className="muted">Profiling…</p>
      )}
    </Card>
  );
}
