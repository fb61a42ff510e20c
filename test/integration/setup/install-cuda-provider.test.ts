import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/cli';
import { FAKE_NVIDIA_SMI } from '../../helpers/fake-tools';

// scripts/install-cuda-provider.mjs runs onnxruntime-node's own installer in place of its denied install script.
// The download is pointed at a proxy on a closed loopback port, so it fails at once on any machine, online or not,
// and nothing is ever fetched by these tests.
const SCRIPT = join(REPO_ROOT, 'scripts', 'install-cuda-provider.mjs');
const UNREACHABLE = { GLOBAL_AGENT_HTTPS_PROXY: 'http://127.0.0.1:9', GLOBAL_AGENT_HTTP_PROXY: 'http://127.0.0.1:9' };
const bindingDir = join(
  dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json')),
  'bin',
  'napi-v6',
  process.platform,
  process.arch,
);
const cudaProviderInstalled = existsSync(join(bindingDir, 'libonnxruntime_providers_cuda.so'));
const supported = process.platform === 'linux' && process.arch === 'x64';

function run(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(!supported || cudaProviderInstalled)('install-cuda-provider', () => {
  it('does nothing, silently, during npm install on a machine without an NVIDIA driver', () => {
    const before = readdirSync(bindingDir).sort();
    const result = run(['--auto'], {
      TUNEBENCH_NVIDIA_SMI: FAKE_NVIDIA_SMI,
      FAKE_SMI_FAIL: 'no-driver',
      ...UNREACHABLE,
    });
    expect(result).toEqual({ code: 0, output: '' });
    expect(readdirSync(bindingDir).sort()).toEqual(before);
  });

  it('tries the download where a GPU answers, and an unreachable nuget.org is one warning, not a failed install', () => {
    const result = run(['--auto'], { TUNEBENCH_NVIDIA_SMI: FAKE_NVIDIA_SMI, ...UNREACHABLE });
    expect(result.code).toBe(0);
    expect(result.output).toContain('Fetching onnxruntime');
    expect(result.output).toMatch(
      /CUDA provider could not be fetched \(connect ECONNREFUSED 127\.0\.0\.1:9\); inference runs on the CPU until `npm run install:cuda-provider` succeeds/,
    );
    expect(result.output).not.toMatch(/^\s+at /m);
  });

  it('honours ONNXRUNTIME_NODE_INSTALL=skip during npm install even with a GPU', () => {
    const result = run(['--auto'], {
      TUNEBENCH_NVIDIA_SMI: FAKE_NVIDIA_SMI,
      ONNXRUNTIME_NODE_INSTALL: 'skip',
      ...UNREACHABLE,
    });
    expect(result).toEqual({ code: 0, output: '' });
  });

  it('fails with the reason when the user asks for it and the download cannot happen', () => {
    const result = run([], { TUNEBENCH_NVIDIA_SMI: FAKE_NVIDIA_SMI, FAKE_SMI_FAIL: 'no-driver', ...UNREACHABLE });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/could not be fetched \(connect ECONNREFUSED 127\.0\.0\.1:9\)/);
  });
});
