import type { SessionSettings } from '../types';
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
    'session = ort.InferenceSession(',
    `    ${literal(modelPath)},`,
    '    sess_options=options,',
    `    providers=[${providers.map(literal).join(', ')}],`,
    ')',
    ...batchNote(candidate, '#'),
    '',
  ].join('\n');
}

export function snippets(input: SnippetInput): Snippets {
  return { javascript: javascriptSnippet(input), python: pythonSnippet(input) };
}
