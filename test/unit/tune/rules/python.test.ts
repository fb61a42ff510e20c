import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonRules } from '../../../../src/main/core/tune/rules/python';
import type { DetectedFinding, FileEdit, Rule } from '../../../../src/main/core/tune/types';
import { FIXTURES } from '../../../helpers/fixture-project';
import { ruleContextFor, writeProject } from '../../../helpers/rule-context';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

function rule(id: string): Rule {
  const found = pythonRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function fixture(name: string): string {
  const root = join(tempDir(), name);
  cpSync(join(FIXTURES, name), root, { recursive: true });
  return root;
}

async function detect(id: string, root: string): Promise<DetectedFinding[]> {
  return rule(id).detect(await ruleContextFor(root));
}

function apply(root: string, edits: FileEdit[]): void {
  for (const edit of edits) {
    const path = join(root, edit.file);
    expect(existsSync(path) ? readFileSync(path, 'utf8') : null).toBe(edit.before);
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

/** Detects the only finding and checks that it is advice: `fix` refuses with a reason. */
async function adviceOnly(id: string, root: string): Promise<DetectedFinding> {
  const context = await ruleContextFor(root);
  const findings = await rule(id).detect(context);
  expect(findings).toHaveLength(1);
  const finding = findings[0] as DetectedFinding;
  const fix = rule(id).fix;
  if (fix) await expect(fix(finding, context)).rejects.toThrow(/by hand/);
  return finding;
}

describe('rule catalogue', () => {
  it('exports the Python rules with their promised risk and metrics', () => {
    expect(pythonRules.map((r) => [r.id, r.stack, r.risk, r.metrics, !!r.fix])).toEqual([
      ['python.fastapi-orjson', 'python', 'review', ['runtime'], false],
      ['python.uvicorn-workers', 'python', 'review', ['runtime'], true],
      ['python.uvloop', 'python', 'review', ['runtime'], true],
      ['python.torch-inference-mode', 'python', 'review', ['runtime', 'memory'], false],
      ['python.redis-pool-limit', 'python', 'review', ['memory'], false],
    ]);
  });
});

describe('fixtures', () => {
  it('python-service: only the unbounded Redis client, at its line', async () => {
    const context = await ruleContextFor(fixture('python-service'));
    const found: Array<[string, DetectedFinding[]]> = [];
    for (const r of pythonRules) found.push([r.id, await r.detect(context)]);
    expect(found.filter(([, list]) => list.length > 0).map(([id]) => id)).toEqual(['python.redis-pool-limit']);
    expect(found.find(([id]) => id === 'python.redis-pool-limit')?.[1]).toEqual([
      expect.objectContaining({
        dir: '',
        evidence: [
          {
            file: 'cache.py',
            line: 14,
            excerpt: 'self._client = redis.Redis.from_url(url) if redis is not None and url else None',
          },
        ],
        current: 'redis.Redis.from_url(url)',
        proposed: 'redis.Redis.from_url(url, max_connections=50)',
      }),
    ]);
  });

  it('monorepo: the FastAPI app and the single uvicorn worker of services/ml, not torch (it uses no_grad)', async () => {
    const context = await ruleContextFor(fixture('monorepo'));
    const found: Array<[string, DetectedFinding[]]> = [];
    for (const r of pythonRules) found.push([r.id, await r.detect(context)]);
    expect(found.map(([id, list]) => [id, list.map((f) => f.dir)])).toEqual([
      ['python.fastapi-orjson', ['services/ml']],
      ['python.uvicorn-workers', ['services/ml']],
      ['python.uvloop', []], // uvicorn[standard] brings uvloop
      ['python.torch-inference-mode', []],
      ['python.redis-pool-limit', []],
    ]);
    expect(found[0]?.[1][0]).toMatchObject({
      evidence: [{ file: 'services/ml/app/main.py', line: 4, excerpt: 'app = FastAPI()' }],
      current: 'app = FastAPI()',
      proposed:
        'from fastapi.responses import ORJSONResponse\n\napp = FastAPI(default_response_class=ORJSONResponse)\n\n# requirements: orjson',
    });
    // fastapi>=0.115 may resolve to 0.131+, where ORJSONResponse is deprecated: say so.
    expect(found[0]?.[1][0]?.warning).toMatch(/0\.131/);
  });
});

describe('python.fastapi-orjson', () => {
  const app = (call: string, pin = 'fastapi==0.110.0'): Record<string, string> => ({
    'requirements.txt': `${pin}\n`,
    'main.py': `"""Docs: app = FastAPI() is how it starts."""\nfrom fastapi import FastAPI\n\n${call}\n`,
  });

  it('adds the keyword in the layout of a multi-line call, without the deprecation warning on a pinned old FastAPI', async () => {
    const root = writeProject(app('app: FastAPI = FastAPI(\n    title="api",\n    version="1"\n)'));
    const [finding] = await detect('python.fastapi-orjson', root);
    expect(finding?.evidence).toEqual([{ file: 'main.py', line: 4, excerpt: 'app: FastAPI = FastAPI(' }]);
    expect(finding?.proposed).toBe(
      'from fastapi.responses import ORJSONResponse\n\n' +
        'app: FastAPI = FastAPI(\n    title="api",\n    version="1",\n    default_response_class=ORJSONResponse,\n)\n\n' +
        '# requirements: orjson',
    );
    expect(finding?.warning).not.toMatch(/0\.131/);
  });

  it('does not fire when already set, on FastAPI 0.131+, or for a docstring mention', async () => {
    expect(
      await detect('python.fastapi-orjson', writeProject(app('app = FastAPI(default_response_class=ORJSONResponse)'))),
    ).toEqual([]);
    expect(await detect('python.fastapi-orjson', writeProject(app('app = FastAPI()', 'fastapi==0.131.0')))).toEqual([]);
    expect(await detect('python.fastapi-orjson', writeProject(app('app = FastAPI()', 'fastapi>=0.135')))).toEqual([]);
    const locked = writeProject({
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi"]\n',
      'uv.lock': 'version = 1\n\n[[package]]\nname = "fastapi"\nversion = "0.136.1"\n',
      'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    });
    expect(await detect('python.fastapi-orjson', locked)).toEqual([]);
    const docstringOnly = writeProject({
      'requirements.txt': 'fastapi==0.110.0\n',
      'main.py': 'from fastapi import FastAPI\n"""\napp = FastAPI()\n"""\n# app = FastAPI()\n',
    });
    expect(await detect('python.fastapi-orjson', docstringOnly)).toEqual([]);
  });
});

describe('python.uvicorn-workers', () => {
  it('appends --workers to the exec-form CMD of the monorepo ML service, sized by the compose CPU limit', async () => {
    const root = fixture('monorepo');
    const before = readFileSync(join(root, 'services/ml/Dockerfile'), 'utf8');
    const context = await ruleContextFor(root);
    const [finding] = await rule('python.uvicorn-workers').detect(context);
    expect(finding).toMatchObject({
      dir: 'services/ml',
      evidence: [{ file: 'services/ml/Dockerfile', line: 12 }],
      current: 'uvicorn app.main:app --host 0.0.0.0 --port 8000',
    });
    expect(finding?.message).toMatch(/the compose CPU limit is 2/);
    expect(finding?.warning).toMatch(/loaded once per worker/);
    const edits = await fixOnly('python.uvicorn-workers', root);
    expect(edits).toEqual([
      {
        file: 'services/ml/Dockerfile',
        before,
        after: before.replace(
          'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]',
          'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]',
        ),
      },
    ]);
  });

  it('appends to a shell-form CMD', async () => {
    const root = writeProject({ Dockerfile: 'FROM python:3.12-slim\nCMD uvicorn app:app --host 0.0.0.0\n' });
    const [edit] = await fixOnly('python.uvicorn-workers', root);
    expect(edit?.after).toBe('FROM python:3.12-slim\nCMD uvicorn app:app --host 0.0.0.0 --workers 2\n');
  });

  it('is advice for compose commands, Procfiles, sh -c and an explicit --workers 1', async () => {
    const compose = await adviceOnly(
      'python.uvicorn-workers',
      writeProject({ 'compose.yaml': 'services:\n  api:\n    image: api\n    command: uvicorn app:app --port 80\n' }),
    );
    expect(compose.evidence).toEqual([
      { file: 'compose.yaml', line: 4, excerpt: 'command: uvicorn app:app --port 80' },
    ]);
    const procfile = await adviceOnly(
      'python.uvicorn-workers',
      writeProject({
        'requirements.txt': 'gunicorn\n',
        Procfile: 'web: gunicorn app:app -k uvicorn.workers.UvicornWorker\n',
      }),
    );
    expect(procfile.evidence).toEqual([
      { file: 'Procfile', line: 1, excerpt: 'web: gunicorn app:app -k uvicorn.workers.UvicornWorker' },
    ]);
    await adviceOnly(
      'python.uvicorn-workers',
      writeProject({ Dockerfile: 'FROM python:3.12-slim\nCMD ["sh", "-c", "uvicorn app:app --port $PORT"]\n' }),
    );
    const one = await adviceOnly(
      'python.uvicorn-workers',
      writeProject({ Dockerfile: 'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--workers", "1"]\n' }),
    );
    expect(one.proposed?.split('\n')[0]).toBe('uvicorn app:app --workers 2');
  });

  it('does not fire when workers are set by flag, environment, config file, or when reloading', async () => {
    const cases: Array<Record<string, string>> = [
      { Dockerfile: 'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--workers", "4"]\n' },
      { Dockerfile: 'FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD ["uvicorn", "app:app"]\n' },
      { Dockerfile: 'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--reload"]\n' },
      { Dockerfile: 'FROM python:3.12-slim\nCMD ["gunicorn", "-w4", "app:app"]\n' },
      { 'gunicorn.conf.py': 'workers = 4\n', Dockerfile: 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n' },
      {
        'compose.yaml':
          'services:\n  api:\n    command: ["uvicorn", "app:app"]\n    environment:\n      - WEB_CONCURRENCY=3\n',
      },
      { Dockerfile: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n' },
      {
        'compose.yaml':
          "services:\n  api:\n    command: uvicorn app:app\n    deploy:\n      resources:\n        limits:\n          cpus: '1'\n",
      },
    ];
    for (const files of cases)
      expect(await detect('python.uvicorn-workers', writeProject(files)), JSON.stringify(files)).toEqual([]);
  });
});

describe('python.uvloop', () => {
  it('adds uvloop after uvicorn in requirements.txt, every other byte as it was', async () => {
    const root = writeProject({
      'requirements.txt': 'fastapi==0.110.0\nuvicorn==0.30.1  # server\nredis==5.0.4\n',
      'main.py': 'import uvicorn\n',
    });
    const context = await ruleContextFor(root);
    const [finding] = await rule('python.uvloop').detect(context);
    expect(finding).toMatchObject({
      dir: '',
      evidence: [{ file: 'requirements.txt', line: 2, excerpt: 'uvicorn==0.30.1' }],
      current: 'uvicorn==0.30.1',
    });
    expect(finding?.warning).toMatch(/Pin uvloop/);
    const [edit] = await fixOnly('python.uvloop', root);
    expect(edit?.after).toBe(
      'fastapi==0.110.0\nuvicorn==0.30.1  # server\n' +
        'uvloop; sys_platform != "win32" and platform_python_implementation == "CPython"\nredis==5.0.4\n',
    );
  });

  it('keeps CRLF and a missing final line break', async () => {
    const root = writeProject({ 'requirements.txt': 'fastapi\r\nuvicorn' });
    const [edit] = await fixOnly('python.uvloop', root);
    expect(edit?.after).toBe(
      'fastapi\r\nuvicorn\r\nuvloop; sys_platform != "win32" and platform_python_implementation == "CPython"',
    );
  });

  it('is advice for pyproject.toml and hash-pinned requirements', async () => {
    const pyproject = await adviceOnly(
      'python.uvloop',
      writeProject({ 'pyproject.toml': '[project]\nname = "svc"\ndependencies = [\n  "uvicorn>=0.30",\n]\n' }),
    );
    expect(pyproject.evidence).toEqual([{ file: 'pyproject.toml', line: 4, excerpt: '"uvicorn>=0.30",' }]);
    await adviceOnly('python.uvloop', writeProject({ 'requirements.txt': 'uvicorn==0.30.1 --hash=sha256:00\n' }));
  });

  it('does not fire with uvicorn[standard], uvloop declared, an explicit --loop, or without uvicorn', async () => {
    const cases: Array<Record<string, string>> = [
      { 'requirements.txt': 'uvicorn[standard]==0.30.1\n' },
      { 'requirements.txt': 'uvicorn\nuvloop\n' },
      {
        'requirements.txt': 'uvicorn\n',
        Dockerfile: 'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--loop", "asyncio"]\n',
      },
      { 'requirements.txt': 'flask\n' },
    ];
    for (const files of cases)
      expect(await detect('python.uvloop', writeProject(files)), JSON.stringify(files)).toEqual([]);
  });
});

describe('python.torch-inference-mode', () => {
  const predictor = [
    'import torch',
    '',
    'model = torch.jit.load("model.pt")',
    'model.eval()',
    '',
    '',
    'def load_model(path):',
    '    return torch.load(path)',
    '',
    '',
    'def predict(x):',
    '    return model(torch.tensor(x)).tolist()',
    '',
  ].join('\n');

  it('points at the forward pass and the eval() of a module that imports torch', async () => {
    const root = writeProject({ 'requirements.txt': 'torch\n', 'ml/predictor.py': predictor });
    const [finding] = await detect('python.torch-inference-mode', root);
    expect(finding).toMatchObject({
      dir: '',
      message:
        'ml/predictor.py runs the model (line 12) without torch.inference_mode() or torch.no_grad(): autograd records every forward pass',
      evidence: [
        { file: 'ml/predictor.py', line: 12, excerpt: 'return model(torch.tensor(x)).tolist()' },
        { file: 'ml/predictor.py', line: 4, excerpt: 'model.eval()' },
      ],
      current: 'return model(torch.tensor(x)).tolist()',
    });
    expect(finding?.proposed).toBe(
      'with torch.inference_mode():\n    return model(torch.tensor(x)).tolist()\n\n# or decorate the predict function:\n@torch.inference_mode()',
    );
  });

  it('does not fire with inference_mode or no_grad, in training code, or in tests', async () => {
    const done = predictor.replace('def predict(x):', '@torch.inference_mode()\ndef predict(x):');
    expect(
      await detect('python.torch-inference-mode', writeProject({ 'requirements.txt': 'torch\n', 'app.py': done })),
    ).toEqual([]);
    const training = `${predictor}\nloss = model(x).sum()\nloss.backward()\n`;
    expect(
      await detect('python.torch-inference-mode', writeProject({ 'requirements.txt': 'torch\n', 'app.py': training })),
    ).toEqual([]);
    expect(
      await detect(
        'python.torch-inference-mode',
        writeProject({ 'requirements.txt': 'torch\n', 'tests/test_model.py': predictor }),
      ),
    ).toEqual([]);
  });
});

describe('python.redis-pool-limit', () => {
  it('lists every unbounded constructor with a bounded proposal, in the call layout', async () => {
    const root = writeProject({
      'requirements.txt': 'redis\n',
      'cache.py': [
        'import redis',
        'from redis.asyncio import Redis',
        '',
        'pool = redis.ConnectionPool(',
        '    host="cache",',
        '    port=6379,',
        ')',
        'shared = redis.Redis(connection_pool=pool)',
        'bounded = redis.BlockingConnectionPool(host="cache")',
        'capped = redis.Redis(host="cache", max_connections=20)',
        'client = Redis.from_url("redis://cache")',
        '',
      ].join('\n'),
    });
    const [finding] = await detect('python.redis-pool-limit', root);
    expect(finding?.evidence.map((e) => e.line)).toEqual([4, 11]);
    expect(finding?.current).toBe(
      'redis.ConnectionPool(\n    host="cache",\n    port=6379,\n)\nRedis.from_url("redis://cache")',
    );
    expect(finding?.proposed).toBe(
      'redis.ConnectionPool(\n    host="cache",\n    port=6379,\n    max_connections=50,\n)\nRedis.from_url("redis://cache", max_connections=50)',
    );
  });

  it('does not fire when every client is bounded', async () => {
    const root = writeProject({
      'requirements.txt': 'redis\n',
      'cache.py': 'import redis\n\nclient = redis.Redis.from_url(URL, max_connections=32)\n',
    });
    expect(await detect('python.redis-pool-limit', root)).toEqual([]);
  });
});
