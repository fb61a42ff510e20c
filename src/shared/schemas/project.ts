import { z } from 'zod';
import { AvailabilitySchema } from './availability';

/** Where a fact comes from: a file relative to the project root and, when known, a 1-based line. */
export const EvidenceSchema = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  /** The line or value as found, for display. */
  excerpt: z.string().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const LanguageStatSchema = z.object({
  language: z.string(),
  files: z.number().int(),
  lines: z.number().int(),
  bytes: z.number().int(),
});

export const ScanStatsSchema = z.object({
  method: z.enum(['git ls-files', 'walk']),
  files: z.number().int(),
  bytes: z.number().int(),
  durationMs: z.number(),
  /** Files skipped and why (vendored, build output, binary, symlink leaving the root, unreadable…). */
  skipped: z.array(z.object({ reason: z.string(), count: z.number().int(), example: z.string().optional() })),
  cache: z.object({ hits: z.number().int(), misses: z.number().int(), hitRate: z.number() }),
  /** True when the scan stopped at the file limit (huge trees): counts are partial. */
  truncated: z.boolean(),
});
export type ScanStats = z.infer<typeof ScanStatsSchema>;

export const StackIdSchema = z.enum([
  'node',
  'rust',
  'python',
  'docker',
  'compose',
  'kubernetes',
  'cuda',
  'models',
  'go',
  'java',
  'cpp',
]);
export type StackId = z.infer<typeof StackIdSchema>;

export const FactSchema = z.object({
  /** Stable key, e.g. "node.framework", "rust.profile.release.lto". */
  key: z.string(),
  label: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
  evidence: EvidenceSchema,
});
export type Fact = z.infer<typeof FactSchema>;

export const StackSchema = z.object({
  id: StackIdSchema,
  name: z.string(),
  /** Folder of the stack's manifest relative to the root ("" for the root); monorepos have several. */
  dir: z.string(),
  facts: z.array(FactSchema),
});
export type Stack = z.infer<typeof StackSchema>;

export const CommandKindSchema = z.enum(['build', 'test', 'bench', 'run', 'lint']);
export const ProjectCommandSchema = z.object({
  id: z.string(),
  kind: CommandKindSchema,
  command: z.string(),
  /** Working directory relative to the root; never absolute and never climbing out of it. */
  cwd: z
    .string()
    .refine((cwd) => !cwd.startsWith('/') && !/^[A-Za-z]:/.test(cwd) && !cwd.split(/[\\/]/).includes('..'), {
      message: 'must be a folder inside the project (relative, without "..")',
    }),
  source: z.enum(['inferred', 'user']),
  evidence: EvidenceSchema.nullable(),
});
export type ProjectCommand = z.infer<typeof ProjectCommandSchema>;

/** A manifest or config that could not be read: the file, where, and what is wrong. */
export const ProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const ArtifactSchema = z.object({
  kind: z.enum(['js-chunk', 'css', 'binary', 'model', 'image']),
  path: z.string(),
  bytes: z.number().int(),
  gzipBytes: z.number().int().nullable(),
  brotliBytes: z.number().int().nullable(),
});
export type Artifact = z.infer<typeof ArtifactSchema>;

export const GitInfoSchema = AvailabilitySchema.extend({
  head: z.string().nullable(),
  branch: z.string().nullable(),
  /** In-progress operation that makes HEAD misleading: rebase, merge, cherry-pick, bisect. */
  operation: z.string().nullable(),
  dirtyFiles: z.array(z.string()),
});
export type GitInfo = z.infer<typeof GitInfoSchema>;

export const ProjectProfileSchema = z.object({
  root: z.string(),
  name: z.string(),
  scannedAt: z.string(),
  scan: ScanStatsSchema,
  languages: z.array(LanguageStatSchema),
  stacks: z.array(StackSchema),
  commands: z.array(ProjectCommandSchema),
  /** Artifacts already on disk (bundles, binaries, models); `bench project` measures fresh ones. */
  artifacts: z.array(ArtifactSchema),
  problems: z.array(ProblemSchema),
  git: GitInfoSchema,
  trusted: z.boolean(),
});
export type ProjectProfile = z.infer<typeof ProjectProfileSchema>;
