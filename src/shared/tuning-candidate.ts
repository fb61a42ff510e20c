import type { MethodOutput } from './contract';

type Candidate = MethodOutput<'bench.tuning'>['defaults'];

/**
 * A tuning candidate in words, for the CLI and the Benchmarks page alike: the onnxruntime session
 * options, or on an OpenVINO device its hint and requests in flight (the options that apply there).
 */
export function candidateSettings(c: Candidate, separator = ', '): string {
  const common = [c.device, c.precision.toUpperCase(), `batch ${c.batch}`];
  const specific = c.openvino
    ? [
        `hint ${c.openvino.hint}`,
        `${c.openvino.requests} infer request${c.openvino.requests === 1 ? '' : 's'} in flight`,
      ]
    : [
        `intra-op ${c.intraOpThreads || 'default'}`,
        `inter-op ${c.interOpThreads || 'default'}`,
        `graph optimisation ${c.graphOptimization}`,
        c.executionMode,
      ];
  return [...common, ...specific].join(separator);
}

/** The headings of a best configuration's two snippets. */
export function snippetTitles(c: Candidate): { javascript: string; python: string } {
  return c.openvino
    ? { javascript: 'openvino-node', python: 'Python openvino' }
    : { javascript: 'onnxruntime-node', python: 'Python onnxruntime' };
}
