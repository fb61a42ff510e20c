/**
 * Tunebench's built-in ONNX models: MLP, ResNet-style CNN, MobileNet-style CNN and a BERT-base encoder block,
 * each in FP32, FP16 and INT8 (QDQ), generated from seeded weights (no external weights, nothing in git).
 */
export { buildModel, builtinModels, DEFAULT_SEED, OPSET } from './catalog';
export { inputDims, randomInput } from './random-input';
export { MODEL_IDS, PRECISIONS } from './types';
export type { BuildOptions, BuiltinModelInfo, BuiltModel, Dim, ModelId, ModelTensorInfo, Precision } from './types';
export { BUILTIN_MODELS_VERSION, MODELS_MANIFEST, writeBuiltinModels } from './write-models';
export type { ModelsManifest, WrittenModel } from './write-models';
