import { readdir, readFile, stat } from 'node:fs/promises';
import { join, posix, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Artifact, Stack } from '../../../shared/schemas/project';

/** Where the usual JS bundlers write their output, relative to the package folder. */
const JS_OUTPUT_DIRS = ['dist', 'build', 'out/renderer', '.next/static/chunks'];
const MAX_FILES = 2000;

async function listFiles(dir: string, limit = MAX_FILES): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.length >= limit) return;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  await walk(dir);
  return found;
}

/** Raw, gzip (level 9, as most CDNs serve) and brotli (quality 11) sizes: what a user downloads. */
export function compressedSizes(content: Buffer): { bytes: number; gzipBytes: number; brotliBytes: number } {
  return {
    bytes: content.length,
    gzipBytes: gzipSync(content, { level: 9 }).length,
    brotliBytes: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function rel(root: string, path: string): string {
  return relative(root, path).split('\\').join(posix.sep);
}

async function jsChunks(root: string, packageDir: string): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  for (const out of JS_OUTPUT_DIRS) {
    for (const file of await listFiles(join(root, packageDir, out))) {
      const kind = /\.(m?js|cjs)$/.test(file) ? 'js-chunk' : file.endsWith('.css') ? 'css' : null;
      if (!kind) continue;
      const sizes = compressedSizes(await readFile(file));
      artifacts.push({ kind, path: rel(root, file), ...sizes });
    }
  }
  return artifacts;
}

async function rustBinaries(root: string, stack: Stack): Promise<Artifact[]> {
  const names = new Set(
    stack.facts
      .filter((f) => f.key === 'rust.binary' || f.key === 'rust.package.name')
      .flatMap((f) => (Array.isArray(f.value) ? f.value : [String(f.value)])),
  );
  const artifacts: Artifact[] = [];
  for (const dir of [join(root, stack.dir, 'target', 'release'), join(root, 'target', 'release')]) {
    for (const name of names) {
      for (const candidate of [name, `${name}.exe`, name.replace(/-/g, '_')]) {
        try {
          const info = await stat(join(dir, candidate));
          if (info.isFile() && !artifacts.some((a) => a.path === rel(root, join(dir, candidate)))) {
            artifacts.push({
              kind: 'binary',
              path: rel(root, join(dir, candidate)),
              bytes: info.size,
              gzipBytes: null,
              brotliBytes: null,
            });
          }
        } catch {
          // not built yet
        }
      }
    }
  }
  return artifacts;
}

/**
 * Artifacts already on disk: JS/CSS chunks of each Node package's build output (raw, gzip,
 * brotli), Rust release binaries, and model files. Sizes are what users download or ship.
 */
export async function measureArtifacts(
  root: string,
  stacks: Stack[],
  modelSizes: Map<string, number>,
): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  for (const stack of stacks) {
    if (stack.id === 'node') artifacts.push(...(await jsChunks(root, stack.dir)));
    if (stack.id === 'rust') artifacts.push(...(await rustBinaries(root, stack)));
  }
  for (const [path, bytes] of modelSizes) {
    if (/\.(onnx|pt|pth|safetensors)$/i.test(path))
      artifacts.push({ kind: 'model', path, bytes, gzipBytes: null, brotliBytes: null });
  }
  const unique = new Map(artifacts.map((a) => [a.path, a]));
  return [...unique.values()].sort((a, b) => b.bytes - a.bytes);
}
