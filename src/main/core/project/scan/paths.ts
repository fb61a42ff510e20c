import { sep } from 'node:path';

/** True when `path` (a real path) is `root` itself or below it. */
export function isInside(root: string, path: string): boolean {
  if (path === root) return true;
  const prefix = root.endsWith(sep) ? root : root + sep;
  return path.startsWith(prefix);
}

/** Relative paths in results always use '/', whatever the platform. */
export function toPosix(relative: string): string {
  return sep === '/' ? relative : relative.split(sep).join('/');
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
