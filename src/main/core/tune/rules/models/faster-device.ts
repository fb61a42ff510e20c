import type { DetectedFinding, InferenceObservation, Rule } from '../../types';
import {
  defaultSettings,
  fastest,
  groupBy,
  measured,
  MIN_GAIN,
  modelEvidence,
  modelsDir,
  ORT_REFERENCE,
  trustworthy,
} from './shared';

/**
 * What a model runs on when nobody chose: the CPU in fp32. Prefer the result measured with default
 * session options, so the comparison is about the device and precision only.
 */
function baseline(group: readonly InferenceObservation[]): InferenceObservation | undefined {
  const cpu = group.filter((o) => o.device === 'cpu' && o.precision === 'fp32' && o.latencyMsP50 > 0);
  return fastest(cpu.filter(defaultSettings)) ?? fastest(cpu);
}

const PROVIDERS: Record<string, string> = {
  cpu: 'CPUExecutionProvider',
  cuda: 'CUDAExecutionProvider',
  tensorrt: 'TensorrtExecutionProvider',
};

function howTo(best: InferenceObservation, base: InferenceObservation): string[] {
  const steps: string[] = [];
  if (best.device !== base.device) {
    const provider = PROVIDERS[best.device];
    steps.push(
      provider
        ? `run it with the ${provider} (onnxruntime providers=["${provider}"])`
        : `run it on ${best.device} (OpenVINO device ${best.device.replace(/^openvino-/, '').toUpperCase()})`,
    );
  }
  if (best.precision !== base.precision)
    steps.push(best.precision === 'int8' ? 'quantise the model to int8' : `convert the model to ${best.precision}`);
  return steps;
}

interface Candidate {
  base: InferenceObservation;
  best: InferenceObservation;
  speedup: number;
}

/** Another device or precision measured faster, with outputs that agree: advice, the code change is the user's. */
export const fasterDeviceRule: Rule = {
  id: 'models.faster-device',
  title: 'Run the model on the device and precision that measured fastest',
  rationale:
    'Tunebench ran the same model on every available device and precision and checked that the outputs agree ' +
    'with the fp32 CPU reference. When a GPU, NPU or a lower precision was clearly faster on this machine, ' +
    'choosing it is usually the largest single inference speed-up available.',
  reference: ORT_REFERENCE,
  stack: 'models',
  risk: 'review',
  effort: 'medium',
  metrics: ['runtime'],
  prior: { pImprove: 0.8, effect: 0.3 },
  detect(context) {
    const byModel = new Map<string, Candidate>();
    for (const group of groupBy(context.inference, (o) => `${o.model}\0${o.batch}`).values()) {
      const base = baseline(group);
      if (!base) continue;
      const best = fastest(
        group.filter(
          (o) =>
            trustworthy(o) &&
            (o.device !== base.device || o.precision !== base.precision) &&
            o.latencyMsP50 <= base.latencyMsP50 * (1 - MIN_GAIN),
        ),
      );
      if (!best) continue;
      const speedup = base.latencyMsP50 / best.latencyMsP50;
      const previous = byModel.get(base.model);
      if (!previous || speedup > previous.speedup) byModel.set(base.model, { base, best, speedup });
    }
    const findings: DetectedFinding[] = [...byModel.values()].map(({ base, best, speedup }) => {
      const warnings: string[] = [];
      if (best.precision !== base.precision)
        warnings.push(
          `${best.precision} changes the numerics: the outputs agreed within tolerance on Tunebench's inputs; ` +
            'check accuracy on real data before switching.',
        );
      if (best.device !== base.device)
        warnings.push(`Every machine that runs the model then needs ${best.device} and its runtime.`);
      return {
        dir: modelsDir(context, best),
        message:
          `${best.model} ran ${speedup.toFixed(1)}× faster on ${best.device} in ${best.precision} than on ` +
          `${base.device} in ${base.precision} (batch ${best.batch}), with outputs agreeing: ${howTo(best, base).join(' and ')}.`,
        evidence: [modelEvidence(best), modelEvidence(base)],
        current: measured(base),
        proposed: measured(best),
        ...(warnings.length > 0 ? { warning: warnings.join(' ') } : {}),
      };
    });
    return Promise.resolve(findings);
  },
};
