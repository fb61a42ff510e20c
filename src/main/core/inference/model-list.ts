import type { MethodOutput } from '../../../shared/contract';
import { InferenceDeviceSchema } from '../../../shared/schemas/bench';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import { builtinModels, MODEL_IDS } from './models';
import { PRETRAINED_IDS, PRETRAINED_MODELS, resolvePretrained } from './pretrained';
import { inferenceSpecs, type DeviceChoice } from './suite';

export type InferenceModelList = MethodOutput<'bench.inferenceModels'>;

/** Every device bench.startInference accepts, in the order a chooser lists them. */
const DEVICES: readonly DeviceChoice[] = InferenceDeviceSchema.options;

/**
 * Why a device cannot run an inference benchmark here, or null. Asked of the suite builder itself
 * with a placeholder model, so the chooser says exactly what a run would skip (an absent provider,
 * a backend not built yet) and never keeps a second copy of those rules.
 */
function whyNot(device: DeviceChoice, profile: Pick<HardwareProfile, 'onnxruntime' | 'npu'>): string | null {
  const probe = {
    id: 'probe',
    title: 'probe',
    path: '',
    precision: 'fp32' as const,
    referencePath: null,
    flopsPerSample: null,
  };
  const { specs, skipped } = inferenceSpecs([probe], [device], [1], profile);
  return specs.length > 0 ? null : (skipped[0] ?? `${device}: cannot run here`);
}

/**
 * The models and devices the inference card offers: built-in models (titles without generating a
 * weight), pretrained models with their package and licence (checked the way a run checks them, so
 * a missing package is said before the click), and each device with the reason it cannot run.
 */
export function inferenceModelList(profile: Pick<HardwareProfile, 'onnxruntime' | 'npu'>): InferenceModelList {
  const infos = builtinModels();
  const builtin = MODEL_IDS.map((id) => {
    const title = infos.find((m) => m.id === id && m.precision === 'fp32')!.title;
    // The FP32 entry's title ends in its precision; the chooser lists precisions separately.
    return { ref: `builtin:${id}`, title: title.replace(/, FP32$/, '') };
  });
  const pretrained = PRETRAINED_IDS.map((id) => {
    const model = PRETRAINED_MODELS[id];
    let reason = '';
    try {
      resolvePretrained(id);
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    return {
      ref: `pretrained:${id}`,
      title: model.title,
      packageName: model.packageName,
      packageVersion: model.packageVersion,
      licence: model.licence,
      available: reason === '',
      reason,
    };
  });
  const devices = DEVICES.map((device) => {
    const reason = whyNot(device, profile);
    // The suite's notes start with the device's name, which the chooser already shows next to it.
    return { device, available: reason === null, reason: (reason ?? '').replace(`${device}: `, '') };
  });
  return { builtin, pretrained, devices };
}
