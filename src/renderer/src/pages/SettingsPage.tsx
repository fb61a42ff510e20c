import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/schemas/app';
import { Card } from '../components/Card';
import { SpecList } from '../components/SpecList';
import { api } from '../api/client';

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
    </div>
  );
}
