import { useEffect, useMemo } from 'react';
import { formatBytes } from '../../../../shared/format';
import { TELEMETRY_MAX_HZ, TELEMETRY_MIN_HZ } from '../../../../shared/schemas/telemetry';
import { Card } from '../../components/Card';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { useTelemetry } from '../../stores/telemetry';
import { activeThrottles, cpuRows } from '../../stores/telemetry-window';

const RATES = [0.5, 1, 2, 5, 10].filter((hz) => hz >= TELEMETRY_MIN_HZ && hz <= TELEMETRY_MAX_HZ);
const CORE_COLORS = ['#7aa2f7', '#9ece6a', '#e0af68', '#bb9af7', '#7dcfff', '#f7768e', '#73daca', '#ff9e64'];

export function TelemetryPanel() {
  const { samples, status, hz, error, start, stop } = useTelemetry();

  useEffect(() => {
    void start();
    return () => {
      void stop();
    };
  }, [start, stop]);

  const rows = useMemo(() => cpuRows(samples), [samples]);
  const last = samples.at(-1);
  const cores = last?.cpu.perCorePct.length ?? 0;
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
        {samples.length} {samples.length === 1 ? 'sample' : 'samples'} · {hz} Hz ·{' '}
        {status?.running ? 'sampling' : 'paused'}
        {throttles.length > 0 ? <strong className="warn"> · throttling: {throttles.join(', ')}</strong> : null}
      </p>
      <div className="charts">
        <TimeSeriesChart
          title="CPU utilisation per core"
          unit="%"
          yDomain={[0, 100]}
          rows={rows}
          summary={
            last ? `total ${last.cpu.totalPct.toFixed(1)} % over ${cores} cores` : 'waiting for the first sample'
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
          summary={last ? `${formatBytes(last.memory.usedBytes)} of ${formatBytes(last.memory.totalBytes)}` : '–'}
          series={[{ key: 'used', label: 'used', color: '#9ece6a', width: 2 }]}
        />
        {last && last.gpus.length > 0 ? (
          <TimeSeriesChart
            title="GPU utilisation"
            unit="%"
            yDomain={[0, 100]}
            rows={gpuRows}
            summary={last.gpus
              .map(
                (g) =>
                  `GPU ${g.index} ${g.utilizationPct ?? '–'} % · ${g.powerW ?? '–'} W · ${g.temperatureC ?? '–'} °C`,
              )
              .join('; ')}
            series={last.gpus.map((g) => ({
              key: `gpu${g.index}`,
              label: `GPU ${g.index}`,
              color: CORE_COLORS[g.index % 8]!,
              width: 2,
            }))}
          />
        ) : null}
      </div>
      {last ? (
        <p className="muted small">
          CPU temperature{' '}
          {last.cpu.temperatureC === null ? 'not exposed by this machine' : `${last.cpu.temperatureC} °C`} · frequency{' '}
          {last.cpu.freqMHz.length > 0
            ? `${Math.round(last.cpu.freqMHz.reduce((a, b) => a + b, 0) / last.cpu.freqMHz.length)} MHz (mean of ${last.cpu.freqMHz.length})`
            : 'not exposed'}
        </p>
      ) : null}
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
