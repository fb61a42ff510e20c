import { simpleGit, type SimpleGit } from 'simple-git';

/**
 * Settings that stop git from running code the project's own .git/config names: reading a
 * repository must never execute anything from it (scanning needs no trust). fsmonitor is run by
 * status and ls-files; hooks, external diff tools and pagers are the other ways in.
 */
export const SAFE_GIT_CONFIG = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'diff.external=',
  'core.untrackedCache=false',
];

/** `-c key=value` arguments for a plain `git` spawn. */
export const SAFE_GIT_ARGS = SAFE_GIT_CONFIG.flatMap((entry) => ['-c', entry]);

export function safeGit(root: string, timeoutMs = 15_000): SimpleGit {
  // A block timeout: a git stuck on a lock or a network filesystem must not hang the scan.
  return simpleGit({
    baseDir: root,
    timeout: { block: timeoutMs },
    config: SAFE_GIT_CONFIG,
    // simple-git refuses to set these keys at all unless told to; we only ever set them to the safe values.
    unsafe: {
      allowUnsafeFsMonitor: true,
      allowUnsafeHooksPath: true,
      allowUnsafePager: true,
      allowUnsafeDiffExternal: true,
    },
  });
}
