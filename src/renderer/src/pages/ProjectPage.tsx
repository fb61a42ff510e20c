import { useEffect, useState } from 'react';
import { formatBytes } from '../../../shared/format';
import { formatValue } from '../../../shared/format-result';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { useProject } from '../stores/project';
import { CommandsEditor } from './project/CommandsEditor';
import { LanguageBar } from './project/LanguageBar';
import { TrustDialog } from './project/TrustDialog';

type Metric = 'build' | 'test' | 'bench' | 'size';

export function ProjectPage() {
  const { root, setRoot, scan, profile, history, scanning, benching, error, setTrust, saveCommands, bench, cancel } =
    useProject();
  const [asking, setAsking] = useState<Metric[] | null>(null);
  useEffect(() => {
    if (!profile && root && !scanning) void scan();
    // Scan the remembered folder once when the page opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const measure = (only: Metric[]) => {
    if (!profile) return;
    if (profile.trusted) void bench(only);
    else setAsking(only);
  };
  const step = (benching ?? scanning)?.progress;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Project</h1>
          <p className="muted">
            Open a local folder: Tunebench reads it without running anything, and measures it when you trust it.
          </p>
        </div>
      </header>
      <form
        className="toolbar open-folder"
        onSubmit={(e) => {
          e.preventDefault();
          void scan();
        }}
      >
        <label htmlFor="project-root">Folder</label>
        <input
          id="project-root"
          className="wide"
          value={root}
          placeholder="/home/me/my-project"
          onChange={(e) => setRoot(e.target.value)}
        />
        <button type="submit" disabled={scanning !== null}>
          {scanning ? 'Scanning…' : 'Scan'}
        </button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {step?.kind === 'step' ? (
        <p className="small" data-testid="project-progress">
          {step.title} — {step.description}{' '}
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        </p>
      ) : null}
      {asking && profile ? (
        <TrustDialog
          root={profile.root}
          onAnswer={(trusted) => {
            const only = asking;
            setAsking(null);
            if (trusted) void setTrust(true).then(() => bench(only));
          }}
        />
      ) : null}
      {!profile ? (
        <EmptyState title="No project open">Enter the path of a project folder and press Scan.</EmptyState>
      ) : (
        <>
          <Card
            title={profile.name}
            aside={
              <div className="toolbar">
                <span className={`badge ${profile.trusted ? 'badge-present' : 'badge-absent'}`}>
                  {profile.trusted ? 'trusted' : 'not trusted'}
                </span>
                {profile.trusted ? (
                  <button type="button" onClick={() => void setTrust(false)}>
                    Revoke trust
                  </button>
                ) : null}
              </div>
            }
          >
            <p className="muted small">
              <code>{profile.root}</code> · {profile.scan.files.toLocaleString()} files,{' '}
              {formatBytes(profile.scan.bytes)} · scanned in {Math.round(profile.scan.durationMs)} ms via{' '}
              {profile.scan.method} · cache {Math.round(profile.scan.cache.hitRate * 100)} % hits
              {profile.scan.truncated ? ' · truncated at the file limit' : ''}
            </p>
            <p className="small">
              {profile.git.status === 'present'
                ? `git: ${profile.git.branch ?? 'detached HEAD'} @ ${profile.git.head?.slice(0, 10) ?? 'no commits'} · ${profile.git.dirtyFiles.length} changed files${profile.git.operation ? ` · ${profile.git.operation} in progress` : ''}`
                : `git: ${profile.git.reason}`}
            </p>
            <ul className="chips" aria-label="Detected stacks">
              {profile.stacks.map((stack) => (
                <li key={`${stack.id}-${stack.dir}`} className="chip">
                  {stack.name}
                  {stack.dir ? ` · ${stack.dir}` : ''}
                </li>
              ))}
            </ul>
            <LanguageBar languages={profile.languages} />
          </Card>
          <div className="grid">
            <Card title="Detected facts">
              {profile.stacks.length === 0 ? <p className="muted">No stack recognised.</p> : null}
              {profile.stacks.map((stack) => (
                <details key={`${stack.id}-${stack.dir}`} open={profile.stacks.length <= 3}>
                  <summary>
                    {stack.name}
                    {stack.dir ? ` (${stack.dir})` : ''} · {stack.facts.length} facts
                  </summary>
                  <ul className="facts">
                    {stack.facts.map((fact) => (
                      <li key={`${fact.key}-${fact.evidence.file}-${fact.evidence.line}`}>
                        {fact.label}:{' '}
                        <strong>{Array.isArray(fact.value) ? fact.value.join(', ') : String(fact.value)}</strong>{' '}
                        <code className="muted">
                          {fact.evidence.file}
                          {fact.evidence.line ? `:${fact.evidence.line}` : ''}
                        </code>
                      </li>
                    ))}
                  </ul>
                </details>
              ))}
              {profile.problems.length > 0 ? (
                <>
                  <h3>Problems</h3>
                  <ul className="facts">
                    {profile.problems.map((p) => (
                      <li key={`${p.file}-${p.line}-${p.message}`} className="warn">
                        <code>
                          {p.file}
                          {p.line !== null ? `:${p.line}${p.column !== null ? `:${p.column}` : ''}` : ''}
                        </code>{' '}
                        {p.message}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Card>
            <Card title="Artifacts">
              {profile.artifacts.length === 0 ? (
                <p className="muted">No build output on disk yet: measure the build to produce and size it.</p>
              ) : (
                <table className="data-table" aria-label="Artifacts">
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col">Size</th>
                      <th scope="col">gzip</th>
                      <th scope="col">brotli</th>
                    </tr>
                  </thead>
                  <tbody>
                    {profile.artifacts.slice(0, 30).map((a) => (
                      <tr key={a.path}>
                        <td>
                          <code>{a.path}</code>
                        </td>
                        <td className="num">
                          <span
                            className="size-bar"
                            style={{ width: `${Math.max(2, (a.bytes / profile.artifacts[0]!.bytes) * 80)}px` }}
                          />{' '}
                          {formatBytes(a.bytes)}
                        </td>
                        <td className="num">{a.gzipBytes === null ? '–' : formatBytes(a.gzipBytes)}</td>
                        <td className="num">{a.brotliBytes === null ? '–' : formatBytes(a.brotliBytes)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Card>
          </div>
          <Card title="Commands">
            <CommandsEditor
              key={JSON.stringify(profile.commands)}
              commands={profile.commands}
              onSave={(commands) => void saveCommands(commands)}
            />
          </Card>
          <Card
            title="Measurements"
            aside={
              <div className="toolbar">
                <button
                  type="button"
                  disabled={benching !== null}
                  onClick={() => measure(['build', 'test', 'bench', 'size'])}
                >
                  Measure build, tests and sizes
                </button>
                <button type="button" disabled={benching !== null} onClick={() => measure(['size'])}>
                  Sizes only
                </button>
              </div>
            }
          >
            {history && history.changesSinceLast ? (
              <p className="small">
                Since the last measured commit {history.changesSinceLast.commit.slice(0, 10)}:{' '}
                {history.changesSinceLast.commits.length} commits, {history.changesSinceLast.files.length} files
                changed.
              </p>
            ) : null}
            {!history || history.runs.length === 0 ? (
              <p className="muted">No measurements of this project yet.</p>
            ) : (
              <table className="data-table" aria-label="Project history">
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Commit</th>
                    <th scope="col">Metrics (median, n)</th>
                  </tr>
                </thead>
                <tbody>
                  {history.runs.map((run) => (
                    <tr key={run.runId}>
                      <td>
                        #{run.runId} {new Date(run.startedAt).toLocaleString()} · {run.status}
                      </td>
                      <td>
                        <code>{run.commit?.slice(0, 10) ?? '–'}</code>
                        {run.dirty ? ' (dirty)' : ''}
                      </td>
                      <td className="small">
                        {run.metrics
                          .filter((m) => !/:(user|sys|rss)$/.test(m.id))
                          .slice(0, 16)
                          .map((m) => (
                            <div key={m.id}>
                              {m.title}: {m.unit === 'bytes' ? formatBytes(m.median) : formatValue(m.median, m.unit)}{' '}
                              (n={m.n})
                            </div>
                          ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
