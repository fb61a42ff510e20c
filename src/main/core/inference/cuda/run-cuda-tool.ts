import { existsSync } from 'node:fs';
import { runTool, ToolNotFoundError, ToolTimeoutError, type ToolResult } from '../../util/run-tool';
import { errorMessage } from '../../util/timebox';
import { CudaToolOutputError, parseCudaToolOutput, type CudaToolReport } from './report';
import { cudaToolPath } from './tool-path';

/** tb-cuda's exit codes (native/cuda/src/main.cu, native/cuda/README.md). */
export const CUDA_EXIT = { ok: 0, usage: 2, noDevice: 3, partial: 4 } as const;

export interface CudaToolRun {
  /**
   * present: at least one device was measured (report set). absent: no CUDA device or driver, or the tool is not
   * built (reason says which). unknown: the tool hung, crashed or printed something unreadable — we cannot tell.
   */
  status: 'present' | 'absent' | 'unknown';
  /** Empty when everything worked; otherwise one readable sentence with the tool's own error text. */
  reason: string;
  report: CudaToolReport | null;
}

export interface RunCudaToolOptions {
  /** The binary; defaults to cudaToolPath(). */
  toolPath?: string;
  device?: number;
  quick?: boolean;
  /** A GPU fault can leave the process stuck in the driver: it is killed (SIGKILL) after this long. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

// A full run is a few seconds on a working GPU; the margin covers driver start-up and the PTX JIT on GPUs newer
// than the fat binary's SASS targets (the first run compiles every kernel).
const DEFAULT_TIMEOUT_MS = 120_000;
const QUICK_TIMEOUT_MS = 60_000;
const NOT_BUILT = 'CUDA tool not built (needs nvcc: node scripts/build-cuda.mjs); CUDA benchmarks unavailable';

function unknown(reason: string, report: CudaToolReport | null = null): CudaToolRun {
  return { status: 'unknown', reason, report };
}

/** The last lines of stderr, for messages about a tool that died: that is where a runtime prints its last words. */
function stderrTail(result: ToolResult): string {
  const tail = result.stderr.trim().split('\n').slice(-3).join(' | ');
  return tail ? `; stderr: ${tail}` : '';
}

function errorsOf(report: CudaToolReport): string {
  return report.errors.join('; ');
}

/**
 * Runs tb-cuda as a child process and classifies the outcome. Never throws for anything the tool does: a GPU
 * fault (crash, signal, hang) becomes status "unknown" with a reason, so it cannot take the app down.
 */
export async function runCudaTool(options: RunCudaToolOptions = {}): Promise<CudaToolRun> {
  const tool = options.toolPath ?? cudaToolPath();
  if (!tool || !existsSync(tool)) return { status: 'absent', reason: NOT_BUILT, report: null };
  const args = ['--json'];
  if (options.quick) args.push('--quick');
  if (options.device !== undefined) args.push('--device', String(options.device));
  const timeoutMs = options.timeoutMs ?? (options.quick ? QUICK_TIMEOUT_MS : DEFAULT_TIMEOUT_MS);

  let result: ToolResult;
  try {
    result = await runTool(tool, args, { timeoutMs, env: options.env });
  } catch (error) {
    if (error instanceof ToolNotFoundError) return { status: 'absent', reason: NOT_BUILT, report: null };
    if (error instanceof ToolTimeoutError) {
      return unknown(`tb-cuda timed out: no result within ${timeoutMs} ms, stopped (a hung GPU or driver?)`);
    }
    return unknown(`tb-cuda could not be started: ${errorMessage(error)}`);
  }
  if (result.signal) {
    return unknown(`tb-cuda crashed: killed by ${result.signal} (a fault in the GPU driver?)${stderrTail(result)}`);
  }

  let report: CudaToolReport;
  try {
    report = parseCudaToolOutput(result.stdout);
  } catch (error) {
    if (!(error instanceof CudaToolOutputError)) throw error;
    return unknown(`tb-cuda exited with code ${result.exitCode} and ${error.message}${stderrTail(result)}`);
  }

  switch (result.exitCode) {
    case CUDA_EXIT.ok:
      if (report.devices.length === 0) return unknown('tb-cuda reported success but no devices');
      return { status: 'present', reason: '', report };
    case CUDA_EXIT.partial:
      return { status: 'present', reason: `some CUDA measurements failed: ${errorsOf(report)}`, report };
    case CUDA_EXIT.noDevice:
      return { status: 'absent', reason: errorsOf(report) || 'no CUDA device', report };
    case CUDA_EXIT.usage:
      return unknown(`tb-cuda rejected its arguments: ${errorsOf(report)}`, report);
    default:
      return unknown(`tb-cuda exited with code ${result.exitCode}: ${errorsOf(report) || 'no error text'}`, report);
  }
}
