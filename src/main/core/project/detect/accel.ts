import type { Detector } from '../types';
import { emptyOutput, evidence, fact, newStack, projectFiles } from './shared';

const MODEL_FORMATS: ReadonlyArray<[RegExp, string]> = [
  [/\.onnx$/i, 'ONNX'],
  [/\.(pt|pth)$/i, 'PyTorch'],
  [/\.safetensors$/i, 'safetensors'],
  [/\.gguf$/i, 'GGUF'],
];

/** Longest folder shared by every path, so a stack sits where its files are ('' when they are spread out). */
function commonDir(paths: string[]): string {
  const split = paths.map((path) => path.split('/').slice(0, -1));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((parts) => parts[length] === first[length])) length++;
  return first.slice(0, length).join('/');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 1)} MB`;
}

/** CUDA sources and model files: no parsing, only presence, counts and sizes from the scan. */
export const detectAccelerators: Detector = async (context) => {
  const output = emptyOutput();

  const cuda = projectFiles(context, (name) => /\.(cu|cuh)$/i.test(name));
  // A kernel file is better evidence than a header.
  const firstCuda = cuda.find((file) => /\.cu$/i.test(file)) ?? cuda[0];
  if (firstCuda !== undefined) {
    const stack = newStack('cuda', 'CUDA', commonDir(cuda));
    const kernels = cuda.filter((file) => /\.cu$/i.test(file)).length;
    stack.facts.push(
      fact(
        'cuda.sources',
        `${kernels} .cu and ${cuda.length - kernels} .cuh files`,
        cuda.length,
        evidence(firstCuda, null),
      ),
      fact('cuda.files', cuda.slice(0, 20).join(', '), cuda.slice(0, 50), evidence(firstCuda, null)),
    );
    output.stacks.push(stack);
  }

  const models = projectFiles(context, (name) => MODEL_FORMATS.some(([pattern]) => pattern.test(name)));
  if (models.length > 0) {
    const stack = newStack('models', 'Model files', commonDir(models));
    let total = 0;
    const formats = new Set<string>();
    for (const file of models) {
      const format = MODEL_FORMATS.find(([pattern]) => pattern.test(file))?.[1] ?? 'model';
      const bytes = context.size(file);
      formats.add(format);
      total += bytes ?? 0;
      stack.facts.push(
        fact(
          'models.file',
          `${format} model, ${bytes === undefined ? 'size unknown' : megabytes(bytes)}`,
          file,
          evidence(file, null),
        ),
      );
      if (bytes !== undefined)
        stack.facts.push(fact('models.bytes', `${file}: ${megabytes(bytes)}`, bytes, evidence(file, null)));
    }
    stack.facts.unshift(
      fact(
        'models.count',
        `${models.length} model file(s), ${megabytes(total)}`,
        models.length,
        evidence(models[0] ?? '', null),
      ),
      fact('models.formats', [...formats].join(', '), [...formats], evidence(models[0] ?? '', null)),
      fact('models.totalBytes', megabytes(total), total, evidence(models[0] ?? '', null)),
    );
    output.stacks.push(stack);
  }
  return output;
};
