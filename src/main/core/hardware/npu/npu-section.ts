import type { NpuSection } from '../../../../shared/schemas/hardware';
import { collectAccel } from './accel-sysfs';
import { collectOpenVino, type OpenVinoLoader, loadOpenVinoPackage } from './openvino';

/** An NPU is present when OpenVINO lists one or the kernel exposes an accel device. */
export async function collectNpu(load: OpenVinoLoader = loadOpenVinoPackage, sysRoot = '/sys'): Promise<NpuSection> {
  const [openvino, accel] = await Promise.all([collectOpenVino(load), collectAccel(sysRoot)]);
  const openvinoNpus = openvino.devices.filter((device) => device.kind === 'npu');
  if (openvinoNpus.length > 0 || accel.devices.length > 0) {
    return { status: 'present', reason: '', openvino, accel };
  }
  // Either source can rule an NPU out: OpenVINO listing its devices, or a Linux kernel whose
  // accel class is readable and empty (NPU drivers register there).
  const ruledOut = openvino.status === 'present' || accel.status === 'absent';
  const reasons = [openvino.status === 'present' ? 'OpenVINO lists no NPU device' : openvino.reason, accel.reason];
  return {
    status: ruledOut ? 'absent' : 'unknown',
    reason: `no NPU found: ${reasons.join('; ')}`,
    remedy: openvino.remedy,
    openvino,
    accel,
  };
}
