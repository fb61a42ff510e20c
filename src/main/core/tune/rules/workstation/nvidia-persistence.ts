import type { GpuProfile } from '../../../../../shared/schemas/hardware';
import type { DetectedFinding, Rule } from '../../types';

/**
 * The hardware profile does not record persistence mode yet (`nvidia-smi -q -x` has it as
 * <persistence_mode>). A GPU object carrying `persistenceMode` is honoured; without it the state is
 * unknown and the finding asks the user to check first.
 */
type GpuWithPersistence = GpuProfile & { persistenceMode?: unknown };

function persistence(gpu: GpuWithPersistence): 'on' | 'off' | 'unknown' {
  const mode = gpu.persistenceMode;
  if (mode === true || mode === 'Enabled') return 'on';
  if (mode === false || mode === 'Disabled') return 'off';
  return 'unknown';
}

/** Keep the NVIDIA driver loaded between CUDA processes (Linux only): commands for the user, never executed. */
export const nvidiaPersistenceRule: Rule = {
  id: 'workstation.nvidia-persistence',
  title: 'NVIDIA persistence mode',
  rationale:
    'Without persistence mode the Linux driver tears the GPU state down when the last CUDA process exits and ' +
    'initialises it again for the next one, adding from a few hundred milliseconds to seconds to every ' +
    'short-lived GPU program, test and benchmark run. Persistence mode (or the nvidia-persistenced daemon) ' +
    'keeps it initialised.',
  reference: {
    title: 'NVIDIA: Driver Persistence',
    url: 'https://docs.nvidia.com/deploy/driver-persistence/index.html',
  },
  stack: 'workstation',
  risk: 'safe',
  effort: 'low',
  metrics: ['runtime'],
  prior: { pImprove: 0.3, effect: 0.02 },
  detect(context) {
    const hardware = context.hardware;
    if (!hardware || hardware.os.platform !== 'linux' || hardware.nvidia.status !== 'present')
      return Promise.resolve([]);
    const gpus = (hardware.gpus as GpuWithPersistence[]).filter((gpu) => persistence(gpu) !== 'on');
    if (gpus.length === 0) return Promise.resolve([]);
    const known = gpus.every((gpu) => persistence(gpu) === 'off');
    const names = gpus.map((gpu) => `GPU ${gpu.index} (${gpu.name})`).join(', ');
    const finding: DetectedFinding = {
      dir: '',
      message: known
        ? `Persistence mode is off on ${names}: the driver re-initialises the GPU for every CUDA process.`
        : `Persistence mode of ${names} is not recorded in the hardware profile; if it is off, the driver ` +
          're-initialises the GPU for every CUDA process. The first command shows it.',
      evidence: gpus.map((gpu) => ({
        file: 'nvidia-smi -q -x',
        line: null,
        excerpt: `GPU ${gpu.index}: ${gpu.name}, driver ${gpu.driverVersion ?? hardware.nvidia.driverVersion ?? 'unknown'}`,
      })),
      current: known ? 'persistence mode: Disabled' : 'persistence mode: not recorded',
      proposed: 'persistence mode: Enabled',
      warning:
        'The GPU stays initialised while idle, drawing a little more power. The setting is lost at reboot; ' +
        '`sudo systemctl enable --now nvidia-persistenced` keeps it on permanently where the daemon is installed.',
      commands: [
        ...(known ? [] : ['nvidia-smi --query-gpu=index,name,persistence_mode --format=csv']),
        'sudo nvidia-smi -pm 1',
      ],
    };
    return Promise.resolve([finding]);
  },
};
