import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HardwareProfile } from '../../../../shared/schemas/hardware';
import { errorMessage } from '../../util/timebox';

type OpenVinoSection = HardwareProfile['npu']['openvino'];

/** The part of openvino-node's addon we use; typed here because the package is optional. */
export interface OpenVinoCore {
  getAvailableDevices(): string[];
  getProperty(device: string, property: string): unknown;
}
export interface OpenVinoModule {
  addon: { Core: new () => OpenVinoCore };
}
export interface LoadedOpenVino {
  module: OpenVinoModule;
  version: string | null;
  /** The resolved path of the module loaded; null (or left out by a stand-in loader) when unknown. */
  path?: string | null;
  /** The environment variable that named the module instead of the package; null or left out for the package. */
  customFrom?: string | null;
}
export type OpenVinoLoader = () => Promise<LoadedOpenVino>;

export const OPENVINO_NOT_INSTALLED = 'OpenVINO runtime not installed: npm i openvino-node';
export const OPENVINO_INSTALL_REMEDY =
  'it needs Node 21+ and, at install time, access to the OpenVINO runtime download';

/**
 * The path of a module to load instead of the `openvino-node` package: a local openvino-node build
 * (or, in tests, a stand-in). Read here and nowhere else; worker processes inherit it.
 */
export const OPENVINO_MODULE_ENV = 'TUNEBENCH_OPENVINO_MODULE';

/** A local build names its version through the addon (the package's own getOpenvinoVersion). */
function addonVersion(module: OpenVinoModule): string | null {
  const getVersion = (module.addon as { getOpenvinoVersion?: () => { buildNumber?: string } }).getOpenvinoVersion;
  try {
    return getVersion?.().buildNumber ?? null;
  } catch {
    return null;
  }
}

/**
 * openvino-node is an optional dependency: its install downloads the runtime from a host that
 * may be unreachable, and it needs Node 21+. It is loaded lazily and only here.
 */
export const loadOpenVinoPackage: OpenVinoLoader = async () => {
  const override = process.env[OPENVINO_MODULE_ENV];
  if (override) {
    const path = resolve(override);
    // Not MODULE_NOT_FOUND: "npm i openvino-node" would be the wrong advice for a mistyped path.
    if (!existsSync(path)) throw new Error(`${OPENVINO_MODULE_ENV}=${override}: no such file`);
    const module = (await import(/* @vite-ignore */ pathToFileURL(path).href)) as OpenVinoModule & {
      default?: OpenVinoModule;
    };
    const chosen = module.addon ? module : (module.default ?? module);
    return { module: chosen, version: addonVersion(chosen), path, customFrom: OPENVINO_MODULE_ENV };
  }
  const name = 'openvino-node';
  const module = (await import(/* @vite-ignore */ name)) as OpenVinoModule & { default?: OpenVinoModule };
  let version: string | null;
  try {
    const pkg = (await import(/* @vite-ignore */ `${name}/package.json`, { with: { type: 'json' } })) as {
      default: { version?: string };
    };
    version = pkg.default.version ?? null;
  } catch {
    version = null;
  }
  return {
    module: module.addon ? module : (module.default ?? module),
    version,
    path: packagePath(name),
    customFrom: null,
  };
};

/** Where require.resolve finds the package: what was loaded (results record it); null when it cannot say. */
function packagePath(name: string): string | null {
  try {
    return createRequire(typeof __filename === 'string' ? __filename : import.meta.url).resolve(name);
  } catch {
    return null;
  }
}

export function isModuleMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND';
}

function deviceKind(name: string): 'cpu' | 'gpu' | 'npu' | 'other' {
  const base = name.split('.')[0]!.toUpperCase();
  if (base === 'CPU') return 'cpu';
  if (base === 'GPU') return 'gpu';
  if (base === 'NPU') return 'npu';
  return 'other';
}

export async function collectOpenVino(load: OpenVinoLoader = loadOpenVinoPackage): Promise<OpenVinoSection> {
  let loaded;
  try {
    loaded = await load();
  } catch (error) {
    if (isModuleMissing(error)) {
      return {
        status: 'absent',
        reason: OPENVINO_NOT_INSTALLED,
        remedy: OPENVINO_INSTALL_REMEDY,
        version: null,
        devices: [],
      };
    }
    return {
      status: 'unknown',
      reason: `OpenVINO runtime failed to load: ${errorMessage(error)}`,
      remedy: 'reinstall openvino-node; its install step downloads the runtime libraries',
      version: null,
      devices: [],
    };
  }
  try {
    const core = new loaded.module.addon.Core();
    const devices = core.getAvailableDevices().map((name) => {
      let fullName: string | null;
      try {
        fullName = String(core.getProperty(name, 'FULL_DEVICE_NAME'));
      } catch {
        fullName = null;
      }
      return { name, fullName, kind: deviceKind(name) };
    });
    return { status: 'present', reason: '', version: loaded.version, devices };
  } catch (error) {
    return {
      status: 'unknown',
      reason: `OpenVINO could not list devices: ${errorMessage(error)}`,
      version: loaded.version,
      devices: [],
    };
  }
}
