import { existsSync, statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CUDA_TOOL_NAME = process.platform === 'win32' ? 'tb-cuda.exe' : 'tb-cuda';

/**
 * Where the built tb-cuda binary should be (it may not exist: it is only built where nvcc is installed), or
 * null if no native/cuda folder is found. TUNEBENCH_CUDA_TOOL names the binary directly (a packaged app keeps
 * it outside its asar). Otherwise we walk up from this module, which runs both as src/main/core/inference/cuda
 * under Vitest and bundled into out/main, at different depths below the repository root.
 */
export function cudaToolPath(): string | null {
  const override = process.env.TUNEBENCH_CUDA_TOOL;
  if (override) return override;
  let dir = dirname(fileURLToPath(import.meta.url));
  const top = parse(dir).root;
  for (;;) {
    const candidate = join(dir, 'native', 'cuda');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return join(candidate, 'build', CUDA_TOOL_NAME);
    if (dir === top) return null;
    dir = dirname(dir);
  }
}
