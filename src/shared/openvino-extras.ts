/**
 * Which OpenVINO runtime an OpenVINO result was measured with, as its extras carry it. The engine
 * writes them (every inference.openvino result), the CLI, the inference matrix and the HTML report
 * read them: one spelling for all. Extras hold strings and numbers only, so the "custom module"
 * flag is a string: the environment variable that named the module, present only when one did.
 */
export const OPENVINO_EXTRAS = {
  /** The version the loaded module reports (openvino-node's package version, or a local build's own). */
  version: 'OpenVINO version',
  /** The resolved path of the module that was loaded. */
  module: 'OpenVINO module',
  /** Set (to the variable's name) only when the module came from TUNEBENCH_OPENVINO_MODULE, not the package. */
  custom: 'custom OpenVINO module',
} as const;

/** Stored when the module reported no version, or its path could not be resolved. */
export const OPENVINO_UNKNOWN = 'unknown';

export interface OpenVinoRuntime {
  version: string;
  module: string;
  /** The environment variable that named the module, or null when it was the openvino-node package. */
  customFrom: string | null;
}

/** The runtime a result was measured with, or null for a result that does not record one (not OpenVINO, or older). */
export function openVinoRuntimeOf(extras: Record<string, unknown>): OpenVinoRuntime | null {
  const version = extras[OPENVINO_EXTRAS.version];
  const module = extras[OPENVINO_EXTRAS.module];
  if (version === undefined && module === undefined) return null;
  const custom = extras[OPENVINO_EXTRAS.custom];
  return {
    version: version === undefined ? OPENVINO_UNKNOWN : String(version),
    module: module === undefined ? OPENVINO_UNKNOWN : String(module),
    customFrom: custom === undefined || custom === '' ? null : String(custom),
  };
}

/** The distinct runtimes of a run's results, in the order they first appear: one line each, not one per result. */
export function openVinoRuntimes(results: ReadonlyArray<{ extras: Record<string, unknown> }>): OpenVinoRuntime[] {
  const seen = new Map<string, OpenVinoRuntime>();
  for (const result of results) {
    const runtime = openVinoRuntimeOf(result.extras);
    if (runtime === null) continue;
    const key = `${runtime.version}\0${runtime.module}\0${runtime.customFrom ?? ''}`;
    if (!seen.has(key)) seen.set(key, runtime);
  }
  return [...seen.values()];
}

/** "OpenVINO 2026.4.0 from /path/openvino-node/dist/index.js", plus where a custom module came from. */
export function openVinoRuntimeLine(runtime: OpenVinoRuntime): string {
  const custom = runtime.customFrom === null ? '' : ` (custom OpenVINO module, set by ${runtime.customFrom})`;
  return `OpenVINO ${runtime.version} from ${runtime.module}${custom}`;
}

/** The extras said once per run by the CLI and the report rather than in every row's notes. */
export function isOpenVinoRuntimeExtra(key: string): boolean {
  return Object.values<string>(OPENVINO_EXTRAS).includes(key);
}
