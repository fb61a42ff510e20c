import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildModel, builtinModels } from './catalog';
import type { BuildOptions, BuiltinModelInfo } from './types';

/** Bump when a change to the builders changes the bytes: written sets of an older version are regenerated. */
export const BUILTIN_MODELS_VERSION = 1;
export const MODELS_MANIFEST = 'models.json';

export interface WrittenModel extends BuiltinModelInfo {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ModelsManifest {
  generator: 'tunebench';
  version: number;
  models: (BuiltinModelInfo & { bytes: number; sha256: string })[];
}

async function readManifest(dir: string): Promise<ModelsManifest | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, MODELS_MANIFEST), 'utf8')) as ModelsManifest;
  } catch {
    return null;
  }
}

/** Write via a temporary file and rename, so a crash never leaves a truncated model behind. */
async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

/**
 * Write the 12 built-in models as `<id>-<precision>.onnx` plus `models.json` (their infos, sizes and
 * SHA-256) into `dir`. The models are generated deterministically at run time, so none is stored in the
 * repository; a folder already holding this version's set, with every file present, is left as it is
 * unless `force` is set.
 */
export async function writeBuiltinModels(
  dir: string,
  options: BuildOptions & { force?: boolean } = {},
): Promise<WrittenModel[]> {
  await mkdir(dir, { recursive: true });
  const existing = options.force ? null : await readManifest(dir);
  const wanted = builtinModels(options);
  if (existing?.version === BUILTIN_MODELS_VERSION && (await allPresent(dir, existing, wanted))) {
    return existing.models.map((m) => ({ ...m, path: path.join(dir, m.fileName) }));
  }
  const written: WrittenModel[] = [];
  for (const { id, precision } of wanted) {
    const { bytes, info } = buildModel(id, precision, options);
    const file = path.join(dir, info.fileName);
    await writeAtomic(file, bytes);
    written.push({
      ...info,
      path: file,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  const manifest: ModelsManifest = {
    generator: 'tunebench',
    version: BUILTIN_MODELS_VERSION,
    models: written.map(({ path: _path, ...model }) => model),
  };
  await writeAtomic(path.join(dir, MODELS_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return written;
}

async function allPresent(dir: string, manifest: ModelsManifest, wanted: BuiltinModelInfo[]): Promise<boolean> {
  if (manifest.models.length !== wanted.length) return false;
  for (const [i, model] of manifest.models.entries()) {
    if (model.fileName !== wanted[i]?.fileName || model.seed !== wanted[i]?.seed) return false;
    try {
      if ((await stat(path.join(dir, model.fileName))).size !== model.bytes) return false;
    } catch {
      return false;
    }
  }
  return true;
}
