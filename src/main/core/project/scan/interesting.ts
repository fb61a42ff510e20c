import { basename, extname } from 'node:path';

/** Names the detectors read whatever folder they sit in. */
const MANIFEST_NAMES = new Set([
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'bun.lock',
  'bun.lockb',
  '.nvmrc',
  '.node-version',
  'Cargo.toml',
  'Cargo.lock',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'Pipfile',
  'Pipfile.lock',
  'poetry.lock',
  'uv.lock',
  '.python-version',
  '.dockerignore',
  'go.mod',
  'pom.xml',
  'CMakeLists.txt',
  'Makefile',
  'GNUmakefile',
  'makefile',
]);

const MANIFEST_PATTERNS = [
  /^tsconfig.*\.json$/,
  /^(vite|vitest|webpack|next|rollup|esbuild)\.config\.[cm]?[jt]s$/,
  /^rust-toolchain/,
  /^requirements.*\.txt$/,
  /^Dockerfile/,
  /\.dockerfile$/i,
  /^(docker-)?compose.*\.ya?ml$/,
  /^build\.gradle/,
];

const MANIFEST_EXTENSIONS = new Set(['.cu', '.cuh', '.onnx', '.pt', '.pth', '.safetensors']);

/** Kinds with their own cap, so thousands of YAML or Python files cannot crowd out the manifests. */
type Kind = 'manifest' | 'yaml' | 'python';

export interface InterestingLimits {
  total: number;
  yaml: number;
  python: number;
}

export const DEFAULT_LIMITS: InterestingLimits = { total: 20_000, yaml: 2_000, python: 2_000 };

export function interestingKind(relativePath: string): Kind | undefined {
  const name = basename(relativePath);
  if (MANIFEST_NAMES.has(name)) return 'manifest';
  const extension = extname(name).toLowerCase();
  if (MANIFEST_EXTENSIONS.has(extension)) return 'manifest';
  if (MANIFEST_PATTERNS.some((pattern) => pattern.test(name))) return 'manifest';
  if (/(^|\/)\.cargo\/config(\.toml)?$/.test(relativePath)) return 'manifest';
  // Cargo's target auto-discovery: the Rust detector names the binaries a crate builds from these.
  if (/(^|\/)src\/(main|lib)\.rs$/.test(relativePath) || /(^|\/)src\/bin\/[^/]+\.rs$/.test(relativePath)) {
    return 'manifest';
  }
  // Any YAML may be a Kubernetes manifest; telling which needs its text, which is the detectors' job.
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  if (extension === '.py') return 'python';
  return undefined;
}

/** The files handed to the detectors, with their sizes, bounded in count. */
export class InterestingFiles {
  readonly sizes = new Map<string, number>();
  private readonly perKind: Record<Kind, number> = { manifest: 0, yaml: 0, python: 0 };

  constructor(private readonly limits: InterestingLimits = DEFAULT_LIMITS) {}

  offer(relativePath: string, size: number): void {
    const kind = interestingKind(relativePath);
    if (!kind || this.sizes.size >= this.limits.total) return;
    if (kind !== 'manifest' && this.perKind[kind] >= this.limits[kind]) return;
    this.perKind[kind] += 1;
    this.sizes.set(relativePath, size);
  }

  /** Sorted, so results do not depend on which worker finished first. */
  list(): string[] {
    return [...this.sizes.keys()].sort();
  }
}
