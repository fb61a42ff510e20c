import type { ScanCacheMode, Theme } from '../../../../shared/schemas/settings';
import { useSettings } from '../../stores/settings';
import { SettingRow } from './SettingRow';

type ChoiceKey = 'theme' | 'scanCacheMode';
type ChoiceValue<K extends ChoiceKey> = K extends 'theme' ? Theme : ScanCacheMode;

/** A setting with a few named values, as a select. */
export function ChoiceSetting<K extends ChoiceKey>({
  setting,
  label,
  options,
  help,
}: {
  setting: K;
  label: string;
  options: Array<{ value: ChoiceValue<K>; label: string }>;
  help?: string;
}) {
  const { view, save } = useSettings();
  if (!view) return null;
  const id = `setting-${setting}`;
  return (
    <SettingRow setting={setting} label={label} htmlFor={id} help={help}>
      {(readOnly) => (
        <select
          id={id}
          value={view.values[setting]}
          disabled={readOnly}
          onChange={(event) => void save({ [setting]: event.target.value } as Partial<Record<K, ChoiceValue<K>>>)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </SettingRow>
  );
}
