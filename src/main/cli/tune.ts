import { readFile, writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { OutcomeExportSchema, type AppliedChange, type Risk } from '../../shared/schemas/tune';
import type { Engine } from '../core/engine';
import { formatChange, formatExplain, formatFindings, formatVerification } from './format-tune';
import { waitForJob, withEngine } from './project';
import { riskDefault } from './settings-defaults';

const RISK_ORDER: Risk[] = ['safe', 'review', 'risky'];

interface TuneOptions {
  explain?: string;
  diff?: string;
  verify?: string;
  keep?: string;
  discard?: string;
  merge?: boolean;
  onCopy?: boolean;
  auto?: boolean;
  top: number;
  risk: Risk;
  rules?: string[];
  changes?: boolean;
  exportOutcomes?: string;
  importOutcomes?: string;
  trust?: boolean;
  json?: boolean;
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

async function verify(engine: Engine, root: string, findingId: string, onCopy: boolean): Promise<AppliedChange> {
  const { jobId } = await engine.handlers['tune.verify']({ root, findingId, onCopy });
  const changeId = await waitForJob(engine, jobId);
  const change = changeId !== null ? await engine.handlers['tune.change']({ changeId }) : null;
  if (!change) throw new Error(`verification of ${findingId} produced no record`);
  return change;
}

/** The newest verified change for a finding: what --keep / --discard act on. */
async function latestChange(engine: Engine, root: string, findingId: string): Promise<AppliedChange> {
  const asNumber = /^#?(\d+)$/.exec(findingId);
  const changes = await engine.handlers['tune.changes']({ root });
  const change = asNumber
    ? changes.find((c) => c.id === Number(asNumber[1]))
    : changes.find((c) => c.findingId === findingId && c.status === 'verified');
  if (!change) throw new Error(`no verified change for "${findingId}" in ${root}: run --verify ${findingId} first`);
  return change;
}

async function auto(engine: Engine, root: string, options: TuneOptions): Promise<void> {
  const report = await engine.handlers['tune.findings']({ root });
  const maxRisk = RISK_ORDER.indexOf(options.risk);
  const candidates = report.findings
    .filter((f) => f.rule.automatic && RISK_ORDER.indexOf(f.rule.risk) <= maxRisk)
    .filter((f) => !options.rules || options.rules.includes(f.ruleId))
    .slice(0, options.top);
  if (candidates.length === 0) {
    // The default risk follows the level in Settings: say how to go further, so a quiet run is no mystery.
    const wider = options.risk === 'risky' ? '' : ' (--risk sets a higher limit)';
    print(`No automatic fix at risk ≤ ${options.risk} to verify${wider}.`);
    return;
  }
  const outcomes: string[] = [];
  for (const finding of candidates) {
    process.stderr.write(`\n== ${finding.id}: ${finding.rule.title}\n`);
    let change: AppliedChange;
    try {
      change = await verify(engine, root, finding.id, options.onCopy ?? false);
    } catch (error) {
      outcomes.push(`${finding.id}: not verified — ${(error as Error).message}`);
      continue;
    }
    if (change.verification) process.stderr.write(`${formatVerification(change.verification)}\n`);
    const final =
      change.verification?.overall === 'improved'
        ? await engine.handlers['tune.keep']({ changeId: change.id, merge: options.merge ?? false })
        : await engine.handlers['tune.discard']({ changeId: change.id });
    outcomes.push(`${final.status === 'kept' ? 'kept     ' : 'discarded'} ${formatChange(final)}`);
  }
  print(['', 'Auto-tuning summary:', ...outcomes.map((line) => `  ${line}`)].join('\n'));
}

export function tuneCommand(): Command {
  const risk = riskDefault();
  return new Command('tune')
    .description('Findings ranked by expected gain; show, verify (A/B in git worktrees), keep or discard fixes')
    .argument('[dir]', 'project folder', '.')
    .option('--explain <finding>', 'why, evidence, reference and the expected gain of one finding')
    .option('--diff <finding>', 'the fix as a unified diff (nothing is written)')
    .option('--verify <finding>', 'build baseline and candidate, run the tests, measure both interleaved')
    .option('--on-copy', 'verify on a copy of the working tree (includes uncommitted changes)')
    .option('--keep <finding>', 'commit the verified change on its tunebench/<rule> branch')
    .option('--merge', 'with --keep/--auto: bring kept changes into the current branch (fast-forward or cherry-pick)')
    .option('--discard <finding>', 'drop a verified change and its branch')
    .option('--auto', 'verify the top fixes one by one; keep those that improve without breaking tests')
    .option(
      '--top <n>',
      'with --auto: how many fixes',
      (value) => {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
        return n;
      },
      3,
    )
    .addOption(
      new Option('--risk <level>', 'with --auto: highest risk to try (safe, review, risky)')
        .argParser((value) => {
          if (!RISK_ORDER.includes(value as Risk)) throw new InvalidArgumentError('use safe, review or risky');
          return value as Risk;
        })
        .default(risk.risk, risk.description),
    )
    .option('--rules <ids>', 'with --auto: only these rule ids (comma-separated)', (value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .option('--changes', 'list verified, kept and discarded changes for this project')
    .option('--export-outcomes <file>', 'write learned outcomes (per rule and stack) to a JSON file')
    .option('--import-outcomes <file>', 'add a team’s exported outcomes to the ranking')
    .option('--trust', 'trust this folder first (verification runs its build and test commands)')
    .option('--json', 'print JSON')
    .action(async (dir: string, options: TuneOptions) =>
      withEngine(async (engine) => {
        const out = (value: unknown, text: () => string) =>
          print(options.json ? JSON.stringify(value, null, 2) : text());
        if (options.trust) await engine.handlers['project.trust']({ root: dir, trusted: true });
        if (options.exportOutcomes) {
          const data = await engine.handlers['tune.exportOutcomes']({});
          await writeFile(options.exportOutcomes, `${JSON.stringify(data, null, 2)}\n`);
          print(`${data.stats.length} rule statistics written to ${options.exportOutcomes}`);
          return;
        }
        if (options.importOutcomes) {
          let parsed;
          try {
            parsed = OutcomeExportSchema.parse(JSON.parse(await readFile(options.importOutcomes, 'utf8')));
          } catch (error) {
            throw new Error(
              `${options.importOutcomes} is not a Tunebench outcomes export: ${(error as Error).message}`,
              { cause: error },
            );
          }
          const { imported, alreadyImported } = await engine.handlers['tune.importOutcomes'](parsed);
          print(
            alreadyImported
              ? `${options.importOutcomes} was imported before: nothing added (its outcomes would count twice)`
              : `${imported} rule statistics imported from ${options.importOutcomes}`,
          );
          return;
        }
        if (options.explain) {
          const report = await engine.handlers['tune.findings']({ root: dir });
          const finding = report.findings.find((f) => f.id === options.explain);
          if (!finding) throw new Error(`no finding "${options.explain}" (tunebench tune ${dir} lists them)`);
          return out(finding, () => formatExplain(finding));
        }
        if (options.diff) {
          const result = await engine.handlers['tune.diff']({ root: dir, findingId: options.diff });
          return out(result, () => result.diff);
        }
        if (options.verify) {
          const change = await verify(engine, dir, options.verify, options.onCopy ?? false);
          return out(
            change,
            () => `${formatChange(change)}\n\n${change.verification ? formatVerification(change.verification) : ''}`,
          );
        }
        if (options.keep) {
          const change = await latestChange(engine, dir, options.keep);
          const kept = await engine.handlers['tune.keep']({ changeId: change.id, merge: options.merge ?? false });
          return out(kept, () => formatChange(kept));
        }
        if (options.discard) {
          const change = await latestChange(engine, dir, options.discard);
          const discarded = await engine.handlers['tune.discard']({ changeId: change.id });
          return out(discarded, () => formatChange(discarded));
        }
        if (options.auto) return auto(engine, dir, options);
        if (options.changes) {
          const changes = await engine.handlers['tune.changes']({ root: dir });
          return out(changes, () =>
            changes.length === 0 ? 'No changes verified yet.' : changes.map(formatChange).join('\n'),
          );
        }
        const report = await engine.handlers['tune.findings']({ root: dir });
        out(report, () => formatFindings(report));
      }),
    );
}
