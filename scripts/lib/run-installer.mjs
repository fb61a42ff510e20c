// Runs a package's own download script (Electron's install.js, onnxruntime-node's script/install.js) with a time
// limit, and turns what it printed into one reason a user can read: those scripts end in a stack trace.
import { spawn } from 'node:child_process';

/** The first line that names an error, else the last line; without the stack frames and the "Error:" prefix. */
export function installerFailureReason(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at ') && !line.startsWith('^') && !line.startsWith('Downloading'));
  const cause = lines.find((line) => /error|failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/i.test(line));
  return (cause ?? lines.at(-1) ?? '').replace(/^[A-Za-z]*Error:\s*/, '').trim();
}

/** @returns {Promise<{ ok: boolean, reason: string }>} reason is empty when ok. */
export function runInstaller(script, { cwd, env, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      output += `\nError: no answer within ${Math.round(timeoutMs / 1000)} s`;
    }, timeoutMs);
    child.on('error', (error) => (output += `\nError: ${error.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        ok: code === 0,
        reason: code === 0 ? '' : installerFailureReason(output) || `the installer exited with ${code}`,
      });
    });
  });
}
