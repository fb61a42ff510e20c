import { useId, type ReactNode } from 'react';
import {
  BATCHES,
  PRECISIONS,
  toggle,
  type Catalog,
  type Device,
  type InferenceChoice,
  type Precision,
} from './inference-choice-rules';

/** A model file found in the open project: its ref (an absolute path) and the path shown. */
export interface ProjectModel {
  ref: string;
  label: string;
}

// Inline, as styles.css is shared: fieldsets without the browser's frame, lists without bullets.
const FIELDSET = { border: 0, padding: 0, margin: '0 0 10px', minWidth: 0 } as const;
const LEGEND = { padding: 0, marginBottom: 4, fontWeight: 600, fontSize: 13 } as const;
const LIST = { listStyle: 'none', padding: 0, margin: '0 0 6px', display: 'grid', gap: 4 } as const;
const ROW = { display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' } as const;
const COLUMNS = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))',
  gap: '0 20px',
} as const;

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset style={FIELDSET}>
      <legend style={LEGEND}>{legend}</legend>
      {children}
    </fieldset>
  );
}

/** A checkbox in the page's chip style: a short option (FP16, batch 8, cpu) that is on or off. */
function Chip(props: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  describedBy?: string;
  onChange: () => void;
}) {
  return (
    // Faded like a disabled button; the reason is printed under the row.
    <label className="chip checkbox" style={props.disabled ? { opacity: 0.6 } : undefined}>
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.describedBy}
        onChange={props.onChange}
      />
      {props.label}
    </label>
  );
}

function ModelBox(props: { label: string; note?: string; checked: boolean; disabled?: boolean; onChange: () => void }) {
  const noteId = useId();
  return (
    <li>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={props.checked}
          disabled={props.disabled}
          aria-describedby={props.note ? noteId : undefined}
          onChange={props.onChange}
        />
        {props.label}
      </label>
      {props.note ? (
        <div id={noteId} className="muted small" style={{ marginLeft: 22 }}>
          {props.note}
        </div>
      ) : null}
    </li>
  );
}

/** Devices that cannot run, grouped by reason so that one missing runtime is said once, not four times. */
function byReason(devices: Catalog['devices']): Array<{ reason: string; devices: Device[] }> {
  const groups = new Map<string, Device[]>();
  for (const entry of devices.filter((d) => !d.available)) {
    groups.set(entry.reason, [...(groups.get(entry.reason) ?? []), entry.device]);
  }
  return [...groups].map(([reason, list]) => ({ reason, devices: list }));
}

/**
 * The chooser of the inference card: models (built-in, pretrained with package and licence, the
 * open project's .onnx files, a typed path), precisions, devices with why some cannot run, and batches.
 */
export function InferenceChooser({
  catalog,
  choice,
  projectModels,
  onChange,
}: {
  catalog: Catalog;
  choice: InferenceChoice;
  projectModels: ProjectModel[];
  onChange: (choice: InferenceChoice) => void;
}) {
  const reasonId = useId();
  const pathHint = useId();
  const unavailable = byReason(catalog.devices);
  const modelOrder = [
    ...catalog.builtin.map((m) => m.ref),
    ...catalog.pretrained.map((m) => m.ref),
    ...projectModels.map((m) => m.ref),
  ];
  const flip = (ref: string) => onChange({ ...choice, models: toggle(choice.models, ref, modelOrder) });
  return (
    <div style={COLUMNS}>
      <Group legend="Models">
        <p className="muted small" style={{ margin: '0 0 4px' }}>
          Built-in: generated with seeded weights; each reduced precision is checked against its FP32 output.
        </p>
        <ul style={LIST}>
          {catalog.builtin.map((m) => (
            <ModelBox
              key={m.ref}
              label={m.title}
              checked={choice.models.includes(m.ref)}
              onChange={() => flip(m.ref)}
            />
          ))}
        </ul>
        <p className="muted small" style={{ margin: '0 0 4px' }}>
          Pretrained, from npm packages: run as shipped (FP32); the precisions do not apply to them.
        </p>
        <ul style={LIST}>
          {catalog.pretrained.map((m) => (
            <ModelBox
              key={m.ref}
              label={m.title}
              note={`${m.packageName}@${m.packageVersion} · licence ${m.licence}${m.available ? '' : ` · not available: ${m.reason}`}`}
              checked={m.available && choice.models.includes(m.ref)}
              disabled={!m.available}
              onChange={() => flip(m.ref)}
            />
          ))}
        </ul>
        {projectModels.length > 0 ? (
          <>
            <p className="muted small" style={{ margin: '0 0 4px' }}>
              From the open project, run as they are (their own precision):
            </p>
            <ul style={LIST}>
              {projectModels.map((m) => (
                <ModelBox
                  key={m.ref}
                  label={m.label}
                  checked={choice.models.includes(m.ref)}
                  onChange={() => flip(m.ref)}
                />
              ))}
            </ul>
          </>
        ) : null}
        <label style={{ display: 'grid', gap: 4 }}>
          <span className="small">Your own .onnx file (optional)</span>
          <input
            type="text"
            value={choice.path}
            placeholder="/path/to/model.onnx"
            spellCheck={false}
            aria-describedby={pathHint}
            onChange={(e) => onChange({ ...choice, path: e.target.value })}
          />
        </label>
        <p id={pathHint} className="muted small" style={{ margin: '2px 0 0' }}>
          A path on this machine; run as it is, with its CPU output as the reference for other devices.
        </p>
      </Group>
      <div>
        <Group legend="Precisions">
          <div style={ROW}>
            {PRECISIONS.map((p) => (
              <Chip
                key={p}
                label={p.toUpperCase()}
                checked={choice.precisions.includes(p)}
                onChange={() =>
                  onChange({ ...choice, precisions: toggle<Precision>(choice.precisions, p, PRECISIONS) })
                }
              />
            ))}
            <span className="muted small">built-in models only</span>
          </div>
        </Group>
        <Group legend="Devices">
          <div style={ROW}>
            {catalog.devices.map((d) => (
              <Chip
                key={d.device}
                label={d.device}
                checked={d.available && choice.devices.includes(d.device)}
                disabled={!d.available}
                describedBy={
                  d.available ? undefined : `${reasonId}-${unavailable.findIndex((g) => g.reason === d.reason)}`
                }
                onChange={() =>
                  onChange({
                    ...choice,
                    devices: toggle(
                      choice.devices,
                      d.device,
                      catalog.devices.map((entry) => entry.device),
                    ),
                  })
                }
              />
            ))}
          </div>
          {unavailable.map((group, index) => (
            <p key={group.reason} id={`${reasonId}-${index}`} className="note small" data-testid="device-unavailable">
              {group.devices.join(', ')} not available here: {group.reason}
            </p>
          ))}
        </Group>
        <Group legend="Batch sizes">
          <div style={ROW}>
            {BATCHES.map((b) => (
              <Chip
                key={b}
                label={`batch ${b}`}
                checked={choice.batches.includes(b)}
                onChange={() => onChange({ ...choice, batches: toggle(choice.batches, b, BATCHES) })}
              />
            ))}
          </div>
        </Group>
      </div>
    </div>
  );
}
