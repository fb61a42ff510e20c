import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the bundled worker entry lives: next to the bundle in out/main (app, CLI), or, when the
 * engine runs from source (tests), in the built out/main of the repository.
 */
export function builtWorkerPath(name: 'bench-worker'): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const beside = join(here, `${name}.js`);
  if (existsSync(beside)) return beside;
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'out', 'main', `${name}.js`);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`the benchmark worker (${name}.js) is not built: run \`npm run build\``);
}
