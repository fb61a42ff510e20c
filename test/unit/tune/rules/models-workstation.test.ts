import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectCpu, defaultCpuSources } from '../../../../src/main/core/hardware/cpu';
import { collectNvidia } from '../../../../src/main/core/hardware/nvidia/gpu-profile';
import { collectHardwareProfile } from '../../../../src/main/core/hardware/profile';
import { modelRules } from '../../../../src/main/core/tune/rules/models';
import { fasterDeviceRule } from '../../../../src/main/core/tune/rules/models/faster-device';
import { sessionOptionsRule } from '../../../../src/main/core/tune/rules/models/session-options';
import { workstationRules } from '../../../../src/main/core/tune/rules/workstation';
import { cpuGovernorRule } from '../../../../src/main/core/tune/rules/workstation/cpu-governor';
import { nvidiaPersistenceRule } from '../../../../src/main/core/tune/rules/workstation/nvidia-persistence';
import type { InferenceObservation } from '../../../../src/main/core/tune/types';
import { HardwareProfileSchema, type HardwareProfile } from '../../../../src/shared/schemas/hardware';
import { RuleInfoSchema } from '../../../../src/shared/schemas/tune';
import { FAKE_NVIDIA_SMI } from '../../../helpers/fake-tools';
import { ruleContextFor, writeProject } from '../../../helpers/rule-context';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = writeProject(files);
  temporary.push(root);
  return root;
}

/**
 * A HardwareProfile from the real collectors: the CPU section reads this machine through
 * systeminformation with a fixture sysfs root holding the governor; the NVIDIA section runs the
 * repo's fake nvidia-smi, which replays a recorded `nvidia-smi -q -x` (Tesla T4, driver 515).
 * Sections no rule here reads are fixed values.
 */
async function hardware(options: { governor?: string; smiXml?: string } = {}): Promise<HardwareProfile> {
  const sysRoot = project({});
  if (options.governor !== undefined) {
    const dir = join(sysRoot, 'devices/system/cpu/cpu0/cpufreq');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'scaling_governor'), `${options.governor}\n`);
  }
  const env = { FAKE_SMI_XML: process.env.FAKE_SMI_XML, FAKE_SMI_NO_QUERY: process.env.FAKE_SMI_NO_QUERY };
  process.env.FAKE_SMI_XML = options.smiXml ?? 'q-x-tesla-t4.xml';
  process.env.FAKE_SMI_NO_QUERY = '1';
  try {
    const profile = await collectHardwareProfile({
      cpu: () => collectCpu({ ...defaultCpuSources, sysRoot }),
      memory: async () => ({
        totalBytes: 0,
        type: null,
        speedMTs: null,
        modules: null,
        detail: { status: 'absent', reason: 'not collected in this test' },
      }),
      os: async () => ({ platform: 'linux', distro: 'test', release: '', kernel: '', hostname: 'test' }),
      storage: async () => [],
      power: async () => ({ hasBattery: true, acConnected: true, batteryPercent: 80 }),
      nvidia: () => collectNvidia(FAKE_NVIDIA_SMI),
      npu: async () => ({
        status: 'absent',
        reason: 'not collected in this test',
        openvino: { status: 'absent', reason: '', version: null, devices: [] },
        accel: { status: 'absent', reason: '', devices: [] },
      }),
      onnxruntime: async () => ({
        status: 'absent',
        reason: 'not collected in this test',
        version: null,
        providers: [],
      }),
      machineId: async () => 'test-machine',
      timeoutMs: 20_000,
    });
    return HardwareProfileSchema.parse(profile);
  } finally {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function observation(overrides: Partial<InferenceObservation>): InferenceObservation {
  return {
    model: 'models/net.onnx',
    file: 'models/net.onnx',
    device: 'cpu',
    precision: 'fp32',
    batch: 1,
    latencyMsP50: 10,
    n: 10,
    agreementOk: true,
    settings: { intraOpThreads: 0, interOpThreads: 0, graphOptimization: 'all', executionMode: 'sequential' },
    ...overrides,
  };
}

const MODEL_PROJECT = {
  'pyproject.toml': '[project]\nname = "serve"\nversion = "0.1.0"\n',
  'models/net.onnx': 'not really onnx, the detector only looks at the name and size',
};

describe('catalogue', () => {
  it('model and workstation rules are advice only, with valid info', () => {
    expect(modelRules.map((rule) => rule.id)).toEqual(['models.faster-device', 'models.session-options']);
    expect(workstationRules.map((rule) => rule.id)).toEqual([
      'workstation.cpu-governor',
      'workstation.nvidia-persistence',
    ]);
    for (const rule of [...modelRules, ...workstationRules]) {
      expect(rule.fix, rule.id).toBeUndefined();
      expect(() => RuleInfoSchema.parse({ ...rule, automatic: false })).not.toThrow();
    }
  });
});

describe('models.faster-device', () => {
  it('suggests the device and precision that measured faster with agreeing outputs', async () => {
    const root = project(MODEL_PROJECT);
    const inference = [
      observation({}),
      observation({ device: 'cuda', precision: 'fp32', latencyMsP50: 4 }),
      observation({ device: 'cuda', precision: 'fp16', latencyMsP50: 2 }),
      // Faster still, but the outputs disagreed: never recommended.
      observation({ device: 'cuda', precision: 'int8', latencyMsP50: 1, agreementOk: false }),
    ];
    const findings = await fasterDeviceRule.detect(await ruleContextFor(root, { inference }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      dir: 'models',
      current: 'cpu, fp32, batch 1: p50 10.0 ms (n = 10)',
      proposed: 'cuda, fp16, batch 1: p50 2.00 ms (n = 10)',
      evidence: [
        { file: 'models/net.onnx', line: null, excerpt: 'measured cuda, fp16, batch 1: p50 2.00 ms (n = 10)' },
        { file: 'models/net.onnx', line: null },
      ],
    });
    expect(findings[0]!.message).toBe(
      'models/net.onnx ran 5.0× faster on cuda in fp16 than on cpu in fp32 (batch 1), with outputs agreeing: ' +
        'run it with the CUDAExecutionProvider (onnxruntime providers=["CUDAExecutionProvider"]) and convert the model to fp16.',
    );
    expect(findings[0]!.warning).toMatch(/fp16 changes the numerics/);
  });

  it('needs a clear, repeated gain: few runs or a small gain give no finding', async () => {
    const root = project(MODEL_PROJECT);
    const few = [observation({}), observation({ device: 'cuda', latencyMsP50: 2, n: 2 })];
    const small = [observation({}), observation({ device: 'cuda', latencyMsP50: 9.5 })];
    const noBaseline = [observation({ device: 'cuda', latencyMsP50: 5 }), observation({ device: 'tensorrt' })];
    for (const inference of [few, small, noBaseline, []])
      expect(await fasterDeviceRule.detect(await ruleContextFor(root, { inference }))).toEqual([]);
  });

  it('names the run when the model is not one of the project files', async () => {
    const root = project({ 'pyproject.toml': MODEL_PROJECT['pyproject.toml'] });
    const inference = [
      observation({ model: 'builtin:mlp', file: null }),
      observation({ model: 'builtin:mlp', file: null, device: 'openvino-npu', latencyMsP50: 3 }),
    ];
    const [finding] = await fasterDeviceRule.detect(await ruleContextFor(root, { inference }));
    expect(finding).toMatchObject({
      dir: '',
      evidence: [
        { file: 'builtin:mlp', line: null, excerpt: 'measured openvino-npu, fp32, batch 1: p50 3.00 ms (n = 10)' },
        { file: 'builtin:mlp', line: null, excerpt: 'measured cpu, fp32, batch 1: p50 10.0 ms (n = 10)' },
      ],
    });
    expect(finding!.message).toContain('OpenVINO device NPU');
  });
});

describe('models.session-options', () => {
  const faster = observation({ latencyMsP50: 7, settings: { intraOpThreads: 2, graphOptimization: 'extended' } });

  it('gives a Python snippet for a Python project', async () => {
    const root = project(MODEL_PROJECT);
    const [finding, ...rest] = await sessionOptionsRule.detect(
      await ruleContextFor(root, { inference: [observation({}), faster] }),
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      dir: 'models',
      current: 'default session options: cpu, fp32, batch 1: p50 10.0 ms (n = 10)',
      proposed: [
        'import onnxruntime as ort',
        'options = ort.SessionOptions()',
        'options.intra_op_num_threads = 2',
        'options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED',
        'session = ort.InferenceSession("models/net.onnx", options)',
      ].join('\n'),
    });
    expect(finding!.message).toBe(
      "models/net.onnx ran 1.4× faster on cpu with intraOpThreads = 2, graphOptimization = extended than with onnxruntime's default session options.",
    );
    expect(finding!.warning).toMatch(/Thread counts/);
  });

  it('gives an onnxruntime-node snippet for a Node project', async () => {
    const root = project({
      'package.json': '{ "name": "serve", "dependencies": { "onnxruntime-node": "1.20.0" } }',
      'models/net.onnx': 'x',
    });
    const [finding] = await sessionOptionsRule.detect(
      await ruleContextFor(root, { inference: [observation({}), faster] }),
    );
    expect(finding!.proposed).toBe(
      'const session = await ort.InferenceSession.create("models/net.onnx", { intraOpNumThreads: 2, graphOptimizationLevel: "extended" });',
    );
  });

  it('stays quiet without a measured default, for foreign models, or when the defaults were fastest', async () => {
    const root = project(MODEL_PROJECT);
    const cases: InferenceObservation[][] = [
      [faster],
      [observation({ file: null }), { ...faster, file: null }],
      [observation({ latencyMsP50: 6 }), faster],
      [observation({}), { ...faster, agreementOk: false }],
    ];
    for (const inference of cases)
      expect(await sessionOptionsRule.detect(await ruleContextFor(root, { inference }))).toEqual([]);
  });
});

describe('workstation.cpu-governor', () => {
  it('reports a powersave governor with the command to switch, never running it', async () => {
    const hw = await hardware({ governor: 'powersave' });
    expect(hw.cpu.governor).toBe('powersave');
    const [finding, ...rest] = await cpuGovernorRule.detect(await ruleContextFor(project({}), { hardware: hw }));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      dir: '',
      evidence: [{ file: '/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor', line: 1, excerpt: 'powersave' }],
      current: 'scaling_governor = powersave',
      proposed: 'scaling_governor = performance',
      commands: ['sudo cpupower frequency-set -g performance'],
    });
    expect(finding!.message).toMatch(/^The CPU runs the "powersave" frequency governor: powersave favours/);
    expect(finding!.warning).toMatch(/battery/);
    expect(finding!.warning).toContain('sudo cpupower frequency-set -g powersave');
  });

  it.each(['ondemand', 'schedutil', 'conservative'])('reports %s', async (governor) => {
    const context = await ruleContextFor(project({}), { hardware: await hardware({ governor }) });
    expect(await cpuGovernorRule.detect(context)).toHaveLength(1);
  });

  it('stays quiet for performance, without a governor, or without a hardware profile', async () => {
    const root = project({});
    for (const hw of [await hardware({ governor: 'performance' }), await hardware(), null])
      expect(await cpuGovernorRule.detect(await ruleContextFor(root, { hardware: hw }))).toEqual([]);
  });
});

describe('workstation.nvidia-persistence', () => {
  it('asks to check, then enable, persistence mode on a recorded Tesla T4 (the profile does not record it)', async () => {
    const hw = await hardware();
    expect(hw.gpus.map((gpu) => gpu.name)).toEqual(['Tesla T4']);
    const [finding] = await nvidiaPersistenceRule.detect(await ruleContextFor(project({}), { hardware: hw }));
    expect(finding).toMatchObject({
      dir: '',
      evidence: [{ file: 'nvidia-smi -q -x', line: null, excerpt: 'GPU 0: Tesla T4, driver 515.105.01' }],
      current: 'persistence mode: not recorded',
      proposed: 'persistence mode: Enabled',
      commands: ['nvidia-smi --query-gpu=index,name,persistence_mode --format=csv', 'sudo nvidia-smi -pm 1'],
    });
    expect(finding!.message).toContain('GPU 0 (Tesla T4)');
  });

  it('uses persistence mode when a GPU entry carries it', async () => {
    const hw = await hardware({ smiXml: 'q-x-dual-rtx-a5000.xml' });
    expect(hw.gpus).toHaveLength(2);
    const root = project({});
    const on = { ...hw, gpus: hw.gpus.map((gpu) => ({ ...gpu, persistenceMode: 'Enabled' })) };
    expect(await nvidiaPersistenceRule.detect(await ruleContextFor(root, { hardware: on }))).toEqual([]);
    const off = { ...hw, gpus: hw.gpus.map((gpu) => ({ ...gpu, persistenceMode: 'Disabled' })) };
    const [finding] = await nvidiaPersistenceRule.detect(await ruleContextFor(root, { hardware: off }));
    expect(finding).toMatchObject({ current: 'persistence mode: Disabled', commands: ['sudo nvidia-smi -pm 1'] });
  });

  it('stays quiet off Linux and without an NVIDIA driver', async () => {
    const hw = await hardware();
    const root = project({});
    const mac = { ...hw, os: { ...hw.os, platform: 'darwin' } };
    const none = { ...hw, nvidia: { ...hw.nvidia, status: 'absent' as const }, gpus: [] };
    for (const profile of [mac, none, null])
      expect(await nvidiaPersistenceRule.detect(await ruleContextFor(root, { hardware: profile }))).toEqual([]);
  });
});
