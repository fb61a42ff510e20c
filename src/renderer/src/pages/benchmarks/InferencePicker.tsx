import { useState } from 'react';
import { api } from '../../api/client';
import { Card } from '../../components/Card';
import { useBench } from '../../stores/bench';
import { TuneControls, TuningResults, useInferenceTuning } from './InferenceTuning';

/** Starts the built-in model set on this machine's devices; unavailable devices are listed with the reason. */
export function InferencePicker() {
  const { active, level, attach } = useBench();
  const [skipped, setSkipped] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const tuning = useInferenceTuning();
  const start = async () => {
    try {
      setError(null);
      const { jobId, skipped: notes } = await api().bench.startInference({
        models: ['builtin:all'],
        precisions: ['fp32', 'fp16', 'int8'],
        devices: ['cpu', 'cuda', 'openvino-npu'],
        batches: [1, 8],
        threads: 0,
        level,
      });
      setSkipped(notes);
      attach(jobId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <Card title="AI inference">
        <p className="muted small">
          Built-in models (MLP, ResNet-style CNN, MobileNet-style, BERT-base encoder block) in FP32, FP16 and INT8 at
          batch 1 and 8, on every device this machine has, each checked against the CPU FP32 output.
        </p>
        <button type="button" disabled={active !== null} onClick={() => void start()}>
          Run inference suite
        </button>
        {skipped.map((note) => (
          <p key={note} className="note small">
            not run: {note}
          </p>
        ))}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="muted small">
          Or tune onnxruntime's session settings for one model (threads, graph optimisation, executor, batch, precision)
          by successive halving within a time budget, against the default options.
        </p>
        <TuneControls disabled={active !== null} onStart={(...args) => void tuning.start(...args)} />
        {tuning.skipped.map((note) => (
          <p key={note} className="note small">
            not tuned on: {note}
          </p>
        ))}
        {tuning.error ? (
          <p className="error" role="alert">
            {tuning.error}
          </p>
        ) : null}
      </Card>
      {tuning.result ? (
        // Full width of the page grid: the chart and two snippet cards need the room.
        <div style={{ gridColumn: '1 / -1' }}>
          <TuningResults result={tuning.result} />
        </div>
      ) : null}
    </>
  );
}
