import { existsSync, statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding the built native CPU files (tunebench_cpu.node, tb-exec), or null if no native/cpu folder
 * is found. TUNEBENCH_NATIVE_DIR names that folder directly (a packaged app keeps the files outside its asar);
 * otherwise we walk up from this module, because it runs both as src/main/core/bench/native/*.ts under Vitest
 * and bundled into out/main/*.js, at different depths below the repository root.
 */
export function nativeCpuBuildDir(): string | null {
  const override = process.env.TUNEBENCH_NATIVE_DIR;
  if (override) return override;
  let dir = dirname(fileURLToPath(import.meta.url));
  const top = parse(dir).root;
  for (;;) {
    const candidate = join(dir, 'native', 'cpu');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return join(candidate, 'build', 'Release');
    if (dir === top) return null;
    dir = dirname(dir);
  }
}
