import { OPENVINO_DEVICE_NAMES } from '../backends/openvino-placement';
import type { OpenVinoDevice, SessionSettings } from '../types';
import type { Candidate, Snippets } from './types';

/** onnxruntime-node's names for the execution providers this backend runs. */
const JS_PROVIDERS: Partial<Record<SessionSettings['device'], string>> = {
  cpu: 'cpu',
  cuda: 'cuda',
  tensorrt: 'tensorrt',
};

/** Python onnxruntime's provider lists; the CPU provider is listed last as onnxruntime appends it anyway. */
const PY_PROVIDERS: Partial<Record<SessionSettings['device'], string[]>> = {
  cpu: ['CPUExecutionProvider'],
  cuda: ['CUDAExecutionProvider', 'CPUExecutionProvider'],
  tensorrt: ['TensorrtExecutionProvider', 'CUDAExecutionProvider', 'CPUExecutionProvider'],
};

const PY_GRAPH_LEVEL: Record<SessionSettings['graphOptimization'], string> = {
  disabled: 'ORT_DISABLE_ALL',
  basic: 'ORT_ENABLE_BASIC',
  extended: 'ORT_ENABLE_EXTENDED',
  all: 'ORT_ENABLE_ALL',
};

const PY_EXECUTION_MODE: Record<SessionSettings['executionMode'], string> = {
  sequential: 'ORT_SEQUENTIAL',
  parallel: 'ORT_PARALLEL',
};

export interface SnippetInput {
  candidate: Candidate;
  modelPath: string;
  /** One line saying what was measured (no line breaks); becomes the snippet's first comment. */
  headline?: string;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

// JSON string literals are valid in JavaScript and, for these paths, in Python too (same escapes).
const literal = (text: string) => JSON.stringify(text);

function batchNote(candidate: Candidate, comment: string): string[] {
  return candidate.batch > 1
    ? [`${comment} Tuned at batch ${candidate.batch}: give every input a first dimension of ${candidate.batch}.`]
    : [];
}

export function javascriptSnippet({ candidate, modelPath, headline }: SnippetInput): string {
  const provider = JS_PROVIDERS[candidate.device];
  if (!provider) throw new RangeError(`no onnxruntime-node execution provider for ${candidate.device}`);
  const threads = (n: number) => (n === 0 ? ' // 0: onnxruntime chooses (one per physical core)' : '');
  return [
    ...(headline ? [`// ${oneLine(headline)}`] : []),
    "import * as ort from 'onnxruntime-node';",
    '',
    `const session = await ort.InferenceSession.create(${literal(modelPath)}, {`,
    `  executionProviders: [${literal(provider)}],`,
    `  intraOpNumThreads: ${candidate.intraOpThreads},${threads(candidate.intraOpThreads)}`,
    `  interOpNumThreads: ${candidate.interOpThreads},${threads(candidate.interOpThreads)}`,
    `  graphOptimizationLevel: ${literal(candidate.graphOptimization)},`,
    `  executionMode: ${literal(candidate.executionMode)},`,
    ...(candidate.memoryArena ? [] : ['  enableCpuMemArena: false,']),
    '});',
    ...batchNote(candidate, '//'),
    '',
  ].join('\n');
}

export function pythonSnippet({ candidate, modelPath, headline }: SnippetInput): string {
  const providers = PY_PROVIDERS[candidate.device];
  if (!providers) throw new RangeError(`no onnxruntime execution provider for ${candidate.device}`);
  const threads = (n: number) => (n === 0 ? '  # 0: onnxruntime chooses (one per physical core)' : '');
  return [
    ...(headline ? [`# ${oneLine(headline)}`] : []),
    'import onnxruntime as ort',
    '',
    'options = ort.SessionOptions()',
    `options.intra_op_num_threads = ${candidate.intraOpThreads}${threads(candidate.intraOpThreads)}`,
    `options.inter_op_num_threads = ${candidate.interOpThreads}${threads(candidate.interOpThreads)}`,
    `options.graph_optimization_level = ort.GraphOptimizationLevel.${PY_GRAPH_LEVEL[candidate.graphOptimization]}`,
    `options.execution_mode = ort.ExecutionMode.${PY_EXECUTION_MODE[candidate.executionMode]}`,
    ...(candidate.memoryArena ? [] : ['options.enable_cpu_mem_arena = False']),
    'session = ort.InferenceSession(',
    `    ${literal(modelPath)},`,
    '    sess_options=options,',
    `    providers=[${providers.map(literal).join(', ')}],`,
    ')',
    ...batchNote(candidate, '#'),
    '',
  ].join('\n');
}

/** openvino-node: the compiled model with the tuned hint, and the InferRequests kept in flight. */
export function openVinoJavascriptSnippet({ candidate, modelPath, headline }: SnippetInput): string {
  const knobs = candidate.openvino;
  if (!knobs) throw new RangeError(`${candidate.device} is not an OpenVINO candidate`);
  const device = OPENVINO_DEVICE_NAMES[candidate.device as OpenVinoDevice];
  return [
    ...(headline ? [`// ${oneLine(headline)}`] : []),
    "import { addon as ov } from 'openvino-node';",
    '',
    'const core = new ov.Core();',
    `const model = await core.readModel(${literal(modelPath)});`,
    ...(candidate.device === 'openvino-npu'
      ? ['// The NPU compiles static shapes: call model.reshape(...) first if an input has a dynamic size.']
      : []),
    `const compiled = await core.compileModel(model, ${literal(device)}, { PERFORMANCE_HINT: ${literal(knobs.hint.toUpperCase())} });`,
    ...(knobs.requests > 1
      ? [
          `// ${knobs.requests} requests in flight: start them together with inferAsync and await them all.`,
          `const requests = Array.from({ length: ${knobs.requests} }, () => compiled.createInferRequest());`,
        ]
      : ['const request = compiled.createInferRequest();']),
    ...batchNote(candidate, '//'),
    '',
  ].join('\n');
}

/** Python openvino: the same compiled model; several requests in flight through an AsyncInferQueue. */
export function openVinoPythonSnippet({ candidate, modelPath, headline }: SnippetInput): string {
  const knobs = candidate.openvino;
  if (!knobs) throw new RangeError(`${candidate.device} is not an OpenVINO candidate`);
  const device = OPENVINO_DEVICE_NAMES[candidate.device as OpenVinoDevice];
  return [
    ...(headline ? [`# ${oneLine(headline)}`] : []),
    'import openvino as ov',
    '',
    'core = ov.Core()',
    ...(candidate.device === 'openvino-npu'
      ? ['# The NPU compiles static shapes: read_model and reshape first if an input has a dynamic size.']
      : []),
    `compiled = core.compile_model(${literal(modelPath)}, ${literal(device)}, {"PERFORMANCE_HINT": ${literal(knobs.hint.toUpperCase())}})`,
    ...(knobs.requests > 1
      ? [`queue = ov.AsyncInferQueue(compiled, ${knobs.requests})  # ${knobs.requests} requests in flight`]
      : ['request = compiled.create_infer_request()']),
    ...batchNote(candidate, '#'),
    '',
  ].join('\n');
}

export function snippets(input: SnippetInput): Snippets {
  if (input.candidate.openvino) {
    return { javascript: openVinoJavascriptSnippet(input), python: openVinoPythonSnippet(input) };
  }
  return { javascript: javascriptSnippet(input), python: pythonSnippet(input) };
}
