import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { javascriptSnippet, pythonSnippet } from '../../../../../../src/main/core/inference/autotune/snippets';
import type { Candidate } from '../../../../../../src/main/core/inference/autotune/types';

const CPU_LATENCY: Candidate = {
  device: 'cpu',
  precision: 'int8',
  batch: 1,
  intraOpThreads: 1,
  interOpThreads: 0,
  graphOptimization: 'extended',
  executionMode: 'sequential',
};
const CUDA_THROUGHPUT: Candidate = {
  device: 'cuda',
  precision: 'fp16',
  batch: 32,
  intraOpThreads: 4,
  interOpThreads: 2,
  graphOptimization: 'all',
  executionMode: 'parallel',
};
// Spaces, quotes, backslashes and non-ASCII: the path must survive as a literal in both languages.
const AWKWARD_PATH = 'C:\\models\\my "net" é.onnx';

/** Parses without running: Python's own parser, and Node's syntax check for an ES module. */
function pythonParses(source: string): string {
  const out = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: source });
  return out.status === 0 ? 'ok' : out.stderr.toString();
}
function javascriptParses(source: string): string {
  const out = spawnSync(process.execPath, ['--check', '--input-type=module'], { input: source });
  return out.status === 0 ? 'ok' : out.stderr.toString();
}

describe('ready-to-paste onnxruntime snippets', () => {
  it('writes the onnxruntime-node session options of a CPU latency configuration', () => {
    expect(javascriptSnippet({ candidate: CPU_LATENCY, modelPath: '/m/mlp-int8.onnx', headline: 'Tuned for latency' }))
      .toBe(`// Tuned for latency
import * as ort from 'onnxruntime-node';

const session = await ort.InferenceSession.create("/m/mlp-int8.onnx", {
  executionProviders: ["cpu"],
  intraOpNumThreads: 1,
  interOpNumThreads: 0, // 0: onnxruntime chooses (one per physical core)
  graphOptimizationLevel: "extended",
  executionMode: "sequential",
});
`);
  });

  it('writes the Python SessionOptions fields and providers of the same configuration', () => {
    expect(pythonSnippet({ candidate: CPU_LATENCY, modelPath: '/m/mlp-int8.onnx', headline: 'Tuned for latency' }))
      .toBe(`# Tuned for latency
import onnxruntime as ort

options = ort.SessionOptions()
options.intra_op_num_threads = 1
options.inter_op_num_threads = 0  # 0: onnxruntime chooses (one per physical core)
options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
session = ort.InferenceSession(
    "/m/mlp-int8.onnx",
    sess_options=options,
    providers=["CPUExecutionProvider"],
)
`);
  });

  it('maps CUDA, the parallel executor, ORT_ENABLE_ALL and the batch size', () => {
    const js = javascriptSnippet({ candidate: CUDA_THROUGHPUT, modelPath: '/m/cnn-fp16.onnx' });
    expect(js).toContain('executionProviders: ["cuda"],');
    expect(js).toContain('intraOpNumThreads: 4,\n  interOpNumThreads: 2,\n');
    expect(js).toContain('executionMode: "parallel",');
    expect(js).toContain('// Tuned at batch 32: give every input a first dimension of 32.');
    const py = pythonSnippet({ candidate: CUDA_THROUGHPUT, modelPath: '/m/cnn-fp16.onnx' });
    expect(py).toContain('options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL');
    expect(py).toContain('options.execution_mode = ort.ExecutionMode.ORT_PARALLEL');
    expect(py).toContain('providers=["CUDAExecutionProvider", "CPUExecutionProvider"],');
    expect(py).toContain('# Tuned at batch 32');
    expect(
      pythonSnippet({ candidate: { ...CUDA_THROUGHPUT, graphOptimization: 'disabled' }, modelPath: 'm' }),
    ).toContain('GraphOptimizationLevel.ORT_DISABLE_ALL');
    expect(javascriptSnippet({ candidate: { ...CUDA_THROUGHPUT, device: 'tensorrt' }, modelPath: 'm' })).toContain(
      'executionProviders: ["tensorrt"]',
    );
  });

  it('produces code that parses, in both languages, for every configuration and an awkward path', () => {
    // The checks themselves reject broken code.
    expect(pythonParses('options = (')).not.toBe('ok');
    expect(javascriptParses('const session = await (;')).not.toBe('ok');
    for (const candidate of [CPU_LATENCY, CUDA_THROUGHPUT, { ...CUDA_THROUGHPUT, device: 'tensorrt' as const }]) {
      const input = { candidate, modelPath: AWKWARD_PATH, headline: 'a headline\nwith a line break' };
      expect(pythonParses(pythonSnippet(input))).toBe('ok');
      expect(javascriptParses(javascriptSnippet(input))).toBe('ok');
    }
    // The literal is the path itself once parsed.
    const py = spawnSync(
      'python3',
      [
        '-c',
        'import ast,sys; t=ast.parse(sys.stdin.read()); print([n.value for n in ast.walk(t) if isinstance(n, ast.Constant) and isinstance(n.value, str)][0])',
      ],
      { input: pythonSnippet({ candidate: CPU_LATENCY, modelPath: AWKWARD_PATH }) },
    );
    expect(py.stdout.toString().trim()).toBe(AWKWARD_PATH);
  });

  it('refuses a device onnxruntime has no provider for', () => {
    expect(() => javascriptSnippet({ candidate: { ...CPU_LATENCY, device: 'openvino-npu' }, modelPath: 'm' })).toThrow(
      /no onnxruntime-node execution provider/,
    );
  });
});
