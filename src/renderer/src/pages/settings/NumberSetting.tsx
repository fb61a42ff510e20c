import { useState } from 'react';
import { SettingsSchema } from '../../../../shared/schemas/settings';
import { useSettings } from '../../stores/settings';
import { SettingRow } from './SettingRow';

/**
 * A numeric setting, checked with the same zod schema as the engine before it is sent; the
 * engine checks it again. Saved on blur or Enter.
 */
export function NumberSetting({
  setting,
  label,
  unit,
  step,
  min,
  max,
  help,
}: {
  setting: 'maxWorkers' | 'telemetryHz';
  label: string;
  unit: string;
  step: number;
  min: number;
  max: number;
  help: string;
}) {
  const { view, save } = useSettings();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!view) return null;
  const value = draft ?? String(view.values[setting]);
  const id = `setting-${setting}`;
  const commit = () => {
    if (draft === null) return;
    const parsed = SettingsSchema.shape[setting].safeParse(Number(draft));
    if (!parsed.success || draft.trim() === '') {
      setProblem(parsed.success ? 'enter a number' : (parsed.error.issues[0]?.message ?? 'not valid'));
      return;
    }
    setProblem(null);
    setDraft(null);
    if (parsed.data !== view.values[setting]) void save({ [setting]: parsed.data });
  };
  return (
    <SettingRow setting={setting} label={label} htmlFor={id} help={help}>
      {(readOnly) => (
        <span className="number-setting">
          <input
            id={id}
            type="number"
            inputMode="decimal"
            step={step}
            min={min}
            max={max}
            value={value}
            readOnly={readOnly}
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={commit}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commit();
            }}
          />{' '}
          {unit}
          {problem ? (
            <span id={`${id}-problem`} className="error small" role="alert">
              {' '}
              {problem}
            </span>
          ) : null}
        </span>
      )}
    </SettingRow>
  );
}
