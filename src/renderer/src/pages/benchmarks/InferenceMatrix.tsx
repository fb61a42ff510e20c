import { inferenceModelName } from '../../../../shared/curves';
import { formatValue } from '../../../../shared/format-result';
import { MEMORY_EXTRAS, inferencePeakMiB } from '../../../../shared/inference-extras';
import { openVinoRuntimeLine, openVinoRuntimes } from '../../../../shared/openvino-extras';
import type { Run } from '../../../../shared/schemas/bench';

/**
 * The inference's own peak memory and what the model added to the bare runtime; one reading each
 * (the title says so). Older runs carry only the benchmark process's peak: shown as that.
 */
function PeakMemory({ extras }: { extras: Record<string, unknown> }) {
  const peak = inferencePeakMiB(extras);
  const added = extras[MEMORY_EXTRAS.model];
  const processPeak = extras[MEMORY_EXTRAS.process];
  if (peak !== null) {
    return (
      <div className="muted" title="RSS high-water mark after loading and the first inference; one reading (n=1)">
        peak {peak} MiB{typeof added === 'number' ? `, model +${added} MiB` : ''} (n=1)
      </div>
    );
  }
  return typeof processPeak === 'number' ? (
    <div className="muted">peak RSS {processPeak} MiB (benchmark process, n=1)</div>
  ) : null;
}

/**
 * The OpenVINO module the run's OpenVINO results were measured with, once above the matrix; a
 * module named by TUNEBENCH_OPENVINO_MODULE (a local build, not the package) gets a badge.
 */
function OpenVinoRuntimeNote({ results }: { results: Run['results'] }) {
  const runtimes = openVinoRuntimes(results);
  if (runtimes.length === 0) return null;
  return (
    <>
      {runtimes.map((runtime) => (
        <p key={openVinoRuntimeLine(runtime)} className="note small" data-openvino-runtime="">
          <span title={runtime.module}>OpenVINO {runtime.version}</span>
          {runtime.customFrom !== null ? (
            <>
              {' '}
              <span
                className="badge badge-unknown"
                title={`${runtime.module} (set by ${runtime.customFrom})`}
                data-custom-openvino-module=""
              >
                custom OpenVINO module
              </span>
            </>
          ) : null}
        </p>
      ))}
    </>
  );
}

/** Models down, precision × device × batch across: latency median with its CI, throughput and agreement. */
export function InferenceMatrix({ run }: { run: Run }) {
  const results = run.results.filter((r) => r.id.startsWith('infer-'));
  if (results.length === 0) return null;
  // The same model names as the throughput-by-batch chart and the HTML report.
  const model = inferenceModelName;
  // Runs with several requests in flight get their own column (×N), so they never overwrite single-request ones.
  const column = (r: (typeof results)[number]) =>
    `${String(r.params.precision).toUpperCase()} · ${r.params.device} · b${r.params.batch}${Number(r.params.parallel ?? 1) > 1 ? ` · ×${r.params.parallel}` : ''}`;
  const models = [...new Set(results.map(model))];
  const columns = [...new Set(results.map(column))];
  // A wide matrix (every device × precision × batch) scrolls inside the card instead of widening
  // the page; the region takes focus so the keyboard can scroll it too.
  return (
    <>
      <OpenVinoRuntimeNote results={results} />
      <div className="table-scroll" role="region" aria-label="Inference matrix, scrolls sideways" tabIndex={0}>
        <table className="data-table" aria-label="Inference: models by precision, device and batch">
          <thead>
            <tr>
              <th scope="col">Model</th>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m}>
                <th scope="row">{m}</th>
                {columns.map((c) => {
                  const r = results.find((x) => model(x) === m && column(x) === c);
                  if (!r) return <td key={c}>–</td>;
                  const disagrees = r.warnings.some((w) => w.startsWith('output disagrees'));
                  return (
                    <td key={c} className={`num small${disagrees ? ' error' : ''}`}>
                      <div>
                        {formatValue(r.summary.median, r.unit)}
                        {r.summary.relativeHalfWidth !== null
                          ? ` ± ${(r.summary.relativeHalfWidth * 100).toFixed(1)} %`
                          : ''}{' '}
                        (n={r.summary.n})
                      </div>
                      <div className="muted">
                        p99 {formatValue(r.summary.p99, r.unit)} · {String(r.extras.throughput ?? '')}
                      </div>
                      <PeakMemory extras={r.extras} />
                      {typeof r.extras['per watt'] === 'string' ? (
                        <div className="muted">{r.extras['per watt']}</div>
                      ) : null}
                      {String(r.extras['node placement'] ?? '').includes('fell back') ? (
                        <div className="error">⚠ {String(r.extras['node placement'])}</div>
                      ) : null}
                      {/* OpenVINO: where the compiled model ran (EXECUTION_DEVICES), in red when not where asked. */}
                      {typeof r.extras['device check'] === 'string' ? (
                        <div className="error">{r.extras['device check']}</div>
                      ) : typeof r.extras['execution devices'] === 'string' ? (
                        <div className="muted">ran on {r.extras['execution devices']}</div>
                      ) : null}
                      {r.extras['cosine vs CPU FP32'] !== undefined ? (
                        <div className={disagrees ? 'error' : 'muted'}>
                          cos {String(r.extras['cosine vs CPU FP32'])} vs FP32
                        </div>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
