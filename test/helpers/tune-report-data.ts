import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { profileProject } from '../../src/main/core/project/profile';
import { openStore, type StoreHandle } from '../../src/main/core/store/database';
import { TuneChangeRepository, type StoredChange } from '../../src/main/core/store/tune-changes';
import { TuneJournalRepository } from '../../src/main/core/store/tune-journal';
import { TuneOutcomeRepository } from '../../src/main/core/store/tune-outcomes';
import { unifiedDiff } from '../../src/main/core/tune/edit/diff';
import { TuneService } from '../../src/main/core/tune/service';
import {
  describeMetric,
  overallVerdict,
  sizeVerdict,
  timedVerdict,
} from '../../src/main/core/tune/verify/metric-verdict';
import type { MetricVerdict, Verification } from '../../src/shared/schemas/tune';
import { fixtureRepo } from './fixture-project';

/** Milliseconds per call of `work`, measured `n` times each, A and B interleaved as verification does. */
export function measureInterleaved(a: () => unknown, b: () => unknown, n: number): { a: number[]; b: number[] } {
  const times = { a: [] as number[], b: [] as number[] };
  const time = (work: () => unknown) => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };
  a();
  b();
  for (let i = 0; i < n; i += 1) {
    times.a.push(time(a));
    times.b.push(time(b));
  }
  return times;
}

/**
 * Two real workloads with a real difference: sorting numbers with the default (string) comparison
 * of Array.prototype.sort, and as a Float64Array (numeric, in place).
 */
export function sortSamples(n = 10): { slow: number[]; fast: number[] } {
  let seed = 7;
  const data = Array.from({ length: 60_000 }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  });
  const measured = measureInterleaved(
    () => [...data].sort(),
    () => Float64Array.from(data).sort(),
    n,
  );
  return { slow: measured.a, fast: measured.b };
}

function verification(metrics: MetricVerdict[], root: string, warnings: string[] = []): Verification {
  return {
    overall: overallVerdict(metrics),
    summary: metrics.map(describeMetric).join('; '),
    metrics,
    tests: { ran: false, passed: null, command: null, output: '' },
    baselineDir: root,
    candidateDir: `${root}-candidate`,
    warnings,
  };
}

export interface TuneReportData {
  store: StoreHandle;
  service: TuneService;
  root: string;
  /** Newest first, as the repository lists them. */
  changes: StoredChange[];
}

/**
 * A project's recommendations as the tuning engine records them: the rust-hash fixture in its own
 * git repository, analysed by the real TuneService and rules, and three applied changes stored
 * through the real repository — each a real finding's real diff, with verifications computed by
 * timedVerdict and sizeVerdict on real measurements (a sort done two ways, gzip at two levels):
 * one improved and kept, one regressed and discarded, one without a significant change.
 */
export async function tuneReportData(dir: string): Promise<TuneReportData> {
  const root = fixtureRepo('rust-hash', dir);
  const store = openStore(join(dir, 'data'));
  const changes = new TuneChangeRepository(store.db);
  const service = new TuneService({
    changes,
    journal: new TuneJournalRepository(store.db),
    outcomes: new TuneOutcomeRepository(store.db),
    dataDir: join(dir, 'data'),
    profile: (folder) => profileProject(folder, { trust: null, commands: null }),
    hardware: async () => null,
  });
  const { context, located } = await service.analyse(root);
  const fixable = located.filter((entry) => entry.rule.fix);
  if (fixable.length < 3) throw new Error(`expected three fixable findings in rust-hash, got ${fixable.length}`);

  const { slow, fast } = sortSamples();
  const text = readFileSync(new URL('../../package-lock.json', import.meta.url));
  const level1 = gzipSync(text, { level: 1 }).length;
  const level9 = gzipSync(text, { level: 9 }).length;
  const same = sortSamples();
  const plans: Array<{ status: StoredChange['status']; metrics: MetricVerdict[]; note?: string }> = [
    {
      status: 'kept',
      metrics: [
        timedVerdict('runtime', 'bench: sort 60,000 numbers', 'ms', slow, fast),
        sizeVerdict('artifacts: package-lock.json.gz', level1, level9),
      ],
    },
    {
      status: 'discarded',
      metrics: [timedVerdict('runtime', 'bench: sort 60,000 numbers', 'ms', fast, slow)],
      note: 'discarded: it made the benchmark slower',
    },
    { status: 'verified', metrics: [timedVerdict('runtime', 'bench: typed sort, twice', 'ms', same.fast, fast)] },
  ];
  for (const [index, plan] of plans.entries()) {
    const { finding, rule, detected } = fixable[index]!;
    const edits = await rule.fix!(detected, context);
    const created = changes.create({
      root: context.root,
      findingId: finding.id,
      ruleId: finding.ruleId,
      stack: finding.rule.stack,
      baseCommit: context.profile.git.head,
      edits,
      diff: unifiedDiff(edits),
    });
    changes.update(created.id, {
      status: plan.status,
      branch: plan.status === 'kept' ? `tunebench/${finding.ruleId}` : null,
      verification: verification(plan.metrics, context.root),
      ...(plan.note ? { note: plan.note } : {}),
    });
  }
  return { store, service, root: context.root, changes: await service.changes(context.root) };
}
