import { z } from 'zod';
import { AppInfoSchema } from './schemas/app';
import { ProjectCommandSchema, ProjectProfileSchema } from './schemas/project';
import {
  BenchmarkResultSchema,
  InferenceDeviceSchema,
  JobInfoSchema,
  LevelSchema,
  RoundsSchema,
  PresetInfoSchema,
  RunComparisonSchema,
  RunSchema,
  RunSummarySchema,
} from './schemas/bench';
import { HardwareProfileSchema, HardwareSnapshotSummarySchema } from './schemas/hardware';
import { ProgressSchema } from './schemas/progress';
import { AppliedChangeSchema, FindingsReportSchema, OutcomeExportSchema } from './schemas/tune';
import { TelemetryRateSchema, TelemetrySampleSchema, TelemetryStatusSchema } from './schemas/telemetry';
import { EventLoopDiagnosticsSchema } from './schemas/diagnostics';
import {
  HistoryMetricRefSchema,
  HistoryMetricSchema,
  HistoryRunSchema,
  HistorySeriesSchema,
  MAX_HISTORY_ROWS,
} from './schemas/history';
import { ClearScanCacheResultSchema, SettingsSchema, SettingsViewSchema } from './schemas/settings';

/**
 * The one API map. Preload, IPC handlers, the web bridge, the CLI-facing engine and the
 * renderer client are all derived from these keys, so a new capability is added here once
 * and type-checked everywhere. Method names are `domain.verb`.
 */
export const apiMethods = {
  'app.info': {
    input: z.object({}).strict(),
    output: AppInfoSchema,
  },
  'hardware.profile': {
    input: z.object({ refresh: z.boolean().default(false) }).strict(),
    output: HardwareProfileSchema,
  },
  'hardware.snapshots': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(20) }).strict(),
    output: z.array(HardwareSnapshotSummarySchema),
  },
  'telemetry.start': {
    input: z.object({ hz: TelemetryRateSchema.default(2) }).strict(),
    output: TelemetryStatusSchema,
  },
  'telemetry.stop': {
    input: z.object({}).strict(),
    output: TelemetryStatusSchema,
  },
  'telemetry.recent': {
    input: z.object({ limit: z.number().int().min(1).max(10_000).default(600) }).strict(),
    output: z.array(TelemetrySampleSchema),
  },
  'bench.presets': {
    input: z.object({}).strict(),
    output: z.object({
      presets: z.array(PresetInfoSchema),
      native: z.object({ available: z.boolean(), reason: z.string() }),
    }),
  },
  'bench.start': {
    input: z
      .object({
        suite: z.literal('cpu'),
        preset: z.enum(['quick', 'standard', 'full']).default('quick'),
        level: LevelSchema.default('basic'),
        /** Rounds of the whole suite (default by level: DEFAULT_ROUNDS). */
        rounds: RoundsSchema.optional(),
        /** Only benchmarks whose id starts with one of these (e.g. "gemm", "latency"). */
        only: z.array(z.string().min(1)).optional(),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  'bench.startCommand': {
    input: z
      .object({
        commands: z.array(z.string().min(1)).min(1).max(16),
        names: z.array(z.string()).optional(),
        shell: z.enum(['sh', 'none']).default('sh'),
        prepare: z.string().optional(),
        cleanup: z.string().optional(),
        parameterLists: z
          .array(z.object({ name: z.string().regex(/^\w+$/), values: z.array(z.string()).min(1) }))
          .optional(),
        warmupRuns: z.number().int().min(0).max(1000).default(3),
        minRuns: z.number().int().min(6).max(100_000).default(10),
        maxRuns: z.number().int().min(6).max(100_000).default(500),
        budgetMs: z.number().int().positive().optional(),
        runTimeoutMs: z.number().int().positive().default(60_000),
        ignoreFailure: z.boolean().default(false),
        showOutput: z.boolean().default(false),
        level: LevelSchema.default('basic'),
        rounds: RoundsSchema.optional(),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  'bench.startInference': {
    input: z
      .object({
        /**
         * "builtin:mlp" (mlp, cnn, mobilenet, transformer, or "builtin:all"), "pretrained:silero-vad"
         * (silero-vad, ppocr-det, or "pretrained:all") or the path of an .onnx file.
         */
        models: z.array(z.string().min(1)).min(1).max(20),
        precisions: z
          .array(z.enum(['fp32', 'fp16', 'int8']))
          .min(1)
          .default(['fp32']),
        devices: z.array(InferenceDeviceSchema).min(1).default(['cpu']),
        batches: z.array(z.number().int().min(1).max(4096)).min(1).default([1]),
        threads: z.number().int().min(0).max(1024).default(0),
        level: LevelSchema.default('basic'),
        rounds: RoundsSchema.optional(),
        /** Requests in flight at once (worker threads with one session each), e.g. [1, 2, 4]. */
        parallel: z.array(z.number().int().min(1).max(64)).min(1).default([1]),
        /** onnxruntime's CPU memory arena (enableCpuMemArena); off lowers the peak at some cost in speed. */
        memoryArena: z.boolean().default(true),
        /** Input sizes by name: an input's whole shape (x: [1, 3, 640, 640]) or a dynamic dimension's size (sequence: [256]). */
        dims: z.record(z.string().min(1), z.array(z.number().int().min(1).max(1_000_000)).min(1).max(8)).optional(),
        /** OpenVINO devices: PERFORMANCE_HINT, NUM_STREAMS (a count or "auto") and InferRequests in flight (0: the optimum). */
        openvino: z
          .object({
            hint: z.enum(['latency', 'throughput']).optional(),
            streams: z.union([z.number().int().min(1).max(256), z.literal('auto')]).optional(),
            requests: z.number().int().min(0).max(256).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    output: z.object({ jobId: z.string(), skipped: z.array(z.string()) }),
  },
  /** What bench.startInference can run here: models (built-in, pretrained) and devices, each with why not. */
  'bench.inferenceModels': {
    input: z.object({}).strict(),
    output: z.object({
      builtin: z.array(z.object({ ref: z.string(), title: z.string() })),
      pretrained: z.array(
        z.object({
          ref: z.string(),
          title: z.string(),
          packageName: z.string(),
          packageVersion: z.string(),
          licence: z.string(),
          /** False when the package is missing or holds another file; `reason` says which and the remedy. */
          available: z.boolean(),
          reason: z.string(),
        }),
      ),
      devices: z.array(
        z.object({
          device: InferenceDeviceSchema,
          available: z.boolean(),
          reason: z.string(),
        }),
      ),
    }),
  },
  /** Auto-tunes one model by successive halving (onnxruntime session options; hint and requests on OpenVINO devices); the result via bench.tuning. */
  'bench.tuneInference': {
    input: z
      .object({
        /** "builtin:mlp" (mlp, cnn, mobilenet, transformer), "pretrained:silero-vad" (silero-vad, ppocr-det) or the path of an .onnx file. */
        model: z.string().min(1),
        objective: z.enum(['latency', 'throughput', 'both']).default('both'),
        /** Wall-time budget of the whole search, measurements and model loads included. */
        budgetSeconds: z.number().min(2).max(3600).default(60),
        /** Devices to consider; by default every onnxruntime provider and OpenVINO device (not AUTO) available here. */
        devices: z.array(InferenceDeviceSchema).min(1).optional(),
        /** Precision variants of a built-in model to consider; by default all three. */
        precisions: z
          .array(z.enum(['fp32', 'fp16', 'int8']))
          .min(1)
          .optional(),
      })
      .strict(),
    output: z.object({ jobId: z.string(), skipped: z.array(z.string()) }),
  },
  'bench.tuning': {
    input: z.object({ jobId: z.string().regex(/^[\w-]{1,64}$/) }).strict(),
    output: (() => {
      const device = InferenceDeviceSchema;
      const objective = z.enum(['latency', 'throughput']);
      const precision = z.enum(['fp32', 'fp16', 'int8']);
      const candidate = z.object({
        device,
        intraOpThreads: z.number().int(),
        interOpThreads: z.number().int(),
        graphOptimization: z.enum(['disabled', 'basic', 'extended', 'all']),
        executionMode: z.enum(['sequential', 'parallel']),
        /** onnxruntime's CPU memory arena; absent in results written before it was recorded (it was on). */
        memoryArena: z.boolean().optional(),
        precision,
        batch: z.number().int(),
        /** On OpenVINO devices: the hint and InferRequests in flight (the session fields are unused there). */
        openvino: z.object({ hint: z.enum(['latency', 'throughput']), requests: z.number().int().min(1) }).optional(),
      });
      const range = z.tuple([z.number(), z.number()]);
      const measurement = z.object({
        n: z.number().int(),
        p50Ms: z.number(),
        p50CiMs: range.nullable(),
        throughput: z.number(),
        throughputIqr: range,
        peakRssMiB: z.number().nullable(),
        budgetMs: z.number(),
        warnings: z.array(z.string()),
      });
      const figure = z.object({
        median: z.number(),
        spread: range.nullable(),
        spreadKind: z.enum(['95% CI of the median', 'interquartile range']),
        n: z.number().int(),
      });
      const bestConfiguration = z.object({
        objective,
        key: z.string(),
        candidate,
        modelPath: z.string(),
        measurement,
        defaultKey: z.string(),
        gain: z.object({
          metric: z.enum(['p50 latency', 'throughput']),
          unit: z.enum(['ms', 'items/s']),
          /**
           * 'confirmation A/B': measured in a separate A/B after the search, not on the samples that chose the
           * winner; 'selection round': the defaults won, or the confirmation failed. Absent in results written
           * before the confirmation existed: their gains come from the selection round.
           */
          basis: z.enum(['confirmation A/B', 'selection round']).optional(),
          confirmation: z.object({ rounds: z.number().int(), budgetMsPerRound: z.number() }).nullable().optional(),
          best: figure,
          defaults: figure,
          factor: z.number(),
          relativeChange: z.number(),
          relativeChangeCi: range,
          pValue: z.number(),
          verdict: z.enum(['better', 'worse', 'no significant change', 'inconclusive', 'the defaults were best']),
          reason: z.string().optional(),
          /** What the search saw in the round that chose the winner (biased towards it); absent in older results. */
          selection: z
            .object({ best: figure, defaults: figure, factor: z.number(), relativeChange: z.number() })
            .optional(),
        }),
        snippets: z.object({ javascript: z.string(), python: z.string() }),
      });
      return z.object({
        format: z.literal('tunebench-inference-tuning'),
        version: z.literal(1),
        model: z.string(),
        createdAt: z.string(),
        budgetSeconds: z.number(),
        elapsedSeconds: z.number(),
        objectives: z.array(objective),
        method: z.string(),
        space: z.object({
          devices: z.array(z.string()),
          precisions: z.array(precision),
          intraOpThreads: z.array(z.number().int()),
          interOpThreads: z.array(z.number().int()),
          graphOptimization: z.array(z.string()),
          executionMode: z.array(z.string()),
          batches: z.object({ latency: z.array(z.number().int()), throughput: z.array(z.number().int()) }),
          openvino: z
            .object({
              hints: z.array(z.enum(['latency', 'throughput'])),
              requests: z.object({
                latency: z.array(z.number().int()),
                throughput: z.array(z.number().int()),
              }),
            })
            .optional(),
          size: z.object({ latency: z.number().int().optional(), throughput: z.number().int().optional() }),
        }),
        defaults: candidate,
        best: z.object({ latency: bestConfiguration.optional(), throughput: bestConfiguration.optional() }),
        candidates: z.array(
          z.object({
            key: z.string(),
            objective,
            candidate,
            isDefault: z.boolean(),
            lastRound: z.number().int(),
            rounds: z.array(
              z.object({
                round: z.number().int(),
                budgetMs: z.number(),
                value: z.number().nullable(),
                n: z.number().int(),
              }),
            ),
            measurement: measurement.nullable(),
            error: z.string().nullable(),
          }),
        ),
        notes: z.array(z.string()),
      });
    })(),
  },
  'bench.cancel': {
    input: z.object({ jobId: z.string().min(1) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'bench.jobs': {
    input: z.object({}).strict(),
    output: z.array(JobInfoSchema),
  },
  'bench.runs': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(RunSummarySchema),
  },
  'bench.run': {
    input: z.object({ id: z.number().int().min(1) }).strict(),
    output: RunSchema,
  },
  'bench.compare': {
    input: z
      .object({
        baseRunId: z.number().int().min(1),
        headRunId: z.number().int().min(1),
        /** Changes below this are "no significant change" (the learned noise floor may raise it). */
        noiseThreshold: z.number().min(0).max(1).optional(),
        /** Decide across machines or settings anyway (a disturbed run stays inconclusive). */
        force: z.boolean().optional(),
      })
      .strict(),
    output: RunComparisonSchema,
  },
  'bench.saveBaseline': {
    input: z.object({ name: z.string().regex(/^[\w.-]{1,64}$/), runId: z.number().int().min(1) }).strict(),
    output: z.object({ name: z.string(), runId: z.number().int() }),
  },
  'report.render': {
    input: z
      .object({
        runIds: z.array(z.number().int().min(1)).min(1).max(50),
        /** Compare the first run (base) with the second (head) and include the comparison. */
        compare: z.boolean().default(false),
        format: z.enum(['json', 'html', 'md', 'csv', 'pdf']),
      })
      .strict(),
    /** Text formats come as utf8; PDF as base64. */
    output: z.object({
      fileName: z.string(),
      mime: z.string(),
      encoding: z.enum(['utf8', 'base64']),
      content: z.string(),
    }),
  },
  /**
   * A project's recommendations as a report: ranked findings, the tuning score with its formula,
   * and every applied change with its before/after verification; stored runs may be added.
   */
  'report.renderTune': {
    input: z
      .object({
        root: z.string().min(1).max(4096),
        format: z.enum(['json', 'html', 'md', 'csv', 'pdf']),
        /** Stored runs to include as well; with `compare`, the first (base) against the second (head). */
        runIds: z.array(z.number().int().min(1)).max(50).default([]),
        compare: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      fileName: z.string(),
      mime: z.string(),
      encoding: z.enum(['utf8', 'base64']),
      content: z.string(),
    }),
  },
  'project.scan': {
    input: z.object({ root: z.string().min(1).max(4096) }).strict(),
    output: z.object({ jobId: z.string() }),
  },
  'project.get': {
    input: z.object({ root: z.string().min(1).max(4096) }).strict(),
    output: ProjectProfileSchema.nullable(),
  },
  'project.trust': {
    input: z.object({ root: z.string().min(1).max(4096), trusted: z.boolean() }).strict(),
    output: z.object({ root: z.string(), trusted: z.boolean() }),
  },
  'project.trustedFolders': {
    input: z.object({}).strict(),
    output: z.array(z.object({ path: z.string(), trustedAt: z.string() })),
  },
  'project.saveCommands': {
    input: z.object({ root: z.string().min(1).max(4096), commands: z.array(ProjectCommandSchema).max(200) }).strict(),
    output: z.array(ProjectCommandSchema),
  },
  'project.bench': {
    input: z
      .object({
        root: z.string().min(1).max(4096),
        only: z
          .array(z.enum(['build', 'test', 'bench', 'size']))
          .min(1)
          .default(['build', 'test', 'bench', 'size']),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  'project.history': {
    input: z.object({ root: z.string().min(1).max(4096) }).strict(),
    output: z.object({
      runs: z.array(
        z.object({
          runId: z.number().int(),
          startedAt: z.string(),
          commit: z.string().nullable(),
          dirty: z.boolean(),
          status: z.string(),
          metrics: z.array(
            z.object({ id: z.string(), title: z.string(), unit: z.string(), median: z.number(), n: z.number().int() }),
          ),
        }),
      ),
      changesSinceLast: z
        .object({
          commit: z.string(),
          commits: z.array(z.object({ hash: z.string(), subject: z.string() })),
          files: z.array(z.string()),
        })
        .nullable(),
    }),
  },
  // Tuning: findings need no trust (nothing runs); verify, keep and discard do.
  'tune.findings': {
    input: z.object({ root: z.string().min(1).max(4096) }).strict(),
    output: FindingsReportSchema,
  },
  'tune.diff': {
    input: z.object({ root: z.string().min(1).max(4096), findingId: z.string().min(1).max(300) }).strict(),
    output: z.object({ findingId: z.string(), diff: z.string(), files: z.array(z.string()) }),
  },
  'tune.verify': {
    input: z
      .object({
        root: z.string().min(1).max(4096),
        findingId: z.string().min(1).max(300),
        onCopy: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  'tune.keep': {
    input: z.object({ changeId: z.number().int().positive(), merge: z.boolean().default(false) }).strict(),
    output: AppliedChangeSchema,
  },
  'tune.discard': {
    input: z.object({ changeId: z.number().int().positive() }).strict(),
    output: AppliedChangeSchema,
  },
  'tune.changes': {
    input: z.object({ root: z.string().min(1).max(4096) }).strict(),
    output: z.array(AppliedChangeSchema),
  },
  'tune.change': {
    input: z.object({ changeId: z.number().int().positive() }).strict(),
    output: AppliedChangeSchema.nullable(),
  },
  'tune.exportOutcomes': {
    input: z.object({}).strict(),
    output: OutcomeExportSchema,
  },
  'tune.importOutcomes': {
    input: OutcomeExportSchema,
    /** alreadyImported: this very export was imported before, so nothing was added (it would count twice). */
    output: z.object({ imported: z.number().int(), alreadyImported: z.boolean() }),
  },
  // Desktop experience: settings (file + TUNEBENCH_* environment), history over time, diagnostics.
  'settings.get': {
    input: z.object({}).strict(),
    output: SettingsViewSchema,
  },
  'settings.set': {
    /** Only the keys given change; a key set by its environment variable is stored but stays overridden. */
    input: SettingsSchema.partial().strict(),
    output: SettingsViewSchema,
  },
  'settings.clearScanCache': {
    input: z.object({}).strict(),
    output: ClearScanCacheResultSchema,
  },
  'history.runs': {
    input: z.object({ limit: z.number().int().min(1).max(MAX_HISTORY_ROWS).default(5000) }).strict(),
    output: z.array(HistoryRunSchema),
  },
  'history.metrics': {
    input: z.object({}).strict(),
    output: z.array(HistoryMetricSchema),
  },
  'history.series': {
    input: HistoryMetricRefSchema.extend({
      limit: z.number().int().min(1).max(MAX_HISTORY_ROWS).default(MAX_HISTORY_ROWS),
    }).strict(),
    output: HistorySeriesSchema,
  },
  'app.diagnostics': {
    /** reset: start a new measurement window after reading this one. */
    input: z.object({ reset: z.boolean().default(false) }).strict(),
    output: EventLoopDiagnosticsSchema,
  },
} as const;

/** Events pushed from the engine to every connected client. */
export const apiEvents = {
  'telemetry.sample': TelemetrySampleSchema,
  'job.progress': ProgressSchema,
  'bench.result': z.object({ jobId: z.string(), result: BenchmarkResultSchema }),
  'project.scanned': z.object({ jobId: z.string(), profile: ProjectProfileSchema }),
} as const;

export type ApiMethods = typeof apiMethods;
export type MethodName = keyof ApiMethods;
export type EventName = keyof typeof apiEvents;
export type MethodInput<M extends MethodName> = z.input<ApiMethods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<ApiMethods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<ApiMethods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof apiEvents)[E]>;

export const methodNames = Object.keys(apiMethods) as MethodName[];
export const eventNames = Object.keys(apiEvents) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(apiMethods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(apiEvents, name);
}

/** What the engine implements: one async function per method, receiving the parsed input. */
export type ApiHandlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>>;
};

type DomainOf<M> = M extends `${infer D}.${string}` ? D : never;
type Domain = DomainOf<MethodName>;

/** What a client sees: `client.hardware.profile({ refresh: true })`, `client.events['telemetry.sample'](cb)`. */
export type ApiClient = {
  [D in Domain]: {
    [M in MethodName as M extends `${D}.${infer V}` ? V : never]: (input?: MethodInput<M>) => Promise<MethodOutput<M>>;
  };
} & {
  events: {
    [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void;
  };
};

export type Invoke = (method: MethodName, input: unknown) => Promise<unknown>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the nested client from a transport (IPC in the preload, HTTP + SSE in the browser).
 * Every method is a named function bound to its key: there is no generic invoke on the client.
 */
export function buildApiClient(invoke: Invoke, subscribe: Subscribe): ApiClient {
  const client: Record<string, Record<string, unknown>> = { events: {} };
  for (const method of methodNames) {
    const [domain, verb] = method.split('.') as [string, string];
    client[domain] ??= {};
    client[domain][verb] = (input?: unknown) => invoke(method, input ?? {});
  }
  for (const event of eventNames) {
    client.events![event] = (listener: (payload: unknown) => void) => subscribe(event, listener);
  }
  return client as unknown as ApiClient;
}

/** The IPC channel names, derived from the map so preload and main agree by construction. */
export const IPC_INVOKE_PREFIX = 'tunebench:invoke:';
export const IPC_EVENT_CHANNEL = 'tunebench:event';

/** An error that crosses a transport: a stable code and a message meant for the user. */
export const ApiErrorSchema = z.object({
  code: z.enum(['bad_input', 'not_found', 'internal', 'unauthorized', 'forbidden']),
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
