import { isOpenVinoRuntimeExtra, openVinoRuntimeLine, openVinoRuntimes } from '../../shared/openvino-extras';
import type { Run } from '../../shared/schemas/bench';
import { formatRun } from './format-run';

/**
 * The run's table, with the OpenVINO runtime (version, module path, custom module) said once under
 * the heading instead of in every OpenVINO row's notes.
 */
export function formatInferenceRun(run: Run): string {
  const runtimes = openVinoRuntimes(run.results);
  if (runtimes.length === 0) return formatRun(run);
  const results = run.results.map((result) => ({
    ...result,
    extras: Object.fromEntries(Object.entries(result.extras).filter(([key]) => !isOpenVinoRuntimeExtra(key))),
  }));
  const [heading, ...rest] = formatRun({ ...run, results }).split('\n');
  return [heading, ...runtimes.map(openVinoRuntimeLine), ...rest].join('\n');
}
