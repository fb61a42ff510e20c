import { z } from 'zod';
import { ProjectCommandSchema, type ProjectCommand } from '../../../shared/schemas/project';
import type { Db } from './database';
import { canonicalFolder } from './trust';

/** Commands the user edited or added for a project; they replace the inferred ones with the same id. */
export class ProjectCommandRepository {
  constructor(private readonly db: Db) {}

  get(root: string): ProjectCommand[] {
    const row = this.db
      .prepare('SELECT commands_json AS json FROM project_commands WHERE root = ?')
      .get(canonicalFolder(root)) as { json: string } | undefined;
    return row ? z.array(ProjectCommandSchema).parse(JSON.parse(row.json)) : [];
  }

  save(root: string, commands: ProjectCommand[]): void {
    this.db
      .prepare(
        `INSERT INTO project_commands (root, commands_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(root) DO UPDATE SET commands_json = excluded.commands_json, updated_at = excluded.updated_at`,
      )
      .run(
        canonicalFolder(root),
        JSON.stringify(commands.map((c) => ({ ...c, source: 'user' }))),
        new Date().toISOString(),
      );
  }
}

/** Inferred commands overlaid with the user's: same id replaces, new ids are added. */
export function mergeCommands(inferred: ProjectCommand[], user: ProjectCommand[]): ProjectCommand[] {
  const byId = new Map(inferred.map((c) => [c.id, c]));
  for (const command of user) byId.set(command.id, command);
  return [...byId.values()];
}
