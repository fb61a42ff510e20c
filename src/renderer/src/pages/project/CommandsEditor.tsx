import { useState } from 'react';
import type { ProjectCommand } from '../../../../shared/schemas/project';

const KINDS: ProjectCommand['kind'][] = ['build', 'test', 'bench', 'run', 'lint'];

/** The inferred commands, editable: changes and additions are saved per project and win over inference. */
export function CommandsEditor({
  commands,
  onSave,
}: {
  commands: ProjectCommand[];
  onSave: (commands: ProjectCommand[]) => void;
}) {
  // The parent keys this editor by the saved commands, so a save or a re-scan starts a fresh draft.
  const [draft, setDraft] = useState(commands);
  const update = (index: number, patch: Partial<ProjectCommand>) =>
    setDraft((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch, source: 'user' } : row)));
  const changed = JSON.stringify(draft) !== JSON.stringify(commands);
  return (
    <div>
      <table className="data-table" aria-label="Project commands">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Command</th>
            <th scope="col">Folder</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {draft.map((command, index) => (
            <tr key={command.id}>
              <td>
                <select
                  aria-label={`Kind of ${command.id}`}
                  value={command.kind}
                  onChange={(e) => update(index, { kind: e.target.value as ProjectCommand['kind'] })}
                >
                  {KINDS.map((kind) => (
                    <option key={kind}>{kind}</option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  className="wide"
                  aria-label={`Command ${command.id}`}
                  value={command.command}
                  onChange={(e) => update(index, { command: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Folder of ${command.id}`}
                  value={command.cwd}
                  onChange={(e) => update(index, { cwd: e.target.value })}
                />
              </td>
              <td className="small muted">
                {command.source}
                {command.evidence
                  ? ` (${command.evidence.file}${command.evidence.line ? `:${command.evidence.line}` : ''})`
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <button
          type="button"
          onClick={() =>
            setDraft((rows) => [
              ...rows,
              { id: `custom-${rows.length + 1}`, kind: 'bench', command: '', cwd: '', source: 'user', evidence: null },
            ])
          }
        >
          Add command
        </button>
        <button
          type="button"
          disabled={!changed || draft.some((c) => c.command.trim() === '')}
          onClick={() => onSave(draft)}
        >
          Save commands
        </button>
      </div>
    </div>
  );
}
