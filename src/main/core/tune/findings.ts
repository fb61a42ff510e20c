import type { Finding, FindingsReport, RuleInfo } from '../../../shared/schemas/tune';
import type { OutcomeStat } from '../store/tune-outcomes';
import { rankRule } from './learn/ranking';
import { tuningScore } from './learn/score';
import type { DetectedFinding, Rule, RuleContext } from './types';

export function ruleInfo(rule: Rule): RuleInfo {
  return {
    id: rule.id,
    title: rule.title,
    rationale: rule.rationale,
    reference: rule.reference,
    stack: rule.stack,
    risk: rule.risk,
    effort: rule.effort,
    metrics: rule.metrics,
    prior: rule.prior,
    automatic: typeof rule.fix === 'function',
  };
}

export function isAutomatic(rule: Rule, detected: DetectedFinding): boolean {
  return typeof rule.fix === 'function' && detected.data?.automatic !== false;
}

/** A finding as detected, with the rule that found it: what `fix` and verification need. */
export interface LocatedFinding {
  finding: Finding;
  rule: Rule;
  detected: DetectedFinding;
}

/** Test fixtures and test data are inputs of the project's tests, not what it ships: not tuned. */
const FIXTURE_SEGMENT = /^(__)?(fixtures?|testdata|test-data)(__)?$/i;

export function isFixturePath(path: string): boolean {
  return path.split('/').some((segment) => FIXTURE_SEGMENT.test(segment));
}

function statFor(stats: readonly OutcomeStat[], rule: Rule): OutcomeStat | undefined {
  return stats.find((stat) => stat.ruleId === rule.id && stat.stack === rule.stack);
}

/**
 * Runs every rule on the project and ranks what they found by expected gain. A rule that throws
 * is reported as a problem of that rule; the others still run.
 */
export async function detectFindings(
  rules: readonly Rule[],
  context: RuleContext,
  stats: readonly OutcomeStat[],
): Promise<{ located: LocatedFinding[]; report: FindingsReport }> {
  const located: LocatedFinding[] = [];
  const problems: FindingsReport['problems'] = [];
  const used = new Set<string>();
  let skippedInFixtures = 0;
  for (const rule of rules) {
    let detected: DetectedFinding[];
    try {
      detected = await rule.detect(context);
    } catch (error) {
      problems.push({ ruleId: rule.id, message: (error as Error).message });
      continue;
    }
    for (const one of detected) {
      const where = one.dir || one.evidence[0]?.file || '';
      if (isFixturePath(where)) {
        skippedInFixtures += 1;
        continue;
      }
      const base = one.dir ? `${rule.id}@${one.dir}` : rule.id;
      let id = base;
      for (let n = 2; used.has(id); n += 1) id = `${base}#${n}`;
      used.add(id);
      located.push({
        rule,
        detected: one,
        finding: {
          id,
          ruleId: rule.id,
          // A rule may find a case it cannot write itself (data.automatic = false): advice then.
          rule: { ...ruleInfo(rule), automatic: isAutomatic(rule, one) },
          dir: one.dir,
          message: one.message,
          evidence: one.evidence,
          current: one.current,
          proposed: one.proposed,
          warning: one.warning ?? null,
          commands: one.commands ?? [],
          // Known after `fix` runs; listed when the diff is asked for.
          files: [],
          ranking: rankRule(rule, statFor(stats, rule)),
        },
      });
    }
  }
  located.sort(
    (a, b) =>
      b.finding.ranking.expectedGain - a.finding.ranking.expectedGain || a.finding.id.localeCompare(b.finding.id),
  );
  const findings = located.map((entry) => entry.finding);
  if (skippedInFixtures > 0) {
    problems.push({
      ruleId: '(fixtures)',
      message: `${skippedInFixtures} finding(s) in test fixtures or test data were left out: they are inputs of the tests, not what the project ships`,
    });
  }
  return {
    located,
    report: {
      root: context.root,
      head: context.profile.git.head,
      findings,
      score: tuningScore(findings),
      problems,
    },
  };
}
