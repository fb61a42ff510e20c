import { useEffect, useRef } from 'react';

/**
 * Asks before Tunebench runs anything of the project: its build, test and bench commands are
 * code from the folder, and run with the user's rights.
 */
export function TrustDialog({ root, onAnswer }: { root: string; onAnswer: (trusted: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="trust-title" onCancel={() => onAnswer(false)}>
      <h2 id="trust-title">Trust this folder?</h2>
      <p>
        Measuring <code>{root}</code> runs its own build, test and bench commands with your rights. Only trust folders
        whose code you trust. Scanning never runs anything.
      </p>
      <p className="muted small">You can revoke trust at any time on this page or in Settings.</p>
      <div className="toolbar">
        <button type="button" onClick={() => onAnswer(true)}>
          Trust and continue
        </button>
        <button type="button" onClick={() => onAnswer(false)} autoFocus>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
