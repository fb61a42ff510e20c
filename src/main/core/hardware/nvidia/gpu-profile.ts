import type { HardwareProfile } from '../../../../shared/schemas/hardware';
import { runTool, ToolNotFoundError, ToolTimeoutError } from '../../util/run-tool';
import { errorMessage } from '../../util/timebox';
import { parseSmiXml, SmiXmlError } from './parse-xml';
import { parseComputeCapabilities } from './query-csv';
import { classifySmiFailure, nvidiaSmiPath } from './smi-errors';

export interface NvidiaProfile {
  nvidia: HardwareProfile['nvidia'];
  gpus: HardwareProfile['gpus'];
}

const QUERY_TIMEOUT_MS = 5000;

function none(status: 'absent' | 'unknown', reason: string, remedy?: string): NvidiaProfile {
  return { nvidia: { status, reason, remedy, driverVersion: null, cudaVersion: null }, gpus: [] };
}

/**
 * Queries NVIDIA GPUs with `nvidia-smi -q -x` (the full XML report). The XML has no compute
 * capability on most drivers, so a second, cheap CSV query fills it in where the driver knows
 * the `compute_cap` field (R510+).
 */
export async function collectNvidia(smi = nvidiaSmiPath(), timeoutMs = QUERY_TIMEOUT_MS): Promise<NvidiaProfile> {
  let result;
  try {
    result = await runTool(smi, ['-q', '-x'], { timeoutMs });
  } catch (error) {
    if (error instanceof ToolNotFoundError) {
      return none(
        'absent',
        'no NVIDIA driver: nvidia-smi not found on PATH',
        'install the NVIDIA driver if this machine has an NVIDIA GPU',
      );
    }
    if (error instanceof ToolTimeoutError) {
      return none(
        'unknown',
        `nvidia-smi hung: no answer within ${timeoutMs} ms`,
        'check the driver with `nvidia-smi` in a terminal',
      );
    }
    return none('unknown', `nvidia-smi could not be started: ${errorMessage(error)}`);
  }
  if (result.exitCode !== 0) {
    const failure = classifySmiFailure(`${result.stdout}\n${result.stderr}`, result.exitCode);
    return { nvidia: { ...failure, driverVersion: null, cudaVersion: null }, gpus: [] };
  }
  let summary;
  try {
    summary = parseSmiXml(result.stdout);
  } catch (error) {
    if (error instanceof SmiXmlError) return none('unknown', error.message);
    throw error;
  }
  if (summary.gpus.some((gpu) => gpu.computeCapability === null)) {
    const caps = await queryComputeCapabilities(smi, timeoutMs);
    for (const gpu of summary.gpus) gpu.computeCapability ??= caps.get(gpu.index) ?? null;
  }
  return {
    nvidia: {
      status: summary.gpus.length > 0 ? 'present' : 'absent',
      reason: summary.gpus.length > 0 ? '' : 'nvidia-smi reported no GPUs',
      driverVersion: summary.driverVersion,
      cudaVersion: summary.cudaVersion,
    },
    gpus: summary.gpus,
  };
}

async function queryComputeCapabilities(smi: string, timeoutMs: number): Promise<Map<number, string>> {
  try {
    const result = await runTool(smi, ['--query-gpu=index,compute_cap', '--format=csv,noheader'], { timeoutMs });
    return result.exitCode === 0 ? parseComputeCapabilities(result.stdout) : new Map();
  } catch {
    return new Map();
  }
}
