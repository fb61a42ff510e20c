// Finds the Electron executable that `npm start` launches, and fetches it through Electron's own installer when it
// is missing. Electron 45 ships no install script: its package downloads the binary lazily on the first
// `require('electron')`, while electron-vite only reads node_modules/electron/path.txt and throws a bare
// "Electron uninstall" when it is absent. This module settles the question before electron-vite runs and hands
// it the path through ELECTRON_EXEC_PATH, which electron-vite honours.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInstaller } from './run-installer.mjs';

const require = createRequire(import.meta.url);

/** The executable's path inside Electron's dist folder, as Electron's own install.js names it. */
function platformExecutable(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function readInstalled(packageDir) {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/**
 * @returns {Promise<{ path: string, source: 'override' | 'installed' | 'downloaded' } | { path: null, reason: string }>}
 */
export async function resolveElectronBinary({ env = process.env, log = () => {}, timeoutMs = 10 * 60_000 } = {}) {
  const packageDir = electronPackageDir();
  if (!packageDir) return { path: null, reason: 'the electron package is not installed (run npm install)' };

  // Electron's documented override: a folder that holds an Electron build (a custom or a stand-in binary).
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const pathFile = join(packageDir, 'path.txt');
    const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformExecutable();
    const executable = join(env.ELECTRON_OVERRIDE_DIST_PATH, name);
    if (existsSync(executable)) return { path: executable, source: 'override' };
    return {
      path: null,
      reason: `ELECTRON_OVERRIDE_DIST_PATH names ${env.ELECTRON_OVERRIDE_DIST_PATH}, which has no ${name}`,
    };
  }

  const installed = readInstalled(packageDir);
  if (installed) return { path: installed, source: 'installed' };

  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { path: null, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded' };
  }

  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  log(`Downloading Electron ${version} for this machine (first start only)…`);
  // Electron's own installer (the `install-electron` bin): @electron/get, honouring ELECTRON_MIRROR,
  // electron_config_cache and proxies.
  const result = await runInstaller(join(packageDir, 'install.js'), { cwd: packageDir, env, timeoutMs });
  const downloaded = result.ok ? readInstalled(packageDir) : null;
  if (downloaded) return { path: downloaded, source: 'downloaded' };
  return {
    path: null,
    reason: `its download failed: ${result.ok ? 'the installer wrote no executable' : result.reason}`,
  };
}
