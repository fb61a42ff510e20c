import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerRules } from '../../../../src/main/core/tune/rules/docker';
import { kubernetesRules } from '../../../../src/main/core/tune/rules/kubernetes';
import type { DetectedFinding, FileEdit, Rule } from '../../../../src/main/core/tune/types';
import { FIXTURES } from '../../../helpers/fixture-project';
import { ruleContextFor, writeProject } from '../../../helpers/rule-context';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

function rule(id: string): Rule {
  const found = [...containerRules, ...kubernetesRules].find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** A fixture copied to a temporary folder: rules and fixes never see test/fixtures itself. */
function fixture(name: string): string {
  const root = join(tempDir(), name);
  cpSync(join(FIXTURES, name), root, { recursive: true });
  return root;
}

async function detect(id: string, root: string): Promise<DetectedFinding[]> {
  return rule(id).detect(await ruleContextFor(root));
}

/** Writes the edits after checking each `before` is what is on disk (null: the file must not exist). */
function apply(root: string, edits: FileEdit[]): void {
  for (const edit of edits) {
    const path = join(root, edit.file);
    expect(existsSync(path) ? readFileSync(path, 'utf8') : null).toBe(edit.before);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, edit.after);
  }
}

/** Detects, fixes the only finding, writes it, and checks that a fresh profile finds nothing left. */
async function fixOnly(id: string, root: string): Promise<FileEdit[]> {
  const context = await ruleContextFor(root);
  const findings = await rule(id).detect(context);
  expect(findings).toHaveLength(1);
  const fix = rule(id).fix;
  if (!fix || !findings[0]) throw new Error(`${id} has no fix`);
  const edits = await fix(findings[0], context);
  apply(root, edits);
  expect(await detect(id, root)).toEqual([]);
  return edits;
}

describe('rule catalogue', () => {
  it('exports the container and Kubernetes rules with their promised risk and metrics', () => {
    const info = [...containerRules, ...kubernetesRules].map((r) => [r.id, r.stack, r.risk, r.metrics, !!r.fix]);
    expect(info).toEqual([
      ['docker.multi-stage', 'docker', 'review', ['artifact-size'], false],
      ['docker.slim-base', 'docker', 'review', ['artifact-size'], true],
      ['docker.dockerignore', 'docker', 'safe', ['build-time', 'artifact-size'], true],
      ['docker.layer-order', 'docker', 'review', ['build-time'], true],
      ['docker.cache-hygiene', 'docker', 'safe', ['artifact-size'], true],
      ['docker.production-install', 'docker', 'review', ['artifact-size'], true],
      ['kubernetes.resources', 'kubernetes', 'review', ['memory'], false],
    ]);
  });
});

describe('python-service fixture', () => {
  const original = readFileSync(join(FIXTURES, 'python-service', 'Dockerfile'), 'utf8');

  it('finds the full base image, the missing .dockerignore, the copy order and the pip cache, and nothing else', async () => {
    const context = await ruleContextFor(fixture('python-service'));
    const found: Record<string, DetectedFinding[]> = {};
    for (const r of containerRules) found[r.id] = await r.detect(context);
    expect(Object.entries(found).map(([id, list]) => [id, list.length])).toEqual([
      ['docker.multi-stage', 0],
      ['docker.slim-base', 1],
      ['docker.dockerignore', 1],
      ['docker.layer-order', 1],
      ['docker.cache-hygiene', 1],
      ['docker.production-install', 0],
    ]);
    expect(found['docker.slim-base']?.[0]).toMatchObject({
      dir: '',
      evidence: [{ file: 'Dockerfile', line: 1, excerpt: 'FROM python:3.12' }],
      current: 'FROM python:3.12',
      proposed: 'FROM python:3.12-slim',
    });
    expect(found['docker.layer-order']?.[0]).toMatchObject({
      evidence: [
        { file: 'Dockerfile', line: 4, excerpt: 'COPY . .' },
        { file: 'Dockerfile', line: 5, excerpt: 'RUN pip install -r requirements.txt' },
      ],
      current: 'COPY . .\nRUN pip install -r requirements.txt',
      proposed: 'COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .',
    });
    expect(found['docker.cache-hygiene']?.[0]).toMatchObject({
      evidence: [{ file: 'Dockerfile', line: 5 }],
      current: 'RUN pip install -r requirements.txt',
      proposed: 'RUN pip install --no-cache-dir -r requirements.txt',
    });
  });

  it('slim-base rewrites only the image of the FROM', async () => {
    const root = fixture('python-service');
    const [edit] = await fixOnly('docker.slim-base', root);
    expect(edit).toEqual({
      file: 'Dockerfile',
      before: original,
      after: original.replace('FROM python:3.12\n', 'FROM python:3.12-slim\n'),
    });
  });

  it('dockerignore creates the file with the entries for a pip-installed Python project', async () => {
    const root = fixture('python-service');
    const edits = await fixOnly('docker.dockerignore', root);
    expect(edits).toEqual([
      {
        file: '.dockerignore',
        before: null,
        after: [
          '# Keeps VCS data, caches and host-built dependencies out of the build context (and out of COPY .).',
          '.git',
          '**/__pycache__',
          '**/*.py[cod]',
          '.pytest_cache',
          '.mypy_cache',
          '.ruff_cache',
          '.tox',
          '.venv',
          'venv',
          '',
        ].join('\n'),
      },
    ]);
  });

  it('layer-order copies requirements.txt and installs before COPY . ., every other line untouched', async () => {
    const root = fixture('python-service');
    const [edit] = await fixOnly('docker.layer-order', root);
    expect(edit?.after).toBe(
      [
        'FROM python:3.12',
        '',
        'WORKDIR /app',
        'COPY requirements.txt .',
        'RUN pip install -r requirements.txt',
        'COPY . .',
        '',
        'EXPOSE 8000',
        'CMD ["python", "app.py"]',
        '',
      ].join('\n'),
    );
  });

  it('cache-hygiene adds --no-cache-dir to the pip install', async () => {
    const root = fixture('python-service');
    const [edit] = await fixOnly('docker.cache-hygiene', root);
    expect(edit?.after).toBe(original.replace('RUN pip install -r', 'RUN pip install --no-cache-dir -r'));
  });

  it('all automatic fixes applied one after another leave nothing to find', async () => {
    const root = fixture('python-service');
    for (const id of ['docker.layer-order', 'docker.cache-hygiene', 'docker.slim-base', 'docker.dockerignore']) {
      const context = await ruleContextFor(root);
      const [finding] = await rule(id).detect(context);
      if (!finding || !rule(id).fix) throw new Error(`${id} found nothing`);
      apply(root, await rule(id).fix!(finding, context));
    }
    const context = await ruleContextFor(root);
    for (const r of containerRules) expect(await r.detect(context), r.id).toEqual([]);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toBe(
      [
        'FROM python:3.12-slim',
        '',
        'WORKDIR /app',
        'COPY requirements.txt .',
        'RUN pip install --no-cache-dir -r requirements.txt',
        'COPY . .',
        '',
        'EXPOSE 8000',
        'CMD ["python", "app.py"]',
        '',
      ].join('\n'),
    );
  });
});

describe('monorepo fixture', () => {
  it('finds nothing in Dockerfiles that already follow the practices', async () => {
    const context = await ruleContextFor(fixture('monorepo'));
    for (const r of containerRules) expect(await r.detect(context), r.id).toEqual([]);
  });

  it('kubernetes.resources points at the container line and proposes an indented resources block', async () => {
    const findings = await detect('kubernetes.resources', fixture('monorepo'));
    expect(findings).toEqual([
      expect.objectContaining({
        dir: 'k8s',
        message:
          'k8s/deployment.yaml: container ml of Deployment/ml (line 16) has no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
        evidence: [{ file: 'k8s/deployment.yaml', line: 16, excerpt: '- name: ml' }],
        current: null,
        proposed: [
          '          resources:',
          '            requests:',
          '              cpu: 250m',
          '              memory: 256Mi',
          '            limits:',
          '              memory: 256Mi',
        ].join('\n'),
      }),
    ]);
  });
});

describe('malformed input', () => {
  it('the malformed fixture (unknown instruction, broken YAML) yields no finding and no exception', async () => {
    const context = await ruleContextFor(fixture('malformed'));
    for (const r of [...containerRules, ...kubernetesRules]) await expect(r.detect(context), r.id).resolves.toEqual([]);
  });

  it('a Dockerfile without FROM and a YAML stream with one broken document do not crash', async () => {
    const root = writeProject({
      Dockerfile: 'RUN apt-get install -y gcc\nCOPY . .\n',
      'deploy/app.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: good}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: web:1',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: [unclosed',
        '',
      ].join('\n'),
    });
    const context = await ruleContextFor(root);
    for (const r of containerRules) await expect(r.detect(context), r.id).resolves.toEqual([]);
    const k8s = await rule('kubernetes.resources').detect(context);
    expect(k8s.map((f) => f.evidence)).toEqual([[{ file: 'deploy/app.yaml', line: 8, excerpt: '- name: web' }]]);
  });
});

describe('docker.slim-base', () => {
  const cases: Array<[string, string | null]> = [
    ['node:20', 'node:20-slim'],
    ['node:20-bookworm', 'node:20-bookworm-slim'],
    ['node:lts', 'node:lts-slim'],
    ['python:3.12-bookworm', 'python:3.12-slim-bookworm'],
    ['python', 'python:slim'],
    ['docker.io/library/debian:bookworm', 'docker.io/library/debian:bookworm-slim'],
    ['ruby:3.3', 'ruby:3.3-slim'],
    ['python:3.12-alpine', null],
    ['node:20-slim', null],
    ['golang:1.22', null],
    ['python:${PY}', null],
  ];
  for (const [image, slim] of cases) {
    it(`${image} → ${slim ?? 'no finding'}`, async () => {
      const root = writeProject({ Dockerfile: `FROM ${image}\nCMD ["run"]\n` });
      const findings = await detect('docker.slim-base', root);
      expect(findings.map((f) => f.proposed)).toEqual(slim ? [`FROM ${slim}`] : []);
    });
  }

  it('judges the shipped stage: a full builder with a slim runtime is fine, FROM <stage> follows the chain', async () => {
    const fine = writeProject({ Dockerfile: 'FROM python:3.12 AS build\nRUN true\nFROM python:3.12-slim\nCMD x\n' });
    expect(await detect('docker.slim-base', fine)).toEqual([]);
    const chained = writeProject({
      Dockerfile: 'FROM node:20 AS base\nWORKDIR /app\nFROM golang:1 AS tools\nFROM base\nCMD ["node", "x"]\n',
    });
    const findings = await detect('docker.slim-base', chained);
    expect(findings.map((f) => [f.evidence[0]?.line, f.proposed])).toEqual([[1, 'FROM node:20-slim AS base']]);
  });

  it('a digest-pinned image is reported but not rewritten', async () => {
    const root = writeProject({ Dockerfile: 'FROM python:3.12@sha256:0123\n' });
    const context = await ruleContextFor(root);
    const [finding] = await rule('docker.slim-base').detect(context);
    expect(finding?.warning).toMatch(/pinned by digest/);
    await expect(rule('docker.slim-base').fix!(finding!, context)).rejects.toThrow(/by hand/);
  });
});

describe('docker.dockerignore', () => {
  it('picks Node entries when the image runs npm ci, and keeps what the Dockerfile copies by name', async () => {
    const root = writeProject({
      'web/package.json': '{"name":"web"}',
      'web/Dockerfile': 'FROM node:22-slim\nWORKDIR /app\nCOPY coverage ./coverage\nCOPY . .\nRUN npm ci\n',
    });
    const edits = await fixOnly('docker.dockerignore', root);
    expect(edits).toEqual([
      {
        file: 'web/.dockerignore',
        before: null,
        after:
          '# Keeps VCS data, caches and host-built dependencies out of the build context (and out of COPY .).\n' +
          '.git\n**/node_modules\nnpm-debug.log*\n',
      },
    ]);
  });

  it('keeps .git when the build reads versions from git, and never fires with a .dockerignore present', async () => {
    const scm = writeProject({
      'pyproject.toml': '[build-system]\nrequires = ["setuptools", "setuptools-scm"]\n',
      Dockerfile: 'FROM python:3.12-slim\nCOPY . /src\nRUN pip install --no-cache-dir /src\n',
    });
    const [finding] = await detect('docker.dockerignore', scm);
    expect(finding?.proposed?.split('\n')).toEqual(expect.arrayContaining(['**/__pycache__']));
    expect(finding?.proposed?.split('\n')).not.toContain('.git');
    const present = writeProject({ '.dockerignore': '.git\n', Dockerfile: 'FROM alpine\nCOPY . .\n' });
    expect(await detect('docker.dockerignore', present)).toEqual([]);
    const noWholeCopy = writeProject({ Dockerfile: 'FROM alpine\nCOPY app.sh /\n' });
    expect(await detect('docker.dockerignore', noWholeCopy)).toEqual([]);
  });
});

describe('docker.layer-order', () => {
  it('moves npm ci after a COPY of package.json and the lock file, carrying --chown and comments', async () => {
    const root = writeProject({
      'package.json': '{"name":"api","dependencies":{}}',
      'package-lock.json': '{}',
      Dockerfile: [
        'FROM node:22-slim',
        'WORKDIR /app',
        '# sources',
        'COPY --chown=node:node . .',
        'LABEL org.example=1',
        '# dependencies',
        'RUN npm ci --omit=dev && npm cache clean --force',
        'CMD ["node", "server.js"]',
        '',
      ].join('\n'),
    });
    const [edit] = await fixOnly('docker.layer-order', root);
    expect(edit?.after).toBe(
      [
        'FROM node:22-slim',
        'WORKDIR /app',
        'COPY --chown=node:node package.json package-lock.json ./',
        '# dependencies',
        'RUN npm ci --omit=dev && npm cache clean --force',
        '# sources',
        'COPY --chown=node:node . .',
        'LABEL org.example=1',
        'CMD ["node", "server.js"]',
        '',
      ].join('\n'),
    );
  });

  it('follows nested requirement files and keeps their folders', async () => {
    const root = writeProject({
      'requirements/base.txt': 'fastapi\n',
      'requirements/prod.txt': '-r base.txt\nuvicorn\n',
      Dockerfile:
        'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . /srv/\nRUN pip install --no-cache-dir -r requirements/prod.txt\n',
    });
    const [edit] = await fixOnly('docker.layer-order', root);
    expect(edit?.after).toBe(
      'FROM python:3.12-slim\nWORKDIR /srv\nCOPY requirements/prod.txt requirements/base.txt /srv/requirements/\n' +
        'RUN pip install --no-cache-dir -r requirements/prod.txt\nCOPY . /srv/\n',
    );
  });

  it('gives advice instead of a rewrite when the install needs the sources', async () => {
    const cases: Record<string, Record<string, string>> = {
      cargo: { Dockerfile: 'FROM rust:1\nCOPY . .\nRUN cargo build --release\n' },
      editable: { Dockerfile: 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -e .\n' },
      lifecycle: {
        'package.json': '{"scripts":{"postinstall":"prisma generate"}}',
        Dockerfile: 'FROM node:22-slim\nCOPY . .\nRUN npm ci\n',
      },
      between: {
        'requirements.txt': 'x\n',
        Dockerfile: 'FROM python:3.12-slim\nCOPY . .\nENV X=1\nRUN pip install -r requirements.txt\n',
      },
    };
    for (const [name, files] of Object.entries(cases)) {
      const context = await ruleContextFor(writeProject(files));
      const [finding] = await rule('docker.layer-order').detect(context);
      expect(finding?.data?.automatic, name).toBe(false);
      expect(finding?.message, name).toMatch(/not rewritten automatically because/);
      await expect(rule('docker.layer-order').fix!(finding!, context), name).rejects.toThrow(/by hand/);
    }
  });

  it('does not fire when the manifests already come first', async () => {
    const root = writeProject({
      'requirements.txt': 'x\n',
      Dockerfile: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n',
    });
    expect(await detect('docker.layer-order', root)).toEqual([]);
  });
});

describe('docker.cache-hygiene', () => {
  it('cleans apt lists and the npm cache in the RUN that creates them, in its own layout', async () => {
    const root = writeProject({
      Dockerfile: [
        'FROM node:22-slim',
        'RUN apt-get update \\',
        '    && apt-get install -y --no-install-recommends curl',
        'RUN npm ci --omit=dev',
        'RUN apk add git',
        '',
      ].join('\n'),
    });
    const [edit] = await fixOnly('docker.cache-hygiene', root);
    expect(edit?.after).toBe(
      [
        'FROM node:22-slim',
        'RUN apt-get update \\',
        '    && apt-get install -y --no-install-recommends curl \\',
        '    && rm -rf /var/lib/apt/lists/*',
        'RUN npm ci --omit=dev && npm cache clean --force',
        'RUN apk add --no-cache git',
        '',
      ].join('\n'),
    );
  });

  it('leaves the lists when a later RUN installs without updating, and ignores builder stages and cache mounts', async () => {
    const root = writeProject({
      Dockerfile: [
        'FROM python:3.12 AS build',
        'RUN pip install -r requirements.txt',
        'FROM python:3.12-slim',
        'RUN apt-get update && apt-get install -y curl',
        'RUN apt-get install -y git && rm -rf /var/lib/apt/lists/*',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install uvicorn',
        '',
      ].join('\n'),
    });
    expect(await detect('docker.cache-hygiene', root)).toEqual([]);
    const env = writeProject({
      Dockerfile: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install uvicorn\n',
    });
    expect(await detect('docker.cache-hygiene', env)).toEqual([]);
  });
});

describe('docker.production-install', () => {
  it('adds --omit=dev to npm ci in the final stage', async () => {
    const root = writeProject({
      Dockerfile: 'FROM node:22-slim\nCOPY . .\nRUN npm ci && npm cache clean --force\nCMD ["node", "index.js"]\n',
    });
    const [edit] = await fixOnly('docker.production-install', root);
    expect(edit?.after).toBe(
      'FROM node:22-slim\nCOPY . .\nRUN npm ci --omit=dev && npm cache clean --force\nCMD ["node", "index.js"]\n',
    );
  });

  it('is advice when the stage builds after installing, or installs Python dev requirements', async () => {
    const build = writeProject({ Dockerfile: 'FROM node:22-slim\nCOPY . .\nRUN npm ci\nRUN npm run build\n' });
    const [npmFinding] = await detect('docker.production-install', build);
    expect(npmFinding?.data?.automatic).toBe(false);
    expect(npmFinding?.message).toMatch(/line 4 runs package scripts/);
    const pip = writeProject({ Dockerfile: 'FROM python:3.12-slim\nRUN pip install -r requirements-dev.txt\n' });
    const [pipFinding] = await detect('docker.production-install', pip);
    expect(pipFinding?.message).toBe(
      'Dockerfile final image: installs requirements-dev.txt (line 2); not rewritten automatically because development Python packages are chosen by hand',
    );
  });

  it('does not fire for production installs or dev installs in a builder stage', async () => {
    const root = writeProject({
      Dockerfile: [
        'FROM node:22 AS build',
        'RUN npm ci && npm run build',
        'FROM node:22-slim',
        'ENV NODE_ENV=production',
        'RUN npm ci',
        'FROM node:22-slim AS other',
        '',
      ].join('\n'),
    });
    expect(await detect('docker.production-install', root)).toEqual([]);
  });
});

describe('docker.multi-stage', () => {
  it('fires on a single stage that installs compilers or builds, with a sketch for the toolchain', async () => {
    const root = writeProject({
      Dockerfile:
        'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y build-essential libpq-dev && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir psycopg2\n',
    });
    const [finding] = await detect('docker.multi-stage', root);
    expect(finding?.message).toBe(
      'Dockerfile has a single stage that installs build-essential, libpq-dev (line 2): the toolchain ships in the image',
    );
    expect(finding?.evidence.map((e) => e.line)).toEqual([2]);
    expect(finding?.proposed).toMatch(/^FROM python:3.12-slim AS build/);
  });

  it('does not fire on a multi-stage file or a single stage that only installs packages', async () => {
    const multi = writeProject({
      Dockerfile: 'FROM rust:1 AS build\nRUN cargo build --release\nFROM debian:bookworm-slim\n',
    });
    expect(await detect('docker.multi-stage', multi)).toEqual([]);
    const plain = writeProject({ Dockerfile: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir uvicorn\n' });
    expect(await detect('docker.multi-stage', plain)).toEqual([]);
  });
});

describe('kubernetes.resources', () => {
  it('does not fire when requests and a memory limit are set, and shows what exists when partial', async () => {
    const manifest = (resources: string): string =>
      [
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata:',
        '  name: db',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: db',
        '          image: postgres:16',
        resources,
        '',
      ].join('\n');
    const complete = writeProject({
      'k8s/db.yaml': manifest(
        '          resources:\n            requests:\n              cpu: 500m\n              memory: 1Gi\n            limits:\n              memory: 1Gi',
      ),
    });
    expect(await detect('kubernetes.resources', complete)).toEqual([]);
    const partial = writeProject({
      'k8s/db.yaml': manifest('          resources:\n            limits:\n              cpu: "2"'),
    });
    const [finding] = await detect('kubernetes.resources', partial);
    expect(finding?.message).toBe(
      'k8s/db.yaml: container db of StatefulSet/db (line 9) has no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
    );
    expect(finding?.current).toBe('          resources:\n            limits:\n              cpu: "2"');
    expect(finding?.proposed).toBe(
      [
        '          resources:',
        '            requests:',
        '              cpu: 250m',
        '              memory: 256Mi',
        '            limits:',
        '              memory: 256Mi',
        '              cpu: 2',
      ].join('\n'),
    );
  });
});

describe('docker.layer-order named installs', () => {
  it('a named-package install before the requirements install is no manifest install, and blocks the rewrite', async () => {
    const root = writeProject({
      'requirements.txt': 'x\n',
      Dockerfile:
        'FROM python:3.12-slim\nCOPY . .\nRUN pip install --no-cache-dir --upgrade pip\nRUN pip install --no-cache-dir -r requirements.txt\n',
    });
    const [finding] = await detect('docker.layer-order', root);
    expect(finding?.evidence.map((e) => e.line)).toEqual([2, 4]);
    expect(finding?.data?.automatic).toBe(false);
    expect(finding?.message).toMatch(/RUN on line 3 sits between the COPY and the install/);
  });
});
