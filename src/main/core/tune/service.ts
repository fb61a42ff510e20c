import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { HardwareProfile } from '../../../shared/schemas/hardware';
import type { ProjectProfile } from '../../../shared/schemas/project';
import type { FindingsReport, OutcomeExport } from '../../../shared/schemas/tune';
import type { StoredChange, TuneChangeRepository } from '../store/tune-changes';
import type { TuneJournalRepository } from '../store/tune-journal';
import type { TuneOutcomeRepository } from '../store/tune-outcomes';
import { keepChange, discardChange } from './apply/keep';
import { recoverInterrupted, type RecoveryReport } from './apply/recover';
import { buildRuleContext } from './context';
import { unifiedDiff } from './edit/diff';
import { detectFindings, type LocatedFinding } from './findings';
import { ALL_RULES } from './rules';
import type { InferenceObservation, Rule, RuleContext } from './types';
import { verifyFinding, NotFixableError, type VerifyDeps } from './verify/verify';

export class UnknownFindingError extends Error {}

export interface TuneServiceDeps {
  changes: TuneChangeRepository;
  journal: TuneJournalRepository;
  outcomes: TuneOutcomeRepository;
  dataDir: string;
  profile: (root: string) => Promise<ProjectProfile>;
  hardware: () => Promise<HardwareProfile | null>;
  /** What the inference suite measured for the project's own models. */
  inference?: (root: string) => InferenceObservation[];
  rules?: readonly Rule[];
}

/** The tuning loop behind the API and the CLI: find, diff, verify, keep or discard, learn. */
export class TuneService {
  readonly workDir: string;
  private readonly backupDir: string;
  private recovery: Promise<RecoveryReport[]> | null = null;

  constructor(private readonly deps: TuneServiceDeps) {
    this.workDir = join(deps.dataDir, 'tune-work');
    this.backupDir = join(deps.dataDir, 'tune-backups');
  }

  /** Undo what an interrupted verification left (run at start-up, before anything else). */
  recover(): Promise<RecoveryReport[]> {
    this.recovery ??= recoverInterrupted(this.deps.changes, this.deps.journal).catch((error: unknown) => {
      this.recovery = null; // try again next time rather than failing every call of this process
      throw error;
    });
    return this.recovery;
  }

  async analyse(root: string): Promise<{ context: RuleContext; located: LocatedFinding[]; report: FindingsReport }> {
    await this.recover();
    const profile = await this.deps.profile(root);
    const context = buildRuleContext(profile, {
      hardware: await this.deps.hardware().catch(() => null),
      inference: this.deps.inference?.(profile.root) ?? [],
    });
    const { located, report } = await detectFindings(this.deps.rules ?? ALL_RULES, context, this.deps.outcomes.stats());
    return { context, located, report };
  }

  async locate(root: string, findingId: string): Promise<{ context: RuleContext; found: LocatedFinding }> {
    const { context, located } = await this.analyse(root);
    const found = located.find((entry) => entry.finding.id === findingId);
    if (!found) {
      throw new UnknownFindingError(
        `no finding "${findingId}" in ${context.root} (it may be fixed already); current: ${located.map((l) => l.finding.id).join(', ') || 'none'}`,
      );
    }
    return { context, found };
  }

  async diff(root: string, findingId: string): Promise<{ findingId: string; diff: string; files: string[] }> {
    const { context, found } = await this.locate(root, findingId);
    if (!found.rule.fix || !found.finding.rule.automatic)
      throw new NotFixableError(`${findingId} is advice: there is no automatic change to show`);
    const edits = await found.rule.fix(found.detected, context);
    return { findingId, diff: unifiedDiff(edits), files: edits.map((edit) => edit.file) };
  }

  async verify(
    root: string,
    findingId: string,
    options: { onCopy: boolean },
    run: Omit<VerifyDeps, 'changes' | 'journal' | 'outcomes' | 'workDir'>,
  ): Promise<StoredChange> {
    const { context, found } = await this.locate(root, findingId);
    return verifyFinding(found, context, options, {
      ...run,
      changes: this.deps.changes,
      journal: this.deps.journal,
      outcomes: this.deps.outcomes,
      workDir: this.workDir,
    });
  }

  keep(changeId: number, merge: boolean): Promise<StoredChange> {
    return keepChange(this.change(changeId), { merge, workDir: this.workDir, backupDir: this.backupDir }, this.deps);
  }

  discard(changeId: number): Promise<StoredChange> {
    return discardChange(this.change(changeId), this.deps);
  }

  change(changeId: number): StoredChange {
    const change = this.deps.changes.get(changeId);
    if (!change) throw new UnknownFindingError(`no applied change #${changeId}`);
    return change;
  }

  async changes(root: string): Promise<StoredChange[]> {
    await this.recover();
    return this.deps.changes.list(root);
  }

  exportOutcomes(): OutcomeExport {
    return {
      format: 'tunebench-outcomes',
      version: 1,
      exportedAt: new Date().toISOString(),
      stats: this.deps.outcomes.stats(),
    };
  }

  /** Imports an export once: its id is the hash of its content, so re-importing the same file is refused. */
  importOutcomes(data: OutcomeExport): { imported: number; alreadyImported: boolean } {
    const exportId = createHash('sha256').update(JSON.stringify(data)).digest('hex');
    const imported = this.deps.outcomes.importStats(data.stats, exportId);
    return imported === null ? { imported: 0, alreadyImported: true } : { imported, alreadyImported: false };
  }
}
