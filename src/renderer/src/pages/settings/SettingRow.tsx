import type { ReactNode } from 'react';
import type { SettingKey } from '../../../../shared/schemas/settings';
import { useSettings } from '../../stores/settings';
import { sourceNote } from '../../stores/settings-rules';

/**
 * One setting: its label, its control, what it does, and where its value comes from. A value set
 * by an environment variable is shown read-only, naming the variable.
 */
export function SettingRow({
  setting,
  label,
  htmlFor,
  help,
  children,
}: {
  setting: SettingKey;
  label: string;
  /** The control's id; omit for a group (its fieldset carries the name). */
  htmlFor?: string;
  help?: ReactNode;
  children: (readOnly: boolean) => ReactNode;
}) {
  const view = useSettings((state) => state.view);
  if (!view) return null;
  const note = sourceNote(view, setting);
  return (
    <div className="setting-row" data-setting={setting}>
      <div className="setting-label">
        {htmlFor ? <label htmlFor={htmlFor}>{label}</label> : <span>{label}</span>}
        <span className={note.readOnly ? 'setting-source env' : 'setting-source'} data-testid={`source-${setting}`}>
          {note.text}
          {note.readOnly ? ' (read-only)' : ''}
        </span>
      </div>
      <div className="setting-control">
        {children(note.readOnly)}
        {help ? <div className="muted small">{help}</div> : null}
      </div>
    </div>
  );
}
