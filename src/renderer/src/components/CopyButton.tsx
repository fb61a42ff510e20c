import { useState } from 'react';

/** Copies text to the clipboard and says so (or why it could not). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span className="toolbar">
      <button
        type="button"
        aria-label={label}
        onClick={() => {
          navigator.clipboard
            .writeText(text)
            .then(() => setState('copied'))
            .catch(() => setState('failed'));
        }}
      >
        Copy
      </button>
      <span className="small muted" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'The clipboard is not available: select the text' : ''}
      </span>
    </span>
  );
}
