import { useEffect, useState, type ReactNode } from 'react';
import { formatBytes } from '../../../../shared/format';
import type { Availability as AvailabilityValue } from '../../../../shared/schemas/availability';
import type { HardwareProfile } from '../../../../shared/schemas/hardware';
import { api } from '../../api/client';
import { AvailabilityBadge } from '../../components/AvailabilityBadge';
import { Card } from '../../components/Card';
import { SpecList } from '../../components/SpecList';
import { useBench } from '../../stores/bench';
import { useNavigation } from '../../stores/navigation';
import { formatFigure, loadMachineScores, type MachineScores, type ScoreFigure } from './machine-scores';

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

function BenchmarksLink({ children }: { children: string }) {
  const go = useNavigation((state) => state.go);
  return (
    <a
      href="#/benchmarks"
      onClick={(event) => {
        event.preventDefault();
        go('benchmarks');
      }}
    >
      {children}
    </a>
  );
}

function Figure({ figure }: { figure: ScoreFigure }) {
  return (
    <>
      {formatFigure(figure)}{' '}
      <span className="muted small">
        · {figure.title}, run #{figure.runId}
      </span>
    </>
  );
}

function NoResult({ children }: { children: ReactNode }) {
  return <span className="muted small">{children}</span>;
}

/**
 * The newest suite figures measured on this machine: FP32 GEMM peak and STREAM triad from the CPU
 * suite, the best inference latency per device kind, each with its 95 % CI, n and run; what to run
 * (or why nothing can run) where there is none.
 */
function SuiteScores({ profile }: { profile: HardwareProfile }) {
  const [scores, setScores] = useState<MachineScores | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A run finished on the Benchmarks page changes the newest run: read the figures again.
  const newestRun = useBench((state) => state.runs[0]?.id ?? null);
  useEffect(() => {
    let live = true;
    loadMachineScores(api().bench, profile.fingerprint)
      .then((loaded) => {
        if (!live) return;
        setScores(loaded);
        setError(null);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [profile.fingerprint, newestRun]);

  if (error) {
    return (
      <p className="error small" role="alert">
        Could not read the stored runs: {error}
      </p>
    );
  }
  if (!scores) {
    // The same rows as the answer, so the card below does not jump when the figures arrive.
    return (
      <SpecList
        specs={['FP32 GEMM peak', 'STREAM triad', 'CPU inference', 'GPU inference', 'NPU inference'].map((label) => ({
          label,
          value: <NoResult>reading the stored runs…</NoResult>,
        }))}
      />
    );
  }
  const cpuMissing = !scores.gemm && !scores.triad;
  return (
    <SpecList
      specs={[
        ...(cpuMissing
          ? [
              {
                label: 'CPU suite',
                value: (
                  <NoResult>
                    not measured yet — run the Quick preset on the <BenchmarksLink>Benchmarks page</BenchmarksLink>
                  </NoResult>
                ),
              },
            ]
          : [
              {
                label: 'FP32 GEMM peak',
                value: scores.gemm ? (
                  <Figure figure={scores.gemm} />
                ) : (
                  <NoResult>not in the latest CPU runs — run the Quick preset</NoResult>
                ),
              },
              {
                label: 'STREAM triad',
                value: scores.triad ? (
                  <Figure figure={scores.triad} />
                ) : (
                  <NoResult>not in the latest CPU runs — run the Quick preset</NoResult>
                ),
              },
            ]),
        {
          label: 'CPU inference',
          value: scores.cpuInference ? (
            <Figure figure={scores.cpuInference} />
          ) : (
            <NoResult>
              not measured yet — run builtin:mlp under Inference on the <BenchmarksLink>Benchmarks page</BenchmarksLink>
            </NoResult>
          ),
        },
        {
          label: 'GPU inference',
          value: scores.gpuInference ? (
            <Figure figure={scores.gpuInference} />
          ) : (
            <NoResult>
              no suite result —{' '}
              {profile.nvidia.status === 'present'
                ? 'no inference run on cuda or tensorrt yet'
                : profile.nvidia.reason || 'no NVIDIA GPU'}
            </NoResult>
          ),
        },
        {
          label: 'NPU inference',
          value: scores.npuInference ? (
            <Figure figure={scores.npuInference} />
          ) : (
            <NoResult>
              no suite result —{' '}
              {profile.npu.status === 'present' ? 'no inference run on the NPU yet' : profile.npu.reason || 'no NPU'}
            </NoResult>
          ),
        },
      ]}
    />
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
        <>
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
                        ...profile.npu.openvino.devices
                          .filter((d) => d.kind === 'npu')
                          .map((d) => d.fullName ?? d.name),
                        ...profile.npu.accel.devices.map((d) => `${d.node}${d.driver ? ` (${d.driver})` : ''}`),
                      ].join(', ') || 'present'
                    }
                  />
                ),
              },
              { label: 'OS', value: `${profile.os.distro} ${profile.os.release}` },
            ]}
          />
          <div role="group" aria-labelledby="machine-scores-heading">
            <h3 id="machine-scores-heading" className="small muted" style={{ margin: '12px 0 6px' }}>
              Latest suite figures (median, 95 % CI of the median, n samples)
            </h3>
            <SuiteScores profile={profile} />
          </div>
        </>
      ) : error ? null : (
        <p className="muted">Profiling…</p>
      )}
    </Card>
  );
}
