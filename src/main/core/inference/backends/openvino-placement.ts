import type { OpenVinoDevice } from '../types';
import type { OvAny } from './openvino-api';

/** The OpenVINO device name each of our device choices compiles for. */
export const OPENVINO_DEVICE_NAMES: Readonly<Record<OpenVinoDevice, string>> = {
  'openvino-cpu': 'CPU',
  'openvino-gpu': 'GPU',
  'openvino-npu': 'NPU',
  'openvino-auto': 'AUTO',
};

/**
 * EXECUTION_DEVICES as a list. openvino-node turns the property's vector<string> into an array
 * (["CPU"], ["GPU.0"]); AUTO reports "(CPU)" while its CPU helper runs and the target still compiles.
 * A plain string ("CPU GPU", as benchmark_app prints it) is split too, for safety.
 */
export function parseExecutionDevices(value: OvAny | OvAny[]): string[] {
  const items = Array.isArray(value) ? value.map(String) : String(value).split(/[\s,]+/);
  return items.map((d) => d.replace(/^\[|\]$/g, '').trim()).filter(Boolean);
}

export interface ExecutionVerdict {
  devices: string[];
  fellBack: boolean;
  message: string;
}

const kind = (device: string) => device.replace(/[()]/g, '').split('.')[0]!.toUpperCase();

/**
 * Whether the compiled model runs where it was asked to. An explicit device that reports another
 * one ran somewhere else; AUTO on the CPU alone while the machine lists a GPU or an NPU fell back,
 * and silently: onnxruntime's placement check has the same job.
 */
export function executionVerdict(
  device: OpenVinoDevice,
  executionDevices: string[],
  availableDevices: string[],
): ExecutionVerdict {
  const listed = executionDevices.join(', ') || 'none reported';
  const wanted = OPENVINO_DEVICE_NAMES[device];
  if (wanted !== 'AUTO') {
    const ok = executionDevices.some((d) => kind(d) === wanted);
    return {
      devices: executionDevices,
      fellBack: !ok,
      message: ok ? `ran on ${listed}` : `asked for ${wanted} but OpenVINO reports EXECUTION_DEVICES ${listed}`,
    };
  }
  const accelerators = availableDevices.filter((d) => kind(d) === 'GPU' || kind(d) === 'NPU');
  const onCpuOnly = executionDevices.length > 0 && executionDevices.every((d) => kind(d) === 'CPU');
  if (onCpuOnly && accelerators.length > 0) {
    const helper = executionDevices.some((d) => d.startsWith('('))
      ? ' (its CPU helper, while the accelerator was still compiling)'
      : '';
    return {
      devices: executionDevices,
      fellBack: true,
      message: `AUTO ran on the CPU${helper} although ${accelerators.join(', ')} is available: EXECUTION_DEVICES ${listed}`,
    };
  }
  return { devices: executionDevices, fellBack: false, message: `AUTO chose ${listed}` };
}
