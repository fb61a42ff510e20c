import { useState } from 'react';
import { api } from '../../api/client';
import { Card } from '../../components/Card';
import { useBench } from '../../stores/bench';

/** Starts the built-in model set on this machine's devices; unavailable devices are listed with the reason. */
export function InferencePicker() {
  const { active, level, attach } = useBench();
  const [skipped, setSkipped] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
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
    </Card>
  );
}
