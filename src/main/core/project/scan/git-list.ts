import { SAFE_GIT_ARGS } from '../safe-git';
import { spawn } from 'node:child_process';
import { runTool } from '../../util/run-tool';
import { abortReason, throwIfAborted } from './abort';

const GIT_PROBE_TIMEOUT_MS = 5_000;

/**
 * True when `root` lies inside a git work tree that git is willing to read. Any failure (no git,
 * not a repository, a repository git refuses as "dubious ownership", a hung git) means "walk instead".
 */
export async function isGitWorkTree(root: string): Promise<boolean> {
  try {
    const result = await runTool('git', [...SAFE_GIT_ARGS, '-C', root, 'rev-parse', '--show-toplevel'], {
      timeoutMs: GIT_PROBE_TIMEOUT_MS,
      maxOutputBytes: 64 * 1024,
    });
    return result.exitCode === 0 && result.stdout.trim() !== '';
  } catch {
    return false;
  }
}

/**
 * Streams the files git sees under `root` (tracked, plus untracked that no ignore rule hides),
 * relative to `root` (git lists relative to its working folder, so a subfolder root works as is).
 * The output is parsed as it arrives, so a million-file listing never sits in memory at once;
 * returning early or aborting kills git.
 */
export async function* listGitFiles(root: string, signal?: AbortSignal): AsyncGenerator<string> {
  throwIfAborted(signal);
  const child = spawn('git', [...SAFE_GIT_ARGS, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderr.length < 4096) stderr += text;
  });
  const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  });
  const onAbort = (): void => {
    child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let pending: Buffer = Buffer.alloc(0);
    let previous = '';
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      throwIfAborted(signal);
      const data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let start = 0;
      for (let end = data.indexOf(0); end !== -1; end = data.indexOf(0, start)) {
        const path = data.toString('utf8', start, end);
        start = end + 1;
        // An unmerged path is listed once per conflict stage, always next to itself.
        if (path === previous) continue;
        previous = path;
        yield path;
      }
      pending = data.subarray(start);
    }
    const { code, error } = await exited;
    if (signal?.aborted) throw abortReason(signal);
    if (error) throw error;
    if (code !== 0) throw new Error(`git ls-files failed in ${root} (exit ${code}): ${stderr.trim()}`);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Reached early when the consumer stops (file limit, error): git must not linger on a full pipe.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
