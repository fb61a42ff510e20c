// Loads the real addon for the tests, or says why they skip. They skip only when the addon is not built (a
// machine without a compiler); TUNEBENCH_REQUIRE_NATIVE=1 (CI) turns that into a failure instead.
import {
  type CpuAddon,
  loadCpuAddon,
  NativeAddonMissingError,
  tbExecPath,
} from '../../../../../../src/main/core/bench/native/cpu-addon';

function load(): { addon: CpuAddon | null; skipReason: string } {
  try {
    return { addon: loadCpuAddon(), skipReason: '' };
  } catch (error) {
    if (!(error instanceof NativeAddonMissingError) || process.env.TUNEBENCH_REQUIRE_NATIVE === '1') throw error;
    return { addon: null, skipReason: ` (skipped: ${error.message})` };
  }
}

export const { addon, skipReason } = load();

export function requireAddon(): CpuAddon {
  if (addon === null) throw new Error('unreachable: suites skip when the addon is missing');
  return addon;
}

export const tbExec = tbExecPath();
