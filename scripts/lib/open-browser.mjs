// Opens a URL in the user's browser when this session has one to show. BROWSER=none turns it off (the convention
// of create-react-app and Vite), as do headless sessions: no display on Linux, or an SSH session.
import { spawn } from 'node:child_process';

function opener(platform, env) {
  if (platform === 'darwin') return ['open', []];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""']];
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return ['xdg-open', []];
}

/** @returns {boolean} whether an opener was started (its own failure is not ours to report). */
export function openBrowser(url, { env = process.env, platform = process.platform } = {}) {
  if ((env.BROWSER ?? '').toLowerCase() === 'none') return false;
  if (env.SSH_CONNECTION && platform !== 'win32' && platform !== 'darwin' && !env.DISPLAY) return false;
  const command = opener(platform, env);
  if (!command) return false;
  const [file, args] = command;
  try {
    const child = spawn(file, [...args, url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
