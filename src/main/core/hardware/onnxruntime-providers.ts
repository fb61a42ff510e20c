import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import { errorMessage } from '../util/timebox';

type OrtSection = HardwareProfile['onnxruntime'];

interface OrtBackend {
  name: string;
  bundled: boolean;
}

/** Shared libraries a non-bundled provider needs next to the onnxruntime-node binding. */
const PROVIDER_LIBRARIES: Record<string, string> = {
  cuda: 'libonnxruntime_providers_cuda.so',
  tensorrt: 'libonnxruntime_providers_tensorrt.so',
};

/**
 * onnxruntime-node downloads these from nuget.org; Tunebench's install does it only where an NVIDIA driver answers
 * and the download succeeds (scripts/install-cuda-provider.mjs), so the remedy is that script's one command.
 */
const CUDA_PROVIDERS = new Set(['cuda', 'tensorrt']);
const CUDA_PROVIDER_REMEDY =
  "run `npm run install:cuda-provider` in Tunebench's folder: it fetches onnxruntime's CUDA 12 and TensorRT providers from nuget.org";

export interface OrtProbe {
  version: string | null;
  backends: OrtBackend[];
  bindingDir: string | null;
}

/** Reads what onnxruntime-node was built with; it loads the native binding (cheap, no session). */
export async function probeOnnxRuntime(): Promise<OrtProbe> {
  const ort = (await import('onnxruntime-node')) as unknown as {
    listSupportedBackends?: () => OrtBackend[];
    env?: { versions?: { common?: string } };
  };
  const require = createRequire(import.meta.url);
  let bindingDir: string | null;
  try {
    const pkgDir = dirname(require.resolve('onnxruntime-node/package.json'));
    bindingDir = join(pkgDir, 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    bindingDir = null;
  }
  return {
    version: ort.env?.versions?.common ?? null,
    backends: ort.listSupportedBackends?.() ?? [{ name: 'cpu', bundled: true }],
    bindingDir,
  };
}

export function describeProviders(probe: OrtProbe): OrtSection['providers'] {
  return probe.backends.map((backend) => {
    if (backend.bundled) return { name: backend.name, status: 'present', reason: '' };
    const library = PROVIDER_LIBRARIES[backend.name];
    if (library && probe.bindingDir && existsSync(join(probe.bindingDir, library))) {
      return { name: backend.name, status: 'present', reason: '' };
    }
    return {
      name: backend.name,
      status: 'absent',
      reason: `${backend.name} execution provider binaries are not installed`,
      remedy: CUDA_PROVIDERS.has(backend.name) ? CUDA_PROVIDER_REMEDY : undefined,
    };
  });
}

export async function collectOnnxRuntime(probe: () => Promise<OrtProbe> = probeOnnxRuntime): Promise<OrtSection> {
  try {
    const result = await probe();
    return { status: 'present', reason: '', version: result.version, providers: describeProviders(result) };
  } catch (error) {
    return {
      status: 'unknown',
      reason: `onnxruntime-node failed to load: ${errorMessage(error)}`,
      remedy: 'reinstall dependencies with npm ci',
      version: null,
      providers: [],
    };
  }
}
