import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/schemas/app';
import { Card } from '../components/Card';
import { SpecList } from '../components/SpecList';
import { api } from '../api/client';

function TrustedFolders() {
  const [folders, setFolders] = useState<Array<{ path: string; trustedAt: string }> | null>(null);
  const load = () => void api().project.trustedFolders({}).then(setFolders);
  useEffect(load, []);
  return (
    <Card title="Trusted folders">
      {folders === null ? <p className="muted">Loading…</p> : null}
      {folders?.length === 0 ? (
        <p className="muted">None. Tunebench asks before it runs a project's commands.</p>
      ) : null}
      <ul className="facts">
        {folders?.map((folder) => (
          <li key={folder.path}>
            <code>{folder.path}</code>{' '}
            <span className="muted small">since {new Date(folder.trustedAt).toLocaleString()}</span>{' '}
            <button
              type="button"
              onClick={() => void api().project.trust({ root: folder.path, trusted: false }).then(load)}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function SettingsPage() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api()
      .app.info({})
      .then(setInfo, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <div className="page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <Card title="Data">
        {info ? (
          <SpecList
            specs={[
              { label: 'Version', value: info.version },
              { label: 'Running as', value: info.shell === 'web' ? 'web mode (tunebench serve)' : info.shell },
              { label: 'Data folder', value: <code>{info.dataDir}</code> },
              { label: 'Database', value: info.store.ok ? <code>{info.store.path}</code> : 'unavailable' },
            ]}
          />
        ) : (
          <p className="muted">Loading…</p>
        )}
        {info?.store.message ? (
          <p className="warn" role="status">
            {info.store.message}
          </p>
        ) : null}
        <p className="muted small">Set TUNEBENCH_HOME to keep data elsewhere.</p>
      </Card>
      <TrustedFolders />
    </div>
  );
}
