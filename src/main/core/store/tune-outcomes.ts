import type { OutcomeExport } from '../../../shared/schemas/tune';
import type { Db } from './database';

export type OutcomeStat = OutcomeExport['stats'][number];

/**
 * One row per verdict: did (rule, stack) improve this project, and by how much. Imported team
 * statistics are stored as aggregate rows (source 'import'), so they weigh like the outcomes they sum.
 */
export class TuneOutcomeRepository {
  constructor(private readonly db: Db) {}

  record(input: { ruleId: string; stack: string; project: string; improved: boolean; gain: number }): void {
    this.db
      .prepare(
        `INSERT INTO tune_outcomes (rule_id, stack, project, improved, gain, source, at) VALUES (?, ?, ?, ?, ?, 'local', ?)`,
      )
      .run(input.ruleId, input.stack, input.project, input.improved ? 1 : 0, input.gain, new Date().toISOString());
  }

  stats(): OutcomeStat[] {
    const rows = this.db
      .prepare(`SELECT rule_id, stack, project, improved, gain, source FROM tune_outcomes ORDER BY rule_id, stack, id`)
      .all() as Array<{
      rule_id: string;
      stack: string;
      project: string;
      improved: number;
      gain: number;
      source: string;
    }>;
    const byKey = new Map<string, OutcomeStat & { projectSet: Set<string> }>();
    for (const row of rows) {
      const key = `${row.rule_id}\u0000${row.stack}`;
      let stat = byKey.get(key);
      if (!stat) {
        stat = {
          ruleId: row.rule_id,
          stack: row.stack,
          improved: 0,
          notImproved: 0,
          gainSum: 0,
          projects: 0,
          projectSet: new Set(),
        };
        byKey.set(key, stat);
      }
      if (row.source === 'import') {
        // An imported aggregate: `project` holds its JSON counts.
        const imported = JSON.parse(row.project) as { improved: number; notImproved: number; projects: number };
        stat.improved += imported.improved;
        stat.notImproved += imported.notImproved;
        stat.gainSum += row.gain;
        stat.projects += imported.projects;
        continue;
      }
      if (row.improved) {
        stat.improved += 1;
        stat.gainSum += row.gain;
      } else stat.notImproved += 1;
      if (!stat.projectSet.has(row.project)) {
        stat.projectSet.add(row.project);
        stat.projects += 1;
      }
    }
    return [...byKey.values()].map(({ projectSet: _unused, ...stat }) => stat);
  }

  /**
   * Adds a team's exported statistics to ours (they are added, never replace local outcomes).
   * `exportId` names the export (a hash of its content): the same file imported twice would count
   * every outcome twice, so a second import adds nothing and returns null.
   */
  importStats(stats: readonly OutcomeStat[], exportId: string): number | null {
    const seen = this.db
      .prepare(
        `SELECT 1 AS seen FROM tune_outcomes WHERE source = 'import' AND json_extract(project, '$.export') = ? LIMIT 1`,
      )
      .get(exportId);
    if (seen) return null;
    const insert = this.db.prepare(
      `INSERT INTO tune_outcomes (rule_id, stack, project, improved, gain, source, at) VALUES (?, ?, ?, 0, ?, 'import', ?)`,
    );
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const stat of stats) {
        insert.run(
          stat.ruleId,
          stat.stack,
          JSON.stringify({
            improved: stat.improved,
            notImproved: stat.notImproved,
            projects: stat.projects,
            export: exportId,
          }),
          stat.gainSum,
          now,
        );
      }
    })();
    return stats.length;
  }
}
