import type { Run } from '../../../../shared/schemas/bench';

/**
 * Settings that do not change what a benchmark measures: how precisely (level), in how many rounds, which of the
 * suite's benchmarks were picked (only; a benchmark's id already names its sizes and threads), and the explanatory
 * text beside a setting. Everything else in a run's settings (preset, native kernels, commands…) does.
 */
const NOT_MEASURED: ReadonlySet<string> = new Set(['level', 'rounds', 'only', 'nativeReason', 'skipped']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !NOT_MEASURED.has(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, canonical(inner)]),
    );
  }
  return value;
}

/** One string per set of settings that measure the same thing: equal keys, comparable runs. */
export function measuredSettingsKey(settings: Run['settings']): string {
  return JSON.stringify(canonical({ preset: settings.preset, options: settings.options }));
}

function differingSettings(base: Run['settings'], head: Run['settings']): string[] {
  const a = canonical({ preset: base.preset, ...base.options }) as Record<string, unknown>;
  const b = canonical({ preset: head.preset, ...head.options }) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

/** Why two runs are not like for like, in words; empty when they are. */
export function runMismatches(base: Run, head: Run): string[] {
  const mismatches: string[] = [];
  if (base.fingerprint !== head.fingerprint) mismatches.push('the runs come from different machines');
  if (base.kind !== head.kind) mismatches.push(`the runs are of different kinds (${base.kind} vs ${head.kind})`);
  const differing = differingSettings(base.settings, head.settings);
  if (differing.length > 0) mismatches.push(`the runs' settings differ (${differing.join(', ')})`);
  return mismatches;
}
