import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import type { ProjectCommand, ProjectProfile } from '../../../../shared/schemas/project';
import type { MetricVerdict, Verification } from '../../../../shared/schemas/tune';
import type { SuiteDeps } from '../../bench/suite-runner';
import { cleanableOutputs } from '../../project/clean-outputs';
import { measureArtifacts } from '../../project/artifacts';
import type { StoredChange, TuneChangeRepository } from '../../store/tune-changes';
import type { TuneJournalRepository } from '../../store/tune-journal';
import type { TuneOutcomeRepository } from '../../store/tune-outcomes';
import { unifiedDiff } from '../edit/diff';
import { assertInsideRoot } from '../apply/guard';
import { tryGit } from '../apply/git-ops';
import { changedSinceDetection, ChangedSinceDetectionError } from '../apply/write-edits';
import { prepareWorkspaces, removeWorkspaces, repositoryPrefix, type Workspaces } from '../apply/workspaces';
import type { LocatedFinding } from '../findings';
import { recordOutcome } from '../learn/outcome';
import type { Rule, RuleContext } from '../types';
import { shellQuote } from '../../project/bench-plan';
import { measureAb, type AbTarget } from './ab-measure';
import { describeMetric, overallVerdict, sizeVerdict } from './metric-verdict';
import { runStep } from './run-step';

export class NotFixableError extends Error {}
export class DirtyFilesError extends Error {
  constructor(readonly files: string[]) {
    super(
      `uncommitted changes in ${files.join(', ')}: the fix touches them. Commit or stash them, or verify on a copy of the working tree (--on-copy)`,
    );
  }
}
export class VerificationFailedError extends Error {}

export interface VerifyDeps {
  changes: TuneChangeRepository;
  journal: TuneJournalRepository;
  outcomes: TuneOutcomeRepository;
  /** Where workspaces are made (the app's data folder, never the project). */
  workDir: string;
  suite: Omit<SuiteDeps, 'signal' | 'onProgress'>;
  fingerprint: string;
  jobId: string;
  signal?: AbortSignal;
  onStep?: (title: string, fraction: number) => void;
  onProgress?: SuiteDeps['onProgress'];
}

const STEP_TIMEOUT_MS = 30 * 60_000;

function commandsOf(profile: ProjectProfile, kind: ProjectCommand['kind']): ProjectCommand[] {
  return profile.commands.filter((command) => command.kind === kind);
}

/** Cargo release-profile rules are tested on the release profile: that is the build they change. */
export function testCommandFor(command: ProjectCommand, rule: Rule): ProjectCommand {
  if (
    rule.verifyProfile === 'release' &&
    /^cargo test\b/.test(command.command) &&
    !/--release\b/.test(command.command)
  ) {
    return { ...command, command: command.command.replace(/^cargo test\b/, 'cargo test --release') };
  }
  return command;
}

async function buildTargets(profile: ProjectProfile): Promise<AbTarget[]> {
  const outputs = await cleanableOutputs(profile);
  return commandsOf(profile, 'build').map((command) => {
    if (/^cargo build/.test(command.command)) {
      return {
        metric: 'build-time',
        command,
        // Clean the profile the command builds, so every timed build is a full one.
        prepare: (dir: string) =>
          `cd ${shellQuote(join(dir, command.cwd))} && CARGO_TARGET_DIR=${shellQuote(join(dir, command.cwd, 'target'))} cargo clean${/--release\b/.test(command.command) ? ' --release' : ''} -q`,
      };
    }
    const dirs = (outputs.get(command.id) ?? []).map((path) => relative(profile.root, path));
    return {
      metric: 'build-time',
      command,
      prepare:
        dirs.length > 0 ? (dir: string) => `rm -rf ${dirs.map((d) => shellQuote(join(dir, d))).join(' ')}` : undefined,
    };
  });
}

async function artifactBytes(dir: string, profile: ProjectProfile): Promise<{ bytes: number; paths: string[] }> {
  const artifacts = (await measureArtifacts(dir, profile.stacks, new Map())).filter((a) => a.kind !== 'model');
  return { bytes: artifacts.reduce((sum, a) => sum + a.bytes, 0), paths: artifacts.map((a) => a.path) };
}

function projectKey(root: string): string {
  return createHash('sha256').update(root).digest('hex').slice(0, 16);
}

/**
 * Verifies one fix end to end without touching the user's working tree: workspaces for baseline
 * and candidate, both built, the project's tests on the candidate (a fix that breaks them is
 * rejected whatever it gains), then interleaved A/B measurement of the metrics the rule targets
 * and a verdict per metric. A decided outcome is recorded for learning. Workspaces are removed at the
 * end whatever happens; the candidate branch stays for keep or discard.
 */
export async function verifyFinding(
  located: LocatedFinding,
  context: RuleContext,
  options: { onCopy: boolean },
  deps: VerifyDeps,
): Promise<StoredChange> {
  const { rule, detected, finding } = located;
  const profile = context.profile;
  if (!rule.fix || !finding.rule.automatic) {
    throw new NotFixableError(`${finding.id} is advice: Tunebench cannot write this change itself`);
  }
  const edits = await rule.fix(detected, context);
  if (edits.length === 0) throw new NotFixableError(`${finding.id}: the fix has nothing to change`);
  assertInsideRoot(profile.root, edits);
  const changed = await changedSinceDetection(profile.root, edits);
  if (changed.length > 0) throw new ChangedSinceDetectionError(changed);
  // git reports dirty paths from the top of the repository; the project may be a subfolder of it.
  const prefix = profile.git.status === 'present' ? await repositoryPrefix(profile.root).catch(() => '') : '';
  const dirty = edits.map((e) => e.file).filter((file) => profile.git.dirtyFiles.includes(prefix + file));
  if (dirty.length > 0 && !options.onCopy) throw new DirtyFilesError(dirty);
  const useGit = profile.git.status === 'present' && profile.git.head !== null && !options.onCopy;

  const change = deps.changes.create({
    root: profile.root,
    findingId: finding.id,
    ruleId: rule.id,
    stack: rule.stack,
    baseCommit: profile.git.head,
    edits,
    diff: unifiedDiff(edits),
  });
  const step = (title: string, fraction: number) => deps.onStep?.(title, fraction);
  let workspaces: Workspaces | null = null;
  try {
    step('Preparing baseline and candidate workspaces', 0.02);
    workspaces = await prepareWorkspaces({
      root: profile.root,
      changeId: change.id,
      ruleId: rule.id,
      edits,
      workDir: deps.workDir,
      useGit,
      journal: deps.journal,
    });
    // The sides start from HEAD now, which may be newer than the scan the finding came from: keep
    // records the real base, so it fast-forwards when nothing moved since.
    if (workspaces.branch) {
      deps.changes.update(change.id, { branch: workspaces.branch, baseCommit: workspaces.baseCommit });
    }
    const measured = await measureBothSides(located, profile, workspaces, change.id, deps);
    const status = 'verified' as const;
    deps.journal.record(change.id, { step: 'finished', status });
    // Only what was actually measured and decided (or broke) teaches the ranking anything.
    const verification = recordOutcome(
      deps.outcomes,
      { ruleId: rule.id, stack: rule.stack, project: projectKey(profile.root) },
      measured,
    );
    return deps.changes.update(change.id, { status, verification });
  } catch (error) {
    if (workspaces) {
      await removeWorkspaces(profile.root, change.id, workspaces, deps.journal);
      // A failed verification leaves no branch behind (it holds no commit: nothing was kept).
      if (workspaces.branch) await tryGit(profile.root, ['branch', '-D', workspaces.branch]);
      workspaces = null;
    }
    deps.journal.record(change.id, { step: 'finished', status: 'failed' });
    deps.changes.update(change.id, { status: 'failed', note: (error as Error).message });
    throw error;
  } finally {
    if (workspaces) await removeWorkspaces(profile.root, change.id, workspaces, deps.journal);
  }
}

async function measureBothSides(
  located: LocatedFinding,
  profile: ProjectProfile,
  workspaces: Workspaces,
  changeId: number,
  deps: VerifyDeps,
): Promise<Verification> {
  const { rule, finding } = located;
  const step = (title: string, fraction: number) => deps.onStep?.(title, fraction);
  const sides = { baselineDir: workspaces.baselineDir, candidateDir: workspaces.candidateDir };
  const warnings: string[] = [];
  const run = (dir: string, command: ProjectCommand) =>
    runStep(dir, command.cwd, command.command, { timeoutMs: STEP_TIMEOUT_MS, signal: deps.signal });
  const base: Omit<Verification, 'overall' | 'summary'> = {
    metrics: [],
    tests: { ran: false, passed: null, command: null, output: '' },
    ...sides,
    warnings,
  };

  for (const command of commandsOf(profile, 'build')) {
    step(`Building the baseline: ${command.command}`, 0.1);
    const baseline = await run(workspaces.baselineDir, command);
    if (!baseline.ok) {
      throw new VerificationFailedError(
        `the baseline (HEAD) does not build with "${command.command}"${baseline.timedOut ? ' (timed out)' : ''}: fix the project first.\n${baseline.output.slice(-1500)}`,
      );
    }
    step(`Building the candidate: ${command.command}`, 0.25);
    const candidate = await run(workspaces.candidateDir, command);
    if (!candidate.ok) {
      return {
        ...base,
        overall: 'broke-build',
        summary: `the candidate does not build with "${command.command}"${candidate.timedOut ? ' (timed out)' : ''}: rejected`,
        tests: { ...base.tests, output: candidate.output.slice(-1500) },
      };
    }
  }

  const tests = commandsOf(profile, 'test').map((command) => testCommandFor(command, rule));
  for (const command of tests) {
    step(`Testing the candidate: ${command.command}`, 0.4);
    const result = await run(workspaces.candidateDir, command);
    base.tests = { ran: true, passed: result.ok, command: command.command, output: result.output.slice(-1500) };
    if (!result.ok) {
      const atHead = await run(workspaces.baselineDir, command);
      if (!atHead.ok) warnings.push(`"${command.command}" fails at HEAD too: the tests cannot vouch for this change`);
      return {
        ...base,
        overall: 'broke-tests',
        summary: `the project's tests fail on the candidate ("${command.command}"${result.timedOut ? ', timed out' : ''}): rejected, whatever it gains`,
      };
    }
  }
  if (tests.length === 0) warnings.push('the project has no test command: nothing vouches that behaviour is unchanged');

  // Sizes right after the builds: the A/B clean builds below delete one side's output in turn.
  const sizeMetrics: MetricVerdict[] = [];
  if (rule.metrics.includes('artifact-size')) {
    step('Measuring artifact sizes', 0.45);
    const [before, after] = await Promise.all([
      artifactBytes(workspaces.baselineDir, profile),
      artifactBytes(workspaces.candidateDir, profile),
    ]);
    if (before.bytes === 0) warnings.push('no build artifact found to size (binary, JS or CSS output)');
    else if (after.bytes === 0 || after.paths.join('\n') !== before.paths.join('\n')) {
      warnings.push(
        `the candidate's artifacts differ from the baseline's (${after.paths.join(', ') || 'none'} vs ${before.paths.join(', ')}): size not compared`,
      );
    } else {
      sizeMetrics.push(
        sizeVerdict(
          `artifacts: ${before.paths.slice(0, 3).join(', ')}${before.paths.length > 3 ? ', …' : ''}`,
          before.bytes,
          after.bytes,
        ),
      );
    }
  }

  const metrics: MetricVerdict[] = [...sizeMetrics];
  const targets: AbTarget[] = [];
  if (rule.metrics.includes('runtime') || rule.metrics.includes('memory')) {
    const runtime = commandsOf(profile, rule.runtimeCommands ?? 'bench');
    const commands = runtime.length > 0 || rule.runtimeCommands === 'test' ? runtime : commandsOf(profile, 'run');
    if (commands.length === 0)
      warnings.push('no bench or run command: runtime not measured (add one on the Project page)');
    targets.push(...commands.map((command) => ({ metric: 'runtime' as const, command })));
    if (rule.metrics.includes('memory'))
      targets.push(...commands.map((command) => ({ metric: 'memory' as const, command })));
  }
  if (rule.metrics.includes('build-time')) {
    const builds = await buildTargets(profile);
    if (builds.length === 0) warnings.push('no build command: build time not measured');
    targets.push(...builds);
  }
  const timed = targets.filter((t) => t.metric !== 'memory');
  let failedTargets = 0;
  if (timed.length > 0) {
    step('Measuring baseline and candidate, interleaved', 0.5);
    const measured = await measureAb(
      timed,
      targets.some((t) => t.metric === 'memory'),
      { ...sides, root: profile.root },
      { jobId: deps.jobId, name: `verify ${finding.id} (#${changeId})`, fingerprint: deps.fingerprint, changeId },
      { ...deps.suite, signal: deps.signal, onProgress: deps.onProgress },
    );
    // A cancelled suite returns what it had: a partial measurement is no verdict.
    if (deps.signal?.aborted || measured.run?.status === 'cancelled') throw new Error('cancelled');
    warnings.push(...measured.failures);
    failedTargets = measured.failures.length;
    // The runs' and each result's sampling warnings (precision not reached, machine busy): they qualify the verdicts.
    warnings.push(...measured.warnings);
    metrics.push(
      ...measured.verdicts.filter(
        (v) => rule.metrics.includes(v.metric) && (v.metric !== 'memory' || targets.some((t) => t.metric === 'memory')),
      ),
    );
  }
  let overall = metrics.length === 0 ? 'no-change' : overallVerdict(metrics);
  if (overall === 'improved' && failedTargets > 0) {
    // A benchmark that crashed on either side is not a measured improvement.
    overall = 'no-change';
    warnings.push('a measurement failed (see above): not counted as an improvement');
  }
  const summary =
    metrics.length === 0
      ? 'nothing could be measured for the metrics this rule targets (see warnings)'
      : metrics.map(describeMetric).join('; ');
  return { ...base, metrics, overall, summary };
}
