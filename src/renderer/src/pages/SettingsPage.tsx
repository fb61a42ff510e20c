import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/schemas/app';
import { MAX_WORKERS_LIMIT } from '../../../shared/schemas/settings';
import { TELEMETRY_MAX_HZ, TELEMETRY_MIN_HZ } from '../../../shared/schemas/telemetry';
import { Card } from '../components/Card';
import { SpecList } from '../components/SpecList';
import { api } from '../api/client';
import { useSettings } from '../stores/settings';
import { ChoiceSetting } from './settings/ChoiceSetting';
import { LevelSetting } from './settings/LevelSetting';
import { NumberSetting } from './settings/NumberSetting';
import { ScanCacheActions } from './settings/ScanCacheActions';

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

function DataCard({ info }: { info: AppInfo | null }) {
  const view = useSettings((state) => state.view);
  return (
    <Card title="Data">
      {info ? (
        <SpecList
          specs={[
            { label: 'Version', value: info.version },
            { label: 'Running as', value: info.shell === 'web' ? 'web mode (tunebench serve)' : info.shell },
            { label: 'Data folder', value: <code>{info.dataDir}</code> },
            { label: 'Database', value: info.store.ok ? <code>{info.store.path}</code> : 'unavailable' },
            ...(view ? [{ label: 'Settings file', value: <code>{view.file}</code> }] : []),
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
      <p className="muted small">Read-only here: set TUNEBENCH_HOME to keep data elsewhere.</p>
    </Card>
  );
}

export function SettingsPage() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { view, load, error: settingsError, saving } = useSettings();
  useEffect(() => {
    void load();
    api()
      .app.info({})
      .then(setInfo, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [load]);

  return (
    <div className="page settings-page">
      <header className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="muted">
            Saved in the data folder. A <code>TUNEBENCH_*</code> environment variable wins over the saved value and is
            shown read-only.
          </p>
        </div>
        <span className="muted small" role="status">
          {saving ? 'Saving…' : ''}
        </span>
      </header>
      {error || settingsError ? (
        <p className="error" role="alert">
          {error ?? settingsError}
        </p>
      ) : null}
      {view && view.warnings.length > 0 ? (
        <ul className="settings-warnings" aria-label="Settings warnings">
          {view.warnings.map((warning) => (
            <li key={warning} className="warn">
              ⚠ {warning}
            </li>
          ))}
        </ul>
      ) : null}
      {view ? (
        <>
          <Card title="Measurement">
            <LevelSetting />
            <NumberSetting
              setting="maxWorkers"
              label="Max parallel workers"
              unit="workers"
              step={1}
              min={1}
              max={MAX_WORKERS_LIMIT}
              help="How many files a project scan inspects at once, once you set it here or in TUNEBENCH_MAX_WORKERS (left at the default, scans read 32 at a time). Benchmarks always run one at a time."
            />
            <NumberSetting
              setting="telemetryHz"
              label="Telemetry rate"
              unit="Hz"
              step={0.5}
              min={TELEMETRY_MIN_HZ}
              max={TELEMETRY_MAX_HZ}
              help={`Live CPU, memory, GPU and NPU sampling, ${TELEMETRY_MIN_HZ}–${TELEMETRY_MAX_HZ} Hz.`}
            />
          </Card>
          <Card title="Project scans">
            <ChoiceSetting
              setting="scanCacheMode"
              label="Scan cache"
              options={[
                { value: 'disk', label: 'Disk (one file per project)' },
                { value: 'memory', label: 'Memory (this session only)' },
                { value: 'both', label: 'Both (memory in front of disk)' },
              ]}
              help="Line counts of unchanged files are remembered, so a re-scan reads only what changed."
            />
            <ScanCacheActions dir={view.scanCacheDir} />
          </Card>
          <Card title="Appearance">
            <ChoiceSetting
              setting="theme"
              label="Theme"
              options={[
                { value: 'system', label: 'System' },
                { value: 'light', label: 'Light' },
                { value: 'dark', label: 'Dark' },
              ]}
            />
          </Card>
        </>
      ) : (
        <p className="muted">Loading settings…</p>
      )}
      <DataCard info={info} />
      <TrustedFolders />
    </div>
  );
}
