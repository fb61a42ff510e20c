import { createEngine, type Engine } from '../core/engine';
import { resolveDataDir } from '../core/store/paths';

/** The CLI's engine: same handlers as the app, data in TUNEBENCH_HOME or the XDG data folder. */
export function createCliEngine(shell: 'cli' | 'web'): Engine {
  const engine = createEngine({ dataDir: resolveDataDir(), shell });
  if (engine.storeError) process.stderr.write(`warning: ${engine.storeError}\n`);
  if (engine.store?.message) process.stderr.write(`warning: ${engine.store.message}\n`);
  return engine;
}
