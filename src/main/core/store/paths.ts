import os from 'node:os';
import { join } from 'node:path';

export const DATABASE_FILE = 'tunebench.db';

/**
 * Where Tunebench keeps its data. TUNEBENCH_HOME wins; Electron passes its userData folder;
 * otherwise the platform's per-user data folder ($XDG_DATA_HOME/tunebench on Linux).
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, electronUserData?: string): string {
  if (env.TUNEBENCH_HOME) return env.TUNEBENCH_HOME;
  if (electronUserData) return electronUserData;
  const home = os.homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'tunebench');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'tunebench');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'tunebench');
}
