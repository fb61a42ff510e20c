import { useEffect } from 'react';
import { EmptyState } from '../components/EmptyState';
import { useHardware } from '../stores/hardware';
import { CpuCard, GpuCard, MemoryCard, NpuCard } from './hardware/SpecCards';
import { TelemetryPanel } from './hardware/TelemetryPanel';

export function HardwarePage() {
  const { profile, loading, error, load } = useHardware();
  useEffect(() => {
    if (!profile) void load();
  }, [profile, load]);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Hardware</h1>
          <p className="muted">
            {profile
              ? `Profiled ${new Date(profile.collectedAt).toLocaleString()} in ${profile.collectionMs} ms · machine ${profile.fingerprint}`
              : 'What this machine is, and how busy it is right now.'}
          </p>
        </div>
        <button type="button" onClick={() => void load(true)} disabled={loading}>
          {loading ? 'Profiling…' : 'Refresh profile'}
        </button>
      </header>
      {error ? (
        <p className="error" role="alert">
          Could not read the hardware profile: {error}
        </p>
      ) : null}
      {!profile && loading ? (
        <EmptyState title="Profiling this machine…">Reading CPU, memory, GPU and NPU details.</EmptyState>
      ) : null}
      {profile ? (
        <div className="grid">
          <CpuCard cpu={profile.cpu} />
          <MemoryCard memory={profile.memory} os={profile.os} power={profile.power} storage={profile.storage} />
          <GpuCard nvidia={profile.nvidia} gpus={profile.gpus} />
          <NpuCard npu={profile.npu} onnxruntime={profile.onnxruntime} />
        </div>
      ) : null}
      {profile && profile.warnings.length > 0 ? (
        <details className="warnings">
          <summary>
            {profile.warnings.length} {profile.warnings.length === 1 ? 'note' : 'notes'} from profiling
          </summary>
          <ul>
            {profile.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <TelemetryPanel />
    </div>
  );
}
