import type { SessionSettings } from './types';

/**
 * Which execution provider ran each node, read from onnxruntime's profiling trace.
 *
 * onnxruntime-node has no API for node-to-EP assignment, and a provider that cannot run a node
 * hands it to the CPU provider without an error (the "silent fallback"): a "CUDA" number can then
 * be mostly CPU work. The profiler's trace (`enableProfiling` + `endProfiling()`, Chrome trace
 * format) carries one event per executed kernel with `args.provider` and `args.op_name`, which is
 * the only place this build exposes the assignment. `logSeverityLevel: 0` prints placement too,
 * but to the native stderr of the process, which Node cannot capture.
 */

/** One event of the trace; only what placement needs is typed. */
export interface TraceEvent {
  cat?: string;
  name?: string;
  args?: { provider?: unknown; op_name?: unknown };
}

export interface Placement {
  /** Distinct nodes that ran (a node traced over several runs counts once). */
  nodes: number;
  /** Nodes per execution provider, e.g. { CPUExecutionProvider: 4 }. */
  byProvider: Record<string, number>;
  /** The operator types per provider, sorted, e.g. { CPUExecutionProvider: ['FusedGemm', 'Softmax'] }. */
  opsByProvider: Record<string, string[]>;
}

const KERNEL_SUFFIX = '_kernel_time';

/** Parses a trace (the JSON array the profiler writes) into per-provider node counts. */
export function placementFromTrace(trace: unknown): Placement {
  if (!Array.isArray(trace)) throw new TypeError('an onnxruntime profile is a JSON array of trace events');
  const providerOf = new Map<string, { provider: string; op: string }>();
  for (const event of trace as TraceEvent[]) {
    if (event?.cat !== 'Node' || typeof event.name !== 'string' || !event.name.endsWith(KERNEL_SUFFIX)) continue;
    const provider = event.args?.provider;
    // Fence events and session events have no provider; they are not nodes.
    if (typeof provider !== 'string' || provider === '') continue;
    const node = event.name.slice(0, -KERNEL_SUFFIX.length);
    const op = typeof event.args?.op_name === 'string' ? event.args.op_name : '?';
    providerOf.set(node, { provider, op });
  }
  const byProvider: Record<string, number> = {};
  const ops: Record<string, Set<string>> = {};
  for (const { provider, op } of providerOf.values()) {
    byProvider[provider] = (byProvider[provider] ?? 0) + 1;
    (ops[provider] ??= new Set()).add(op);
  }
  const opsByProvider = Object.fromEntries(Object.entries(ops).map(([p, set]) => [p, [...set].sort()]));
  return { nodes: providerOf.size, byProvider, opsByProvider };
}

/** The provider name onnxruntime uses in traces for a device this backend runs. */
export const PROVIDER_NAMES: Partial<Record<SessionSettings['device'], string>> = {
  cpu: 'CPUExecutionProvider',
  cuda: 'CUDAExecutionProvider',
  tensorrt: 'TensorrtExecutionProvider',
};

export interface PlacementVerdict {
  requested: string;
  /** Nodes that ran on the CPU provider although another one was asked for. */
  cpuNodes: number;
  nodes: number;
  /** True when a non-CPU provider was asked for and at least one node ran on the CPU. */
  fellBack: boolean;
  /** One line for the result: where the nodes ran, and the fallback when there is one. */
  message: string;
}

/**
 * Judges a placement against the requested device. onnxruntime keeps a few shape computations on
 * the CPU on purpose even with CUDA, so a small k is not always a problem; the message names the
 * operators so the reader can tell.
 */
export function placementVerdict(placement: Placement, device: SessionSettings['device']): PlacementVerdict {
  const requested = PROVIDER_NAMES[device] ?? device;
  const cpu = 'CPUExecutionProvider';
  const cpuNodes = placement.byProvider[cpu] ?? 0;
  const n = placement.nodes;
  const spread = Object.entries(placement.byProvider)
    .sort((a, b) => b[1] - a[1])
    .map(([provider, count]) => `${count} on ${provider}`)
    .join(', ');
  if (requested === cpu || cpuNodes === 0) {
    return { requested, cpuNodes, nodes: n, fellBack: false, message: `${n} nodes: ${spread || 'none traced'}` };
  }
  const ops = (placement.opsByProvider[cpu] ?? []).join(', ');
  const head =
    cpuNodes === n
      ? `fell back to CPU entirely: ${cpuNodes} of ${n} nodes ran on ${cpu}, none on ${requested}`
      : `partly fell back to CPU: ${cpuNodes} of ${n} nodes ran on ${cpu}`;
  return { requested, cpuNodes, nodes: n, fellBack: true, message: `${head} (ops: ${ops}); ${spread}` };
}
