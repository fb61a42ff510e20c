import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinModels } from '../../../../../../src/main/core/inference/models/catalog';
import {
  BUILTIN_MODELS_VERSION,
  writeBuiltinModels,
  type ModelsManifest,
} from '../../../../../../src/main/core/inference/models/write-models';

describe('writeBuiltinModels', () => {
  let dir = '';
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('writes the 12 models and models.json, then leaves an up-to-date folder alone', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tunebench-models-'));
    const target = path.join(dir, 'models');
    const written = await writeBuiltinModels(target);

    const expected = builtinModels().map((i) => i.fileName);
    expect((await readdir(target)).sort()).toEqual([...expected, 'models.json'].sort());
    const manifest = JSON.parse(await readFile(path.join(target, 'models.json'), 'utf8')) as ModelsManifest;
    expect(manifest.version).toBe(BUILTIN_MODELS_VERSION);
    expect(manifest.models.map((m) => m.fileName)).toEqual(expected);
    for (const model of written) {
      const bytes = await readFile(model.path);
      expect(bytes.length).toBe(model.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(model.sha256);
    }

    const before = (await stat(path.join(target, 'mlp-fp32.onnx'))).mtimeMs;
    const again = await writeBuiltinModels(target);
    expect(again.map((m) => m.sha256)).toEqual(written.map((m) => m.sha256));
    expect((await stat(path.join(target, 'mlp-fp32.onnx'))).mtimeMs).toBe(before);
  });
});
