import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { Card } from '../../components/Card';
import { useBench } from '../../stores/bench';
import { useProject } from '../../stores/project';
import { InferenceChooser } from './InferenceChoice';
import {
  benchmarkCount,
  choiceProblem,
  defaultChoice,
  estimateText,
  projectModelsOf,
  startRequest,
  type Catalog,
  type InferenceChoice,
} from './inference-choice-rules';
import { TuneControls, TuningResults, useInferenceTuning } from './InferenceTuning';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
// Room for the chooser while its lists load (its height at a 1280 px window), so nothing below jumps when they arrive.
const LOADING_HEIGHT = 382;

/** Chooses models, precisions, devices and batches, says what the click costs, and starts the run. */
export function InferencePicker() {
  const { active, level, attach } = useBench();
  const project = useProject((s) => s.profile);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [choice, setChoice] = useState<InferenceChoice | null>(null);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const tuning = useInferenceTuning();
  useEffect(() => {
    api()
      .bench.inferenceModels({})
      .then((loaded) => {
        setCatalog(loaded);
        setChoice(defaultChoice(loaded));
      })
      .catch((e: unknown) => setError(`the model list did not load: ${message(e)}`));
  }, []);
  const projectModels = projectModelsOf(project);
  const problem = catalog && choice ? choiceProblem(choice, catalog) : null;
  const start = async () => {
    if (!catalog || !choice) return;
    try {
      setError(null);
      const { jobId, skipped: notes } = await api().bench.startInference(startRequest(choice, catalog, level));
      setSkipped(notes);
      attach(jobId);
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <>
      {/* Full width of the page grid: the chooser's two columns need the room. */}
      <div style={{ gridColumn: '1 / -1' }}>
        <Card title="AI inference">
          <p className="muted small">
            Each chosen model × precision × device × batch size is one benchmark; every output is checked against the
            CPU FP32 output of the same model.
          </p>
          <form
            aria-label="Choose inference benchmarks"
            onSubmit={(e) => {
              e.preventDefault();
              void start();
            }}
          >
            {catalog && choice ? (
              <InferenceChooser catalog={catalog} choice={choice} projectModels={projectModels} onChange={setChoice} />
            ) : (
              <div className="muted small" style={{ minHeight: LOADING_HEIGHT }}>
                Loading the models and devices…
              </div>
            )}
            <div className="toolbar">
              <button type="submit" disabled={active !== null || !choice || problem !== null}>
                Run inference benchmarks
              </button>
              <p
                className={problem ? 'warn small' : 'small'}
                aria-live="polite"
                data-testid="inference-estimate"
                style={{ margin: 0 }}
              >
                {catalog && choice ? (problem ?? estimateText(benchmarkCount(choice, catalog), level)) : '\u00a0'}
              </p>
            </div>
          </form>
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
            Or tune one model on every device available here (onnxruntime: threads, graph optimisation, executor;
            OpenVINO: hint and requests in flight; batch and precision on both) by successive halving within a time
            budget, against the default options.
          </p>
          <TuneControls
            disabled={active !== null}
            pretrained={catalog?.pretrained.filter((m) => m.available) ?? []}
            onStart={(...args) => void tuning.start(...args)}
          />
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
      </div>
      {tuning.result ? (
        // Full width of the page grid: the chart and two snippet cards need the room.
        <div style={{ gridColumn: '1 / -1' }}>
          <TuningResults result={tuning.result} />
        </div>
      ) : null}
    </>
  );
}
