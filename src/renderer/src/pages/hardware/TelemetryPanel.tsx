import { useEffect, useMemo } from 'react';
import { formatBytes } from '../../../../shared/format';
import { TELEMETRY_MAX_HZ, TELEMETRY_MIN_HZ } from '../../../../shared/schemas/telemetry';
import { Card } from '../../components/Card';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { useHardware } from '../../stores/hardware';
import { useTelemetry } from '../../stores/telemetry';
import { activeThrottles, cpuRows } from '../../stores/telemetry-window';

const RATES = [0.5, 1, 2, 5, 10].filter((hz) => hz >= TELEMETRY_MIN_HZ && hz <= TELEMETRY_MAX_HZ);
const CORE_COLORS = ['#7aa2f7', '#9ece6a', '#e0af68', '#bb9af7', '#7dcfff', '#f7768e', '#73daca', '#ff9e64'];

/** Figure spaces (a digit's width in tabular figures) in front, so a live number keeps its width. */
function fixedWidth(text: string, width: number): string {
  return text.padStart(width, '\u2007');
}

/**
 * Live telemetry below the spec cards. It appears together with the hardware profile (the
 * sampler needs it anyway) and sizes its charts from it, so neither the profile nor the first
 * sample moves anything: the cards do not push the panel down, the per-core legend and a GPU
 * chart are there from the start, and live numbers keep a fixed width.
 */
export function TelemetryPanel() {
  const { samples, status, hz, error, start, stop } = useTelemetry();
  const { profile, error: profileError } = useHardware();

  useEffect(() => {
    void start();
    return () => {
      void stop();
    };
  }, [start, stop]);

  const rows = useMemo(() => cpuRows(samples), [samples]);
  const last = samples.at(-1);
  const cores = last?.cpu.perCorePct.length ?? profile?.cpu.threads ?? 0;
  const gpuIndices = last?.gpus.length ? last.gpus.map((g) => g.index) : (profile?.gpus.map((g) => g.index) ?? []);
  const throttles = activeThrottles(last);
  const memoryRows = useMemo(() => samples.map((s) => ({ t: s.t, used: s.memory.usedBytes / 2 ** 30 })), [samples]);
  const gpuRows = useMemo(
    () =>
      samples.map((s) => {
        const row: Record<string, number> = { t: s.t };
        for (const gpu of s.gpus) row[`gpu${gpu.index}`] = gpu.utilizationPct ?? 0;
        return row as { t: number };
      }),
    [samples],
  );

  if (!profile && !profileError) return null;
  return (
    <Card
      title="Live telemetry"
      aside={
        <div className="toolbar">
          <label>
            Rate{' '}
            <select
              value={hz}
              aria-label="Telemetry rate in hertz"
              onChange={(event) => void start(Number(event.target.value))}
            >
              {RATES.map((rate) => (
                <option key={rate} value={rate}>
                  {rate} Hz
                </option>
              ))}
            </select>
          </label>
          {status?.running ? (
            <button type="button" onClick={() => void stop()}>
              Pause
            </button>
          ) : (
            <button type="button" onClick={() => void start()}>
              Resume
            </button>
          )}
        </div>
      }
    >
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="muted small" data-testid="telemetry-status">
        <span className="live-num live-num-4 live-num-lead">{samples.length}</span>{' '}
        {samples.length === 1 ? 'sample' : 'samples'} · {hz} Hz · {status?.running ? 'sampling' : 'paused'}
        {throttles.length > 0 ? <strong className="warn"> · throttling: {throttles.join(', ')}</strong> : null}
      </p>
      <div className="charts live-charts">
        <TimeSeriesChart
          title="CPU utilisation per core"
          unit="%"
          yDomain={[0, 100]}
          rows={rows}
          summary={
            last
              ? `total ${fixedWidth(last.cpu.totalPct.toFixed(1), 5)} % over ${cores} cores`
              : 'waiting for the first sample'
          }
          series={[
            { key: 'total', label: 'total', color: 'var(--accent)', width: 2.5 },
            ...Array.from({ length: cores }, (_, core) => ({
              key: `core${core}`,
              label: `core ${core}`,
              color: CORE_COLORS[core % CORE_COLORS.length]!,
              width: 1,
            })),
          ]}
        />
        <TimeSeriesChart
          title="Memory in use"
          unit="GiB"
          rows={memoryRows}
          yDomain={[0, last ? Math.ceil(last.memory.totalBytes / 2 ** 30) : 'auto']}
          summary={
            last
              ? `${fixedWidth(formatBytes(last.memory.usedBytes), formatBytes(last.memory.totalBytes).length)} of ${formatBytes(last.memory.totalBytes)}`
              : '–'
          }
          series={[{ key: 'used', label: 'used', color: '#9ece6a', width: 2 }]}
        />
        {gpuIndices.length > 0 ? (
          <TimeSeriesChart
            title="GPU utilisation"
            unit="%"
            yDomain={[0, 100]}
            rows={gpuRows}
            summary={
              last && last.gpus.length > 0
                ? last.gpus
                    .map(
                      (g) =>
                        `GPU ${g.index} ${g.utilizationPct ?? '–'} % · ${g.powerW ?? '–'} W · ${g.temperatureC ?? '–'} °C`,
                    )
                    .join('; ')
                : 'waiting for the first sample'
            }
            series={gpuIndices.map((index) => ({
              key: `gpu${index}`,
              label: `GPU ${index}`,
              color: CORE_COLORS[index % 8]!,
              width: 2,
            }))}
          />
        ) : null}
      </div>
      {/* Always there (a placeholder until the first sample), so its arrival does not push the notes down. */}
      <p className="muted small telemetry-readout">
        {last ? (
          <>
            CPU temperature{' '}
            {last.cpu.temperatureC === null ? (
              'not exposed by this machine'
            ) : (
              <>
                <span className="live-num live-num-4">{last.cpu.temperatureC}</span> °C
              </>
            )}{' '}
            · frequency{' '}
            {last.cpu.freqMHz.length > 0 ? (
              <>
                <span className="live-num live-num-4">
                  {Math.round(last.cpu.freqMHz.reduce((a, b) => a + b, 0) / last.cpu.freqMHz.length)}
                </span>{' '}
                MHz (mean of {last.cpu.freqMHz.length})
              </>
            ) : (
              'not exposed'
            )}
          </>
        ) : (
          'CPU temperature and frequency: waiting for the first sample'
        )}
      </p>
      {status && status.notes.length > 0 ? (
        <ul className="notes" aria-label="Telemetry notes">
          {status.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
