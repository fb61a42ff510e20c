import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { FileEdit } from '../types';
import { assertInsideRoot } from './guard';

export class ChangedSinceDetectionError extends Error {
  constructor(readonly files: string[]) {
    super(`${files.join(', ')} changed since the finding was detected; scan again to get a fix for the current text`);
  }
}

async function currentText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Files whose content is no longer what the fix was computed from. */
export async function changedSinceDetection(dir: string, edits: readonly FileEdit[]): Promise<string[]> {
  const changed: string[] = [];
  for (const edit of edits) if ((await currentText(join(dir, edit.file))) !== edit.before) changed.push(edit.file);
  return changed;
}

/**
 * Writes the edits into `dir`: each file atomically (temp file + rename, mode kept), only after
 * every target was checked to be inside `dir` and unchanged since detection. With `backupDir`,
 * the previous content of each file is copied there first (for folders without git).
 */
export async function writeEdits(dir: string, edits: readonly FileEdit[], backupDir?: string): Promise<void> {
  assertInsideRoot(dir, edits);
  const changed = await changedSinceDetection(dir, edits);
  if (changed.length > 0) throw new ChangedSinceDetectionError(changed);
  for (const edit of edits) {
    const target = join(dir, edit.file);
    if (backupDir && edit.before !== null) {
      await mkdir(dirname(join(backupDir, edit.file)), { recursive: true });
      await copyFile(target, join(backupDir, edit.file));
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, edit.after, { encoding: 'utf8' });
  }
}
