import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { RunComparison } from '../../../shared/schemas/bench';

/** "5%", "5 %" or "0.05" → 0.05. */
export function parseFraction(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a percentage like 5% or a fraction like 0.05`);
  const value = Number(match[1]);
  return match[2] ? value / 100 : value;
}

const LimitSchema = z.object({ maxSlowdown: z.string() }).strict();

/**
 * A budget file: a default limit and per-benchmark limits by id pattern (`*` matches anything):
 * { "default": { "maxSlowdown": "5%" }, "benchmarks": { "gemm-*": { "maxSlowdown": "2%" } } }
 */
export const BudgetFileSchema = z
  .object({
    default: LimitSchema.optional(),
    benchmarks: z.record(z.string(), LimitSchema).default({}),
  })
  .strict();

export interface Budget {
  defaultMaxSlowdown: number | null;
  rules: Array<{ pattern: string; regex: RegExp; maxSlowdown: number }>;
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

export function budgetFromFile(path: string): Budget {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RangeError(`budget file ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = BudgetFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RangeError(`budget file ${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const limit = (text: string, where: string) => {
    try {
      return parseFraction(text);
    } catch (error) {
      throw new RangeError(`budget file ${path}: ${where}: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    defaultMaxSlowdown: parsed.data.default ? limit(parsed.data.default.maxSlowdown, 'default.maxSlowdown') : null,
    rules: Object.entries(parsed.data.benchmarks).map(([pattern, rule]) => ({
      pattern,
      regex: globToRegExp(pattern),
      maxSlowdown: limit(rule.maxSlowdown, `benchmarks.${pattern}.maxSlowdown`),
    })),
  };
}

export interface BudgetViolation {
  id: string;
  title: string;
  slowdown: number;
  limit: number;
}

/**
 * A benchmark breaks its budget when it is significantly slower (the comparison's verdict) by more
 * than its limit. "Slower" is in the benchmark's own direction: a throughput that dropped 5 % is a
 * 5 % slowdown. The first matching pattern wins over the default.
 */
export function checkBudget(comparison: RunComparison, budget: Budget): BudgetViolation[] {
  const violations: BudgetViolation[] = [];
  for (const row of comparison.rows) {
    if (row.comparison.verdict !== 'slower') continue;
    // Secondary series of a command (`id:user`, `id:sys`, `id:rss`) are tiny and noisy: only an
    // explicit rule in a budget file holds them to a limit; the default covers primary metrics.
    const rule = budget.rules.find((candidate) => candidate.regex.test(row.id));
    const limit = rule?.maxSlowdown ?? (row.id.includes(':') ? null : budget.defaultMaxSlowdown);
    if (limit === null) continue;
    const change = row.comparison.relativeChange;
    const slowdown = row.direction === 'higher-is-better' ? -change : change;
    if (slowdown > limit) violations.push({ id: row.id, title: row.title, slowdown, limit });
  }
  return violations;
}
