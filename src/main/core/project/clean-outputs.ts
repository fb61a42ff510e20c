import { join, relative, sep } from 'node:path';
import { safeGit } from './safe-git';
import type { ProjectProfile } from '../../../shared/schemas/project';

const OUTPUT_DIRS = ['dist', 'build', 'out', '.next'];

/**
 * Build output a clean build may delete: only folders inside the root that git ignores (so they are generated, never the user's sources). Outside git nothing qualifies:
 * without an ignore rule we cannot tell output from sources.
 */
export async function cleanableOutputs(profile: ProjectProfile): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (profile.git.status !== 'present') return result;
  const git = safeGit(profile.root, 10_000);
  for (const command of profile.commands) {
    if (command.kind !== 'build' || /^cargo /.test(command.command)) continue;
    const folder = join(profile.root, command.cwd);
    // Whether or not the folder exists yet: the first build creates it, and git's rules already apply.
    const candidates = OUTPUT_DIRS.map((dir) => join(folder, dir));
    const ignored: string[] = [];
    for (const path of candidates) {
      const rel = relative(profile.root, path);
      if (rel.startsWith('..') || rel.split(sep).includes('..')) continue;
      try {
        const out = await git.raw(['check-ignore', '--', rel]);
        if (out.trim() !== '') ignored.push(path);
      } catch {
        // not ignored (exit 1) or git failed: leave it alone
      }
    }
    if (ignored.length > 0) result.set(command.id, ignored);
  }
  return result;
}
