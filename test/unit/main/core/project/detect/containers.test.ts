import { describe, expect, it } from 'vitest';
import { detectContainers } from '../../../../../../src/main/core/project/detect/containers';
import type { DetectContext } from '../../../../../../src/main/core/project/types';
import { at, factOf, fixtureContext, lineContaining, stackOf } from './fixture-context';

/** A context over files held in memory (a Dockerfile written for one test). */
function inlineContext(files: Record<string, string>): DetectContext {
  return {
    root: '/inline',
    files: Object.keys(files).sort(),
    read: (path) => Promise.resolve(files[path] ?? null),
    size: (path) => (files[path] === undefined ? undefined : Buffer.byteLength(files[path])),
  };
}

describe('containers detector', () => {
  it('keeps the spaces inside exec-form strings, across continued lines', async () => {
    const out = await detectContainers(
      inlineContext({
        Dockerfile:
          'FROM node:22\nENTRYPOINT ["node", \\\n  "--title=my server"]\nCMD ["server.js", "--greeting", "hello world"]\n',
      }),
    );
    expect(out.problems).toEqual([]);
    const stack = stackOf(out.stacks, 'docker', '');
    expect(factOf(stack, 'docker.cmd').value).toBe('server.js --greeting hello world');
  });

  it('sees what is improvable in a single-stage Dockerfile: source before install, pip cache, root, no .dockerignore', async () => {
    const out = await detectContainers(fixtureContext('python-service'));
    expect(out.problems).toEqual([]);
    const stack = stackOf(out.stacks, 'docker', '');
    expect(factOf(stack, 'docker.from').value).toBe('python:3.12');
    expect(factOf(stack, 'docker.multiStage').value).toBe(false);
    const order = factOf(stack, 'docker.copyOrder.dependenciesFirst');
    expect(order.value).toBe(false);
    expect(at(order.evidence)).toBe(`Dockerfile:${lineContaining('python-service', 'Dockerfile', 'COPY . .')}`);
    expect(order.evidence.excerpt).toBe('COPY . .');
    const pip = factOf(stack, 'docker.cache.pipNoCacheDir');
    expect(pip.value).toBe(false);
    expect(at(pip.evidence)).toBe(`Dockerfile:${lineContaining('python-service', 'Dockerfile', 'pip install')}`);
    expect(factOf(stack, 'docker.runsAsRoot').value).toBe(true);
    expect(factOf(stack, 'docker.dockerignore').value).toBe(false);
    expect(factOf(stack, 'docker.expose').value).toEqual(['8000']);
    expect(factOf(stack, 'docker.cmd').value).toBe('python app.py');
  });

  it('reads a monorepo: multi-stage and tidy Dockerfiles, compose services and Kubernetes workloads', async () => {
    const out = await detectContainers(fixtureContext('monorepo'));
    expect(out.problems).toEqual([]);
    expect(out.stacks.map((s) => `${s.id}@${s.dir}`).sort()).toEqual([
      'compose@',
      'docker@packages/api',
      'docker@services/ml',
      'kubernetes@k8s',
    ]);

    const ml = stackOf(out.stacks, 'docker', 'services/ml');
    expect(ml.facts.filter((f) => f.key === 'docker.from').map((f) => at(f.evidence))).toEqual([
      'services/ml/Dockerfile:1',
      'services/ml/Dockerfile:6',
    ]);
    expect(factOf(ml, 'docker.multiStage').value).toBe(true);
    expect(factOf(ml, 'docker.copyOrder.dependenciesFirst').value).toBe(true);
    expect(factOf(ml, 'docker.cache.pipNoCacheDir').value).toBe(true);
    expect(factOf(ml, 'docker.runsAsRoot').value).toBe(false);
    expect(factOf(ml, 'docker.dockerignore').value).toBe(true);
    const api = stackOf(out.stacks, 'docker', 'packages/api');
    expect(factOf(api, 'docker.cache.npmCacheClean').value).toBe(true);
    expect(factOf(api, 'docker.dockerignore').value).toBe(false);

    const compose = stackOf(out.stacks, 'compose', '');
    expect(factOf(compose, 'compose.services').value).toEqual(['api', 'ml', 'redis']);
    expect(factOf(compose, 'compose.service.api.build').value).toBe('packages/api');
    expect(factOf(compose, 'compose.service.ml.build').value).toBe('services/ml');
    expect(factOf(compose, 'compose.service.redis.image').value).toBe('redis:7-alpine');
    expect(factOf(compose, 'compose.service.api.ports').value).toEqual(['3000:3000']);
    expect(factOf(compose, 'compose.service.api.resources').value).toBe(false);
    const limits = factOf(compose, 'compose.service.ml.limits');
    expect(limits.value).toBe('cpus=2, memory=2G');
    expect(at(limits.evidence)).toBe(
      `docker-compose.yml:${lineContaining('monorepo', 'docker-compose.yml', 'limits:')}`,
    );

    const k8s = stackOf(out.stacks, 'kubernetes', 'k8s');
    expect(factOf(k8s, 'kubernetes.workload').value).toBe('Deployment/ml');
    const replicas = factOf(k8s, 'kubernetes.Deployment.ml.replicas');
    expect(replicas.value).toBe(2);
    expect(at(replicas.evidence)).toBe(
      `k8s/deployment.yaml:${lineContaining('monorepo', 'k8s/deployment.yaml', 'replicas:')}`,
    );
    const requests = factOf(k8s, 'kubernetes.Deployment.ml.container.ml.requests');
    expect(requests.value).toBe(false);
    expect(at(requests.evidence)).toBe(
      `k8s/deployment.yaml:${lineContaining('monorepo', 'k8s/deployment.yaml', '- name: ml')}`,
    );
    expect(factOf(k8s, 'kubernetes.Deployment.ml.container.ml.limits').value).toBe(false);
    // The HPA is the second document of the same file.
    const hpa = factOf(k8s, 'kubernetes.hpa');
    expect(hpa.value).toBe('Deployment/ml');
    expect(at(hpa.evidence)).toBe(
      `k8s/deployment.yaml:${lineContaining('monorepo', 'k8s/deployment.yaml', 'kind: HorizontalPodAutoscaler')}`,
    );
  });

  it('reports an unknown Dockerfile instruction and bad YAML indentation at their positions, keeping the rest', async () => {
    const out = await detectContainers(fixtureContext('malformed'));
    expect(out.problems).toEqual([
      { file: 'Dockerfile', line: 3, column: 1, message: 'unknown Dockerfile instruction "COPPY"' },
      {
        file: 'k8s/deployment.yaml',
        line: lineContaining('malformed', 'k8s/deployment.yaml', 'replicas'),
        column: 13,
        message: 'invalid YAML: Nested mappings are not allowed in compact mappings',
      },
    ]);
    // The valid instructions of the Dockerfile are still read.
    const docker = stackOf(out.stacks, 'docker', '');
    expect(factOf(docker, 'docker.cmd').value).toBe('python app.py');
    expect(out.stacks.some((s) => s.id === 'kubernetes')).toBe(false);
  });
});
