import { useMemo, useState } from 'react';
import type { HistoryRun } from '../../../../shared/schemas/history';
import { RUN_LIST_LIMIT, useHistory } from '../../stores/history';
import { shortCommit, shortDate } from '../../stores/history-rules';
import { VirtualTable, type Column } from './VirtualTable';

/** "#123" finds run 123 exactly; anything else is a substring of the run's name, machine, commit or status. */
function matches(run: HistoryRun, query: string): boolean {
  if (!query) return true;
  const id = /^#(\d+)$/.exec(query);
  if (id) return run.id === Number(id[1]);
  const text = `#${run.id} ${run.name} ${run.kind} ${run.machine ?? ''} ${run.fingerprint} ${run.commit ?? ''} ${run.status}`;
  return text.toLowerCase().includes(query.toLowerCase());
}

/** Every stored run (virtualised), filterable, each with a Base and a Head button. */
export function RunPicker() {
  const { runs, baseRunId, headRunId, pick } = useHistory();
  const [query, setQuery] = useState('');
  const rows = useMemo(() => runs.filter((run) => matches(run, query.trim())), [runs, query]);
  const roleButton = (run: HistoryRun, role: 'base' | 'head') => {
    const pressed = (role === 'base' ? baseRunId : headRunId) === run.id;
    return (
      <button
        type="button"
        className="pick"
        aria-pressed={pressed}
        disabled={run.benchmarks === 0}
        aria-label={`Use run ${run.id} as ${role}`}
        onClick={() => void pick(role, run.id)}
      >
        {role === 'base' ? 'Base' : 'Head'}
      </button>
    );
  };
  const columns: Column<HistoryRun>[] = [
    { header: 'Run', rowHeader: true, cell: (run) => `#${run.id} ${run.name}`, width: '22%' },
    { header: 'Machine', cell: (run) => run.machine ?? run.fingerprint.slice(0, 8) },
    { header: 'Commit', cell: (run) => (run.commit ? <code>{shortCommit(run.commit)}</code> : '–'), width: '90px' },
    { header: 'Started', cell: (run) => shortDate(run.startedAt), width: '150px' },
    { header: 'Status', cell: (run) => run.status, width: '95px' },
    { header: 'Results', cell: (run) => run.benchmarks, className: 'num', width: '70px' },
    {
      header: 'Compare',
      width: '120px',
      cell: (run) => (
        <span className="pick-buttons">
          {roleButton(run, 'base')}
          {roleButton(run, 'head')}
        </span>
      ),
    },
  ];
  return (
    <>
      <div className="toolbar history-filter">
        <label htmlFor="history-run-filter">Filter runs</label>
        <input
          id="history-run-filter"
          type="search"
          value={query}
          placeholder="name, machine, commit…"
          onChange={(event) => setQuery(event.target.value)}
        />
        <span className="muted small" role="status">
          {rows.length} of {runs.length} runs{runs.length >= RUN_LIST_LIMIT ? ' (the newest)' : ''}
        </span>
      </div>
      <VirtualTable
        rows={rows}
        columns={columns}
        rowKey={(run) => run.id}
        label="Stored runs to compare"
        height={300}
        rowHeight={34}
        testId="history-runs"
      />
    </>
  );
}
