import { useState } from 'react';
import { formatBytes } from '../../../../shared/format';
import { api } from '../../api/client';

/** "Clear scan cache": deletes the cache files and forgets what the process holds in memory. */
export function ScanCacheActions({ dir }: { dir: string }) {
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const clear = async () => {
    setBusy(true);
    try {
      const cleared = await api().settings.clearScanCache({});
      setResult(
        `Cleared: ${cleared.removedFiles} file${cleared.removedFiles === 1 ? '' : 's'} (${formatBytes(cleared.freedBytes)}), ` +
          `${cleared.memoryRootsCleared} project${cleared.memoryRootsCleared === 1 ? '' : 's'} in memory. The next scan reads every file again.`,
      );
    } catch (error) {
      setResult(`Could not clear the scan cache: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="scan-cache-actions">
      <button type="button" onClick={() => void clear()} disabled={busy}>
        Clear scan cache
      </button>{' '}
      <span className="muted small">
        in <code>{dir}</code>
      </span>
      <p className="small" role="status" data-testid="scan-cache-result">
        {result ?? ''}
      </p>
    </div>
  );
}
