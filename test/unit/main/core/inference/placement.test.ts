import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { placementFromTrace, placementVerdict } from '../../../../../src/main/core/inference/placement';

// Traces written by onnxruntime-node 1.30.0 on the CPU provider here (see the folder's README).
const trace = (name: string): unknown =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../../fixtures/recorded/onnxruntime/${name}`, import.meta.url)), 'utf8'),
  );
const MLP = trace('profile-mlp-int8-cpu-batch1.json');
const TRANSFORMER = trace('profile-transformer-int8-cpu-batch1.json');

describe('node placement from an onnxruntime profiling trace', () => {
  it('counts the nodes per execution provider and skips session events', () => {
    const placement = placementFromTrace(MLP);
    expect(placement.nodes).toBe(8);
    expect(placement.byProvider).toEqual({ CPUExecutionProvider: 8 });
    expect(placement.opsByProvider.CPUExecutionProvider).toEqual(['DequantizeLinear', 'QGemm', 'QuantizeLinear']);
    expect(placementFromTrace(TRANSFORMER)).toMatchObject({ nodes: 33, byProvider: { CPUExecutionProvider: 33 } });
  });

  it('counts a node traced over several runs once', () => {
    const events = MLP as unknown[];
    expect(placementFromTrace([...events, ...events]).nodes).toBe(8);
  });

  it('reports no fallback when the CPU was asked for', () => {
    const verdict = placementVerdict(placementFromTrace(MLP), 'cpu');
    expect(verdict).toMatchObject({ fellBack: false, cpuNodes: 8, nodes: 8 });
    expect(verdict.message).toBe('8 nodes: 8 on CPUExecutionProvider');
  });

  it('marks a CUDA result whose nodes all ran on the CPU as a fallback, naming the operators', () => {
    // The recorded trace with CUDA requested is exactly the silent-fallback case: every node on CPU.
    const verdict = placementVerdict(placementFromTrace(TRANSFORMER), 'cuda');
    expect(verdict.fellBack).toBe(true);
    expect(verdict.requested).toBe('CUDAExecutionProvider');
    expect(verdict.message).toMatch(
      /^fell back to CPU entirely: 33 of 33 nodes ran on CPUExecutionProvider, none on CUDAExecutionProvider \(ops: Add, BiasGelu, .*Transpose\)/,
    );
  });

  it('says "partly fell back" when only some nodes ran on the CPU', () => {
    // The recorded MLP trace with three of its nodes reassigned, as a CUDA session that kept them would show.
    const events = structuredClone(MLP) as Array<{ cat?: string; args?: { provider?: string } }>;
    let moved = 0;
    for (const event of events) {
      if (event.cat === 'Node' && event.args?.provider && moved < 5) {
        event.args.provider = 'CUDAExecutionProvider';
        moved += 1;
      }
    }
    const verdict = placementVerdict(placementFromTrace(events), 'cuda');
    expect(verdict).toMatchObject({ fellBack: true, cpuNodes: 3, nodes: 8 });
    expect(verdict.message).toMatch(/^partly fell back to CPU: 3 of 8 nodes ran on CPUExecutionProvider/);
    expect(verdict.message).toMatch(/5 on CUDAExecutionProvider, 3 on CPUExecutionProvider$/);
  });

  it('refuses what is not a trace', () => {
    expect(() => placementFromTrace({ traceEvents: [] })).toThrow(/JSON array/);
  });
});
