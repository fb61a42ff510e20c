import { formatValue } from '../../../../shared/format-result';
import type { BenchmarkResult, Run, RunSummary } from '../../../../shared/schemas/bench';

/** One measured figure: the median with its sample count and the 95 % CI of the median. */
export interface ScoreFigure {
  runId: number;
  title: string;
  median: number;
  unit: string;
  n: number;
  ci: [number, number] | null;
  finishedAt: string | null;
}

/** What the machine card shows next to CPU/GPU/NPU; null where nothing was measured on this machine. */
export interface MachineScores {
  gemm: ScoreFigure | null;
  triad: ScoreFigure | null;
  cpuInference: ScoreFigure | null;
  gpuInference: ScoreFigure | null;
  npuInference: ScoreFigure | null;
}

/** Devices of the inference suite per kind of hardware (see the `device` parameter of its results). */
const GPU_DEVICES = new Set(['cuda', 'tensorrt', 'openvino-gpu']);
const NPU_DEVICES = new Set(['openvino-npu']);

/** Runs read at most per kind, newest first, looking for a figure: the card must stay cheap. */
const RUNS_PER_KIND = 5;

function figure(run: Run, result: BenchmarkResult): ScoreFigure {
  return {
    runId: run.id,
    title: result.title,
    median: result.summary.median,
    unit: result.unit,
    n: result.summary.n,
    ci: result.summary.medianCi,
    finishedAt: run.finishedAt,
  };
}

function best(
  run: Run,
  results: BenchmarkResult[],
  direction: 'lower-is-better' | 'higher-is-better',
): ScoreFigure | null {
  if (results.length === 0) return null;
  const pick = results.reduce((a, b) =>
    direction === 'higher-is-better'
      ? b.summary.median > a.summary.median
        ? b
        : a
      : b.summary.median < a.summary.median
        ? b
        : a,
  );
  return figure(run, pick);
}

/** The FP32 GEMM peak (the best thread count) and the best STREAM triad of one CPU run. */
export function cpuFigures(run: Run): Pick<MachineScores, 'gemm' | 'triad'> {
  return {
    gemm: best(
      run,
      run.results.filter((r) => r.id.startsWith('gemm-')),
      'higher-is-better',
    ),
    triad: best(
      run,
      run.results.filter((r) => r.id.startsWith('triad-')),
      'higher-is-better',
    ),
  };
}

/**
 * The lowest median latency of one inference run on the devices given: the built-in MLP when the
 * run has it on those devices, otherwise whichever model it measured.
 */
export function inferenceFigure(run: Run, devices: ReadonlySet<string>): ScoreFigure | null {
  const onDevice = run.results.filter((r) => devices.has(String(r.params.device ?? '')) && r.unit === 'ms');
  const mlp = onDevice.filter((r) => r.id.startsWith('infer-mlp-'));
  return best(run, mlp.length > 0 ? mlp : onDevice, 'lower-is-better');
}

/** "412 GFLOP/s (95 % CI 405–418, n=24)"; fewer than 6 samples have no CI and say so. */
export function formatFigure(f: ScoreFigure): string {
  // The bounds at the median's precision (formatValue picks 3 significant digits for it).
  const decimals = formatValue(f.median, '').trim().split('.')[1]?.length ?? 0;
  const spread = f.ci ? `95 % CI ${f.ci[0].toFixed(decimals)}–${f.ci[1].toFixed(decimals)}` : 'no CI (n<6)';
  return `${formatValue(f.median, f.unit)} (${spread}, n=${f.n})`;
}

export interface ScoresApi {
  runs: (input: { limit: number }) => Promise<RunSummary[]>;
  run: (input: { id: number }) => Promise<Run>;
}

/**
 * The newest figures measured on this machine (same hardware fingerprint): each figure from the
 * newest completed run of its kind that has it, reading at most a few runs per kind.
 */
export async function loadMachineScores(bench: ScoresApi, fingerprint: string): Promise<MachineScores> {
  const scores: MachineScores = { gemm: null, triad: null, cpuInference: null, gpuInference: null, npuInference: null };
  const completed = (await bench.runs({ limit: 100 })).filter(
    (run) => run.status === 'completed' && run.benchmarks > 0,
  );
  const runsOf = async function* (kind: Run['kind']) {
    for (const summary of completed.filter((run) => run.kind === kind).slice(0, RUNS_PER_KIND)) {
      const run = await bench.run({ id: summary.id });
      if (run.fingerprint === fingerprint) yield run;
    }
  };
  for await (const run of runsOf('cpu')) {
    const { gemm, triad } = cpuFigures(run);
    scores.gemm ??= gemm;
    scores.triad ??= triad;
    if (scores.gemm && scores.triad) break;
  }
  for await (const run of runsOf('inference')) {
    scores.cpuInference ??= inferenceFigure(run, new Set(['cpu']));
    scores.gpuInference ??= inferenceFigure(run, GPU_DEVICES);
    scores.npuInference ??= inferenceFigure(run, NPU_DEVICES);
    if (scores.cpuInference && scores.gpuInference && scores.npuInference) break;
  }
  return scores;
}
