import type { Level } from '../../../../shared/schemas/bench';
import { Card } from '../../components/Card';
import { useBench } from '../../stores/bench';

const LEVELS: Array<{ id: Level; label: string }> = [
  { id: 'basic', label: 'Basic (±3 %)' },
  { id: 'moderate', label: 'Moderate (±1 %)' },
  { id: 'aggressive', label: 'Aggressive (±0.5 %)' },
];

export function PresetPicker() {
  const { presets, native, level, setLevel, start, active } = useBench();
  return (
    <Card
      title="CPU suite"
      aside={
        <label>
          Precision{' '}
          <select value={level} onChange={(e) => setLevel(e.target.value as Level)} aria-label="Sampling precision">
            {LEVELS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {/* Until the presets load, the room they take (at a 1280 px window): the full-width inference card below does not jump. */}
      <div className="presets" style={presets.length === 0 ? { minHeight: 164 } : undefined}>
        {presets.map((preset) => (
          <div key={preset.id} className="preset">
            <h3>{preset.title}</h3>
            <p className="muted small">{preset.description}</p>
            <p className="small">{preset.benchmarks} benchmarks</p>
            <button type="button" disabled={active !== null} onClick={() => void start(preset.id)}>
              Run {preset.title}
            </button>
          </div>
        ))}
      </div>
      {native && !native.available ? <p className="note">{native.reason}</p> : null}
      <p className="muted small">
        Each benchmark runs alone in its own process, after warm-up, until its median is known to the chosen precision
        or its time budget ends. Every sample is kept.
      </p>
    </Card>
  );
}
