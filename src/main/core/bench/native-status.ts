import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nativeCpuBuildDir } from './native/native-dir';

/**
 * Whether the native CPU kernels were built, checked by file in the main process: the addon
 * itself is only ever loaded inside workers.
 */
export function nativeKernelsStatus(): { available: boolean; reason: string } {
  const dir = nativeCpuBuildDir();
  if (dir && existsSync(join(dir, 'tunebench_cpu.node'))) return { available: true, reason: '' };
  return {
    available: false,
    reason:
      'native CPU kernels are not built: run `npm run build:native` (needs a C++ compiler); JS benchmarks still run',
  };
}
