import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { Feed, SessionSettings } from '../types';
import { loadWithOnnxRuntime } from './onnxruntime';

/**
 * Runs the model once in a separate profiling session with the same settings and returns the
 * trace onnxruntime wrote (a JSON array of events). A separate session, because profiling adds
 * per-node bookkeeping that must not reach the timed session's numbers.
 */
export async function captureProfileTrace(
  model: Uint8Array | string,
  settings: SessionSettings,
  feeds: Record<string, Feed>,
): Promise<unknown[]> {
  const dir = await mkdtemp(join(os.tmpdir(), 'tunebench-ort-profile-'));
  try {
    const session = await loadWithOnnxRuntime(model, settings, {
      enableProfiling: true,
      profileFilePrefix: join(dir, 'placement'),
    });
    try {
      await session.run(feeds);
      session.endProfiling();
    } finally {
      await session.dispose();
    }
    // endProfiling() returns nothing in onnxruntime-node: the file is the only one in the fresh folder.
    const file = (await readdir(dir)).find((name) => name.endsWith('.json'));
    if (!file) throw new Error('onnxruntime wrote no profile');
    return JSON.parse(await readFile(join(dir, file), 'utf8')) as unknown[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
