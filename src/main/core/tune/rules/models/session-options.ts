import { DEFAULT_SESSION } from '../../../inference/types';
import type { DetectedFinding, InferenceObservation, Rule, RuleContext } from '../../types';
import {
  defaultSettings,
  fastest,
  groupBy,
  measured,
  MIN_GAIN,
  modelEvidence,
  modelsDir,
  ORT_REFERENCE,
  SESSION_KEYS,
  type SessionKey,
  sessionValue,
  trustworthy,
} from './shared';

const PY_GRAPH: Record<string, string> = {
  disabled: 'ORT_DISABLE_ALL',
  basic: 'ORT_ENABLE_BASIC',
  extended: 'ORT_ENABLE_EXTENDED',
  all: 'ORT_ENABLE_ALL',
};

const PY_NAMES: Record<SessionKey, string> = {
  intraOpThreads: 'intra_op_num_threads',
  interOpThreads: 'inter_op_num_threads',
  graphOptimization: 'graph_optimization_level',
  executionMode: 'execution_mode',
};

const JS_NAMES: Record<SessionKey, string> = {
  intraOpThreads: 'intraOpNumThreads',
  interOpThreads: 'interOpNumThreads',
  graphOptimization: 'graphOptimizationLevel',
  executionMode: 'executionMode',
};

function changed(observation: InferenceObservation): SessionKey[] {
  return SESSION_KEYS.filter((key) => sessionValue(observation, key) !== DEFAULT_SESSION[key]);
}

function pythonValue(key: SessionKey, value: string | number | boolean): string {
  if (key === 'graphOptimization') return `ort.GraphOptimizationLevel.${PY_GRAPH[String(value)] ?? String(value)}`;
  if (key === 'executionMode') return `ort.ExecutionMode.ORT_${String(value).toUpperCase()}`;
  return String(value);
}

/** The snippet in the project's own language: onnxruntime for Python, or onnxruntime-node. */
function snippet(context: RuleContext, observation: InferenceObservation): string {
  const keys = changed(observation);
  const file = observation.file ?? observation.model;
  const ids = new Set(context.profile.stacks.map((stack) => stack.id));
  if (ids.has('node') && !ids.has('python')) {
    const options = keys.map((key) => `${JS_NAMES[key]}: ${JSON.stringify(sessionValue(observation, key))}`);
    return `const session = await ort.InferenceSession.create(${JSON.stringify(file)}, { ${options.join(', ')} });`;
  }
  return [
    'import onnxruntime as ort',
    'options = ort.SessionOptions()',
    ...keys.map((key) => `options.${PY_NAMES[key]} = ${pythonValue(key, sessionValue(observation, key))}`),
    `session = ort.InferenceSession(${JSON.stringify(file)}, options)`,
  ].join('\n');
}

function describe(observation: InferenceObservation): string {
  return changed(observation)
    .map((key) => `${key} = ${String(sessionValue(observation, key))}`)
    .join(', ');
}

/** Non-default onnxruntime session options measured faster than the defaults for one of the project's models. */
export const sessionOptionsRule: Rule = {
  id: 'models.session-options',
  title: 'Use the session options that measured fastest',
  rationale:
    'onnxruntime picks thread counts and the execution mode from generic defaults (one intra-op thread per ' +
    'physical core, sequential execution, all graph optimisations). For small models or busy machines fewer ' +
    'threads often win; for wide graphs parallel execution does. Tunebench measured the alternatives on this ' +
    'machine with the outputs checked.',
  reference: ORT_REFERENCE,
  stack: 'models',
  risk: 'safe',
  effort: 'low',
  metrics: ['runtime'],
  prior: { pImprove: 0.7, effect: 0.15 },
  detect(context) {
    const findings: DetectedFinding[] = [];
    const own = context.inference.filter((o) => o.file !== null);
    const groups = groupBy(own, (o) => `${o.model}\0${o.device}\0${o.precision}\0${o.batch}`);
    const best = new Map<string, { base: InferenceObservation; best: InferenceObservation; speedup: number }>();
    for (const group of groups.values()) {
      const base = fastest(group.filter((o) => defaultSettings(o) && o.latencyMsP50 > 0));
      if (!base) continue;
      const candidate = fastest(
        group.filter(
          (o) => !defaultSettings(o) && trustworthy(o) && o.latencyMsP50 <= base.latencyMsP50 * (1 - MIN_GAIN),
        ),
      );
      if (!candidate) continue;
      const speedup = base.latencyMsP50 / candidate.latencyMsP50;
      const previous = best.get(base.model);
      if (!previous || speedup > previous.speedup) best.set(base.model, { base, best: candidate, speedup });
    }
    for (const { base, best: faster, speedup } of best.values()) {
      const threads = changed(faster).some((key) => key.endsWith('Threads'));
      findings.push({
        dir: modelsDir(context, faster),
        message:
          `${faster.file ?? faster.model} ran ${speedup.toFixed(1)}× faster on ${faster.device} with ` +
          `${describe(faster)} than with onnxruntime's default session options.`,
        evidence: [modelEvidence(faster), modelEvidence(base)],
        current: `default session options: ${measured(base)}`,
        proposed: snippet(context, faster),
        ...(threads
          ? {
              warning:
                'Thread counts were measured on this machine; on machines with a different core count, or ' +
                'running other work alongside, the best count differs.',
            }
          : {}),
      });
    }
    return Promise.resolve(findings);
  },
};
