import type { Level } from '../../../../shared/schemas/bench';
import { useSettings } from '../../stores/settings';
import { formatPlanBudget } from '../../stores/settings-rules';
import { SettingRow } from './SettingRow';

const RISK_TEXT = { safe: 'safe', review: 'review first', risky: 'risky' } as const;

/** Basic / moderate / aggressive, each with the sampling plan and the tuning risks it implies. */
export function LevelSetting() {
  const { view, save } = useSettings();
  if (!view) return null;
  const current = view.values.level;
  return (
    <SettingRow setting="level" label="Level">
      {(readOnly) => (
        <fieldset className="level-options" disabled={readOnly}>
          <legend className="visually-hidden">Level</legend>
          {view.levels.map((level) => (
            <label key={level.id} className={level.id === current ? 'level-option selected' : 'level-option'}>
              <input
                type="radio"
                name="level"
                value={level.id}
                checked={level.id === current}
                onChange={() => void save({ level: level.id as Level })}
              />
              <span className="level-body">
                <span>
                  <strong>{level.title}</strong>: median to ±{(level.targetRelativeHalfWidth * 100).toFixed(1)} %
                </span>
                <span className="small muted">
                  {level.warmupRuns} warm-up runs, {level.minSamples}–{level.maxSamples} samples, up to{' '}
                  {formatPlanBudget(level.budgetMs)} per benchmark · suggests{' '}
                  {level.risks.map((risk) => RISK_TEXT[risk]).join(', ')} changes
                </span>
                <span className="small">{level.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </SettingRow>
  );
}
