import type { HardwareProfile } from '../../../shared/schemas/hardware';
import type { Evidence, ProjectProfile } from '../../../shared/schemas/project';
import type { RuleInfo } from '../../../shared/schemas/tune';

/** Measured inference results a model rule can act on (from the latest inference runs). */
export interface InferenceObservation {
  model: string;
  /** Path of the model file relative to the project root, when it is the project's own. */
  file: string | null;
  device: string;
  precision: string;
  batch: number;
  latencyMsP50: number;
  n: number;
  agreementOk: boolean;
  /** Session options the result was measured with (threads, graph optimisation, …). */
  settings: Record<string, string | number | boolean>;
}

/** Everything a rule may look at. Rules never run project code and never write. */
export interface RuleContext {
  root: string;
  profile: ProjectProfile;
  /** Text of a file relative to the root, or null when missing, unreadable, binary or too large. */
  read(relativePath: string): Promise<string | null>;
  /** Whether an executable is on PATH (a faster linker, uvloop's interpreter…). */
  hasTool(name: string): Promise<boolean>;
  hardware: HardwareProfile | null;
  inference: InferenceObservation[];
}

/** What `detect` returns; the engine adds the id, the rule's info and the ranking. */
export interface DetectedFinding {
  /** Folder of the stack it concerns, relative to the root ("" for the root). */
  dir: string;
  message: string;
  evidence: Evidence[];
  current: string | null;
  proposed: string | null;
  warning?: string;
  /** Workstation rules: commands the user runs themselves. */
  commands?: string[];
  /** Rule-private data `fix` needs (a path inside the file, the chosen value). JSON only. */
  data?: Record<string, unknown>;
}

/** One file's new content. `before` is what the rule read; apply refuses if the file changed since. */
export interface FileEdit {
  /** Relative to the root, '/' separators. */
  file: string;
  /** null when the fix creates the file. */
  before: string | null;
  after: string;
}

export interface Rule extends Omit<RuleInfo, 'automatic'> {
  /**
   * Which build profile verification must test: Cargo release-profile rules are tested with
   * `cargo test --release`, because the profile is what they change.
   */
  verifyProfile?: 'release';
  /**
   * Which of the project's commands measure "runtime" for this rule: its bench commands (the
   * default), or its tests — for rules about debug builds, whose code the tests run.
   */
  runtimeCommands?: 'bench' | 'test';
  detect(context: RuleContext): Promise<DetectedFinding[]>;
  /** Present when the change can be written automatically; edits must be format-preserving. */
  fix?(finding: DetectedFinding, context: RuleContext): Promise<FileEdit[]>;
}
