import type { Problem, ProjectCommand, ScanStats, Stack } from '../../../shared/schemas/project';

/** What the scan hands to the detectors. Paths are relative to the root, with '/' separators. */
export interface ScanResult {
  root: string;
  stats: ScanStats;
  languages: Array<{ language: string; files: number; lines: number; bytes: number }>;
  /**
   * Files the detectors may read: manifests, lockfiles, build configs, Dockerfiles, compose and
   * Kubernetes YAML, CUDA sources, model files, and a bounded number of source files (Python)
   * for framework imports. Bounded in count so a huge tree cannot exhaust memory.
   */
  interesting: string[];
  /** Byte size of every interesting file. */
  sizes: Map<string, number>;
}

export interface DetectContext {
  root: string;
  files: readonly string[];
  /** File text, or null when it is missing, unreadable, binary or larger than the read limit. */
  read(relativePath: string): Promise<string | null>;
  size(relativePath: string): number | undefined;
}

export interface DetectorOutput {
  stacks: Stack[];
  commands: ProjectCommand[];
  problems: Problem[];
}

/** One detector per ecosystem (detect/<ecosystem>.ts). Never executes project code. */
export type Detector = (context: DetectContext) => Promise<DetectorOutput>;
