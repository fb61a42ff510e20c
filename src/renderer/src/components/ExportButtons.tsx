import { useState } from 'react';
import { api } from '../api/client';

const FORMATS = [
  { id: 'html', label: 'HTML' },
  { id: 'md', label: 'Markdown' },
  { id: 'csv', label: 'CSV' },
  { id: 'json', label: 'JSON' },
  { id: 'pdf', label: 'PDF' },
] as const;

function toBlob(file: { content: string; mime: string; encoding: 'utf8' | 'base64' }): Blob {
  if (file.encoding === 'utf8') return new Blob([file.content], { type: file.mime });
  const bytes = Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: file.mime });
}

type ExportSource = { runIds: number[]; compare: boolean } | { tuneRoot: string };

/**
 * Saves a report — of runs, of a comparison, or of a project's recommendations and applied
 * changes — through the browser's download, in the app and in web mode.
 */
export function ExportButtons(source: ExportSource) {
  const label = 'tuneRoot' in source ? 'Export recommendations' : source.compare ? 'Export comparison' : 'Export run';
  const [error, setError] = useState<string | null>(null);
  const download = async (format: (typeof FORMATS)[number]['id']) => {
    try {
      setError(null);
      const file =
        'tuneRoot' in source
          ? await api().report.renderTune({ root: source.tuneRoot, format })
          : await api().report.render({ runIds: source.runIds, compare: source.compare, format });
      const url = URL.createObjectURL(toBlob(file));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="toolbar" role="group" aria-label={label}>
      <span className="muted small">Export</span>
      {FORMATS.map((format) => (
        <button key={format.id} type="button" onClick={() => void download(format.id)}>
          {format.label}
        </button>
      ))}
      {error ? (
        <span className="error small" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
