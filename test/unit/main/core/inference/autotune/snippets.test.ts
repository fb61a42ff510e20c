import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  javascriptSnippet,
  openVinoPythonSnippet,
  pythonSnippet,
  snippets,
} from '../../../../../../src/main/core/inference/autotune/snippets';
import type { Candidate } from '../../../../../../src/main/core/inference/autotune/types';

const CPU_LATENCY: Candidate = {
  device: 'cpu',
  precision: 'int8',
  batch: 1,
  intraOpThreads: 1,
  interOpThreads: 0,
  graphOptimization: 'extended',
  executionMode: 'sequential',
  memoryArena: true,
};
const CUDA_THROUGHPUT: Candidate = {
  device: 'cuda',
  precision: 'fp16',
  batch: 32,
  intraOpThreads: 4,
  interOpThreads: 2,
  graphOptimization: 'all',
  executionMode: 'parallel',
  memoryArena: true,
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

  it('turns the memory arena off in both languages only when the configuration did', () => {
    const input = { candidate: { ...CPU_LATENCY, memoryArena: false }, modelPath: 'm.onnx' };
    expect(javascriptSnippet(input)).toContain('  enableCpuMemArena: false,');
    expect(pythonSnippet(input)).toContain('options.enable_cpu_mem_arena = False');
    expect(javascriptParses(javascriptSnippet(input))).toBe('ok');
    expect(pythonParses(pythonSnippet(input))).toBe('ok');
    expect(javascriptSnippet({ candidate: CPU_LATENCY, modelPath: 'm' })).not.toContain('MemArena');
  });

  it('refuses a device onnxruntime has no provider for', () => {
    expect(() => javascriptSnippet({ candidate: { ...CPU_LATENCY, device: 'openvino-npu' }, modelPath: 'm' })).toThrow(
      /no onnxruntime-node execution provider/,
    );
  });
});

describe('ready-to-paste OpenVINO snippets', () => {
  const NPU_THROUGHPUT: Candidate = {
    ...CPU_LATENCY,
    device: 'openvino-npu',
    batch: 8,
    openvino: { hint: 'throughput', requests: 4 },
  };
  const CPU_ONE_REQUEST: Candidate = {
    ...CPU_LATENCY,
    device: 'openvino-cpu',
    openvino: { hint: 'latency', requests: 1 },
  };

  it('compiles for the device with the tuned hint and keeps the tuned requests in flight, in both languages', () => {
    const input = { candidate: NPU_THROUGHPUT, modelPath: AWKWARD_PATH, headline: 'tuned\nfor throughput' };
    const { javascript, python } = snippets(input);
    expect(javascript).toContain("import { addon as ov } from 'openvino-node';");
    expect(javascript).toContain('core.compileModel(model, "NPU", { PERFORMANCE_HINT: "THROUGHPUT" })');
    expect(javascript).toContain('Array.from({ length: 4 }, () => compiled.createInferRequest())');
    expect(javascript).toMatch(/NPU compiles static shapes/);
    expect(javascript).toMatch(/batch 8/);
    expect(python).toContain('compiled = core.compile_model(');
    expect(python).toContain('"NPU", {"PERFORMANCE_HINT": "THROUGHPUT"})');
    expect(python).toContain('queue = ov.AsyncInferQueue(compiled, 4)');
    expect(pythonParses(python)).toBe('ok');
    expect(javascriptParses(javascript)).toBe('ok');

    const single = snippets({ candidate: CPU_ONE_REQUEST, modelPath: 'm.onnx' });
    expect(single.javascript).toContain('"CPU", { PERFORMANCE_HINT: "LATENCY" }');
    expect(single.javascript).toContain('const request = compiled.createInferRequest();');
    expect(single.python).toContain('request = compiled.create_infer_request()');
    expect(pythonParses(single.python)).toBe('ok');
    expect(javascriptParses(single.javascript)).toBe('ok');
  });

  it('writes onnxruntime snippets for an onnxruntime candidate and refuses OpenVINO snippets for it', () => {
    expect(snippets({ candidate: CPU_LATENCY, modelPath: 'm' }).javascript).toContain('onnxruntime-node');
    expect(() => openVinoPythonSnippet({ candidate: CPU_LATENCY, modelPath: 'm' })).toThrow(
      /not an OpenVINO candidate/,
    );
  });
});
