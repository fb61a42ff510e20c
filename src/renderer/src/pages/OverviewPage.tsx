import { useEffect } from 'react';
import { formatBytes } from '../../../shared/format';
import { AvailabilityBadge } from '../components/AvailabilityBadge';
import { Card } from '../components/Card';
import { SpecList } from '../components/SpecList';
import { useHardware } from '../stores/hardware';
import { useNavigation } from '../stores/navigation';

export function OverviewPage() {
  const { profile, load, error } = useHardware();
  const go = useNavigation((state) => state.go);
  useEffect(() => {
    if (!profile) void load();
  }, [profile, load]);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Overview</h1>
          <p className="muted">
            This machine at a glance. Benchmarks and project checks will appear here as they are run.
          </p>
        </div>
      </header>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="grid">
        <Card
          title="Machine"
          aside={
            <button type="button" onClick={() => go('hardware')}>
              Details
            </button>
          }
        >
          {profile ? (
            <SpecList
              specs={[
                { label: 'CPU', value: `${profile.cpu.model} · ${profile.cpu.threads} threads` },
                { label: 'Memory', value: formatBytes(profile.memory.totalBytes) },
                {
                  label: 'GPU',
                  value:
                    profile.gpus.length > 0 ? (
                      profile.gpus.map((gpu) => gpu.name).join(', ')
                    ) : (
                      <AvailabilityBadge value={profile.nvidia} />
                    ),
                },
                { label: 'NPU', value: <AvailabilityBadge value={profile.npu} /> },
              ]}
            />
          ) : (
            <p className="muted">Profiling…</p>
          )}
        </Card>
        <Card title="Next steps">
          <ol className="steps">
            <li>
              <a
                href="#/hardware"
                onClick={(e) => {
                  e.preventDefault();
                  go('hardware');
                }}
              >
                Check the hardware page
              </a>{' '}
              for specs and live telemetry.
            </li>
            <li>Benchmark suites (CPU, inference, CUDA, NPU) are not in this build yet.</li>
            <li>Opening a project and tuning it come after the benchmark engine.</li>
          </ol>
        </Card>
      </div>
    </div>
  );
}
