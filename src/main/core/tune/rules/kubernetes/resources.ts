import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node as YamlNode,
  parseAllDocuments,
  type YAMLMap,
} from 'yaml';
import type { Evidence } from '../../../../../shared/schemas/project';
import type { DetectedFinding, Rule, RuleContext } from '../../types';

/** Workloads whose pod template runs long-lived containers the scheduler must place. */
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/**
 * Starting values, to be replaced by measured usage (`kubectl top pod`). Memory gets a limit equal to
 * its request (no overcommit, no surprise OOM kills under node pressure); CPU gets a request only,
 * since a CPU limit throttles a service even on an idle node.
 */
const DEFAULTS: Record<string, string> = {
  'requests.cpu': '250m',
  'requests.memory': '256Mi',
  'limits.memory': '256Mi',
};

function child(map: YAMLMap, key: string): YamlNode | null {
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  return (pair?.value as YamlNode | undefined) ?? null;
}

function scalarAt(map: YAMLMap, path: string[]): string | null {
  let node: YamlNode | null = map;
  for (const key of path) {
    if (!isMap(node)) return null;
    node = child(node, key);
  }
  return isScalar(node) && node.value !== null ? String(node.value) : null;
}

/** Manifests the profile found: the files its Kubernetes facts cite. */
function manifestFiles(context: RuleContext): Array<{ file: string; dir: string }> {
  const seen = new Map<string, string>();
  for (const stack of context.profile.stacks.filter((s) => s.id === 'kubernetes')) {
    for (const fact of stack.facts) if (!seen.has(fact.evidence.file)) seen.set(fact.evidence.file, stack.dir);
  }
  return [...seen].map(([file, dir]) => ({ file, dir }));
}

/** The container's `resources:` block with what it has and what it lacks, indented to paste in place. */
function snippet(container: YAMLMap, indent: number): string {
  const value = (key: string): string => scalarAt(container, ['resources', ...key.split('.')]) ?? DEFAULTS[key] ?? '';
  const pad = ' '.repeat(indent);
  const requests = ['cpu', 'memory'];
  const limitKeys = ['memory', ...(scalarAt(container, ['resources', 'limits', 'cpu']) !== null ? ['cpu'] : [])];
  return [
    `${pad}resources:`,
    `${pad}  requests:`,
    ...requests.map((key) => `${pad}    ${key}: ${value(`requests.${key}`)}`),
    `${pad}  limits:`,
    ...limitKeys.map((key) => `${pad}    ${key}: ${value(`limits.${key}`)}`),
  ].join('\n');
}

/** The container's existing `resources:` lines as written, or null when it has none. */
function resourcesText(container: YAMLMap, counter: LineCounter, lines: string[]): string | null {
  const pair = container.items.find((item) => isScalar(item.key) && item.key.value === 'resources');
  const key = pair?.key as YamlNode | undefined;
  const value = pair?.value as YamlNode | undefined;
  if (!key?.range) return null;
  const first = counter.linePos(key.range[0]).line;
  const last = value?.range ? counter.linePos(Math.max(value.range[1] - 1, key.range[0])).line : first;
  return lines
    .slice(first - 1, last)
    .join('\n')
    .trimEnd();
}

interface Gap {
  workload: string;
  container: string;
  missing: string[];
  where: Evidence;
  current: string | null;
  proposed: string;
}

function gaps(file: string, text: string): Gap[] {
  const counter = new LineCounter();
  const lines = text.split(/\r?\n/);
  const found: Gap[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: counter }) as Document[]) {
    // A document with syntax errors is reported by the profile; nothing in it can be trusted.
    if (!Array.isArray(doc.errors) || doc.errors.length > 0 || !isMap(doc.contents)) continue;
    const kind = scalarAt(doc.contents, ['kind']);
    if (kind === null || !WORKLOADS.has(kind)) continue;
    const name = scalarAt(doc.contents, ['metadata', 'name']) ?? '(unnamed)';
    let podSpec: YamlNode | null = doc.contents;
    for (const key of ['spec', 'template', 'spec']) podSpec = isMap(podSpec) ? child(podSpec, key) : null;
    const containers = isMap(podSpec) ? child(podSpec, 'containers') : null;
    if (!isSeq(containers)) continue;
    containers.items.forEach((item, index) => {
      if (!isMap(item)) return;
      const missing = Object.keys(DEFAULTS).filter((key) => scalarAt(item, ['resources', ...key.split('.')]) === null);
      if (missing.length === 0) return;
      const start = item.range?.[0] ?? 0;
      const { line, col } = counter.linePos(start);
      found.push({
        workload: `${kind}/${name}`,
        container: scalarAt(item, ['name']) ?? `#${index + 1}`,
        missing,
        where: { file, line, excerpt: (lines[line - 1] ?? '').trim() },
        current: resourcesText(item, counter, lines),
        proposed: snippet(item, col - 1),
      });
    });
  }
  return found;
}

export const kubernetesResources: Rule = {
  id: 'kubernetes.resources',
  title: 'Set resource requests and a memory limit',
  rationale:
    'Without requests the scheduler packs pods as if they needed nothing, so they compete for CPU and memory ' +
    'on crowded nodes and are the first evicted (BestEffort QoS). Without a memory limit one leaking pod can ' +
    'starve its neighbours. Requests also drive the HorizontalPodAutoscaler’s utilization target.',
  reference: {
    title: 'Kubernetes: Resource Management for Pods and Containers',
    url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  },
  stack: 'kubernetes',
  risk: 'review',
  effort: 'low',
  metrics: ['memory'],
  prior: { pImprove: 0.4, effect: 0.1 },

  async detect(context) {
    const found: DetectedFinding[] = [];
    for (const { file, dir } of manifestFiles(context)) {
      const text = await context.read(file);
      if (text === null) continue;
      for (const gap of gaps(file, text)) {
        found.push({
          dir,
          message:
            `${file}: container ${gap.container} of ${gap.workload} (line ${gap.where.line}) has no ` +
            `${gap.missing.map((key) => `resources.${key}`).join(', ')}`,
          evidence: [gap.where],
          current: gap.current,
          proposed: gap.proposed,
          warning:
            'The values are placeholders: set requests to the measured steady usage (kubectl top pod) and the memory limit above its peak.',
        });
      }
    }
    return found;
  },
};
