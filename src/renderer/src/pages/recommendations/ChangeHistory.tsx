import { Fragment, useState } from 'react';
import type { AppliedChange } from '../../../../shared/schemas/tune';
import { DiffView } from './DiffView';
import { overallLabel, VerdictView } from './VerdictView';

/** Applied changes of the project, newest first: what was tried, what it measured, where it went. */
export function ChangeHistory({
  changes,
  deciding,
  error,
  onKeep,
  onDiscard,
}: {
  changes: AppliedChange[];
  deciding: boolean;
  error: string | null;
  onKeep: (changeId: number, merge: boolean) => void;
  onDiscard: (changeId: number) => void;
}) {
  const [open, setOpen] = useState<number | null>(null);
  if (changes.length === 0) {
    return <p className="muted">No change verified in this project yet: pick a finding and press Verify.</p>;
  }
  const sorted = [...changes].sort((a, b) => b.id - a.id);
  return (
    <table className="data-table change-history" aria-label="Applied changes">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Finding</th>
          <th scope="col">Status</th>
          <th scope="col">Verdict</th>
          <th scope="col">Branch / commit</th>
          <th scope="col">When</th>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((change) => (
          <Fragment key={change.id}>
            <tr>
              <td className="num">{change.id}</td>
              <td>
                <code>{change.findingId}</code>
              </td>
              <td>
                <span className={`status status-${change.status}`}>{change.status}</span>
              </td>
              <td className="small">
                {overallLabel(change)}
                {change.verification ? <div className="muted">{change.verification.summary}</div> : null}
                {!change.verification && change.note ? <div className="muted">{change.note}</div> : null}
              </td>
              <td className="small">
                {change.branch ? <code>{change.branch}</code> : <span className="muted">no branch</span>}
                {change.commit ? (
                  <div>
                    <code>{change.commit.slice(0, 10)}</code>
                  </div>
                ) : null}
                {change.merged ? <div className="muted">{change.merged}</div> : null}
              </td>
              <td className="small">{new Date(change.updatedAt).toLocaleString()}</td>
              <td>
                <button
                  type="button"
                  aria-expanded={open === change.id}
                  aria-label={`${open === change.id ? 'Hide' : 'Show'} details of change ${change.id}`}
                  onClick={() => setOpen(open === change.id ? null : change.id)}
                >
                  {open === change.id ? 'Hide' : 'Details'}
                </button>
              </td>
            </tr>
            {open === change.id ? (
              <tr>
                <td colSpan={7}>
                  <VerdictView
                    change={change}
                    deciding={deciding}
                    error={error}
                    onKeep={(merge) => onKeep(change.id, merge)}
                    onDiscard={() => onDiscard(change.id)}
                  />
                  <details>
                    <summary>Diff</summary>
                    <DiffView diff={change.diff} label={`Diff of change ${change.id}`} />
                  </details>
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
