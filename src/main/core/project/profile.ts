import { open, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ProjectProfile } from '../../../shared/schemas/project';
import type { ProjectCommandRepository } from '../store/project-commands';
import { mergeCommands } from '../store/project-commands';
import { canonicalFolder, type TrustRepository } from '../store/trust';
import { measureArtifacts } from './artifacts';
import { runDetectors } from './detect';
import { readGitInfo } from './git';
import { scanProject, type ScanCache } from './scan';
import type { DetectContext, ScanResult } from './types';

/** Manifests larger than this are not read by detectors (a 50 MB "package.json" is not one). */
const READ_LIMIT_BYTES = 2 * 1024 * 1024;

export interface ProfileDeps {
  trust: TrustRepository | null;
  commands: ProjectCommandRepository | null;
  cache?: ScanCache;
  /** Files the scan inspects at once (the max-workers setting); the scan's default when absent. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (files: number) => void;
}

export class ProjectRootError extends Error {}

export async function readText(root: string, relativePath: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(join(root, relativePath), 'r');
    const info = await handle.stat();
    if (!info.isFile() || info.size > READ_LIMIT_BYTES) return null;
    const content = await handle.readFile();
    if (content.subarray(0, 8192).includes(0)) return null; // binary, whatever its extension says
    return content.toString('utf8');
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

export function detectContext(scan: ScanResult): DetectContext {
  return {
    root: scan.root,
    files: scan.interesting,
    read: (relativePath) => readText(scan.root, relativePath),
    size: (relativePath) => scan.sizes.get(relativePath),
  };
}

/**
 * Understands a project without running any of it: scan (git-aware walk, languages), detectors
 * (stacks, facts with evidence, commands, problems), git state, artifacts on disk, the user's own
 * commands and whether the folder is trusted.
 */
export async function profileProject(rootInput: string, deps: ProfileDeps): Promise<ProjectProfile> {
  const root = canonicalFolder(rootInput);
  let info;
  try {
    info = await stat(root);
  } catch (error) {
    throw new ProjectRootError(
      `cannot open ${rootInput}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`,
    );
  }
  if (!info.isDirectory()) throw new ProjectRootError(`${rootInput} is not a folder`);
  const scan = await scanProject(root, {
    signal: deps.signal,
    onProgress: deps.onProgress,
    cache: deps.cache,
    concurrency: deps.concurrency,
  });
  const [detected, git] = await Promise.all([runDetectors(detectContext(scan)), readGitInfo(root)]);
  const artifacts = await measureArtifacts(root, detected.stacks, scan.sizes);
  return {
    root,
    name: basename(root),
    scannedAt: new Date().toISOString(),
    scan: scan.stats,
    languages: scan.languages,
    stacks: detected.stacks,
    commands: mergeCommands(detected.commands, deps.commands?.get(root) ?? []),
    artifacts,
    problems: detected.problems,
    git,
    trusted: deps.trust?.isTrusted(root) ?? false,
  };
}
