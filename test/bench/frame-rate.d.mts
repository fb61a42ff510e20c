/** Types of frame-rate.mjs, for the e2e test that runs the same measurement. */
export interface FrameWindow {
  window: string;
  suiteRunning: boolean;
  suiteProgress: string | null;
  visibility: string;
  frames: number;
  spanMs: number;
  meanFps: number;
  meanFrameMs: number | null;
  medianFrameMs: number | null;
  p95FrameMs: number | null;
  p99FrameMs: number | null;
  maxFrameMs: number | null;
  longFrames: number;
  longTasks: number;
  longestTaskMs: number;
  telemetryHz: number | null;
  eventLoop: {
    samples: number;
    resolutionMs: number;
    elapsedMs: number;
    p50LagMs: number | null;
    p99LagMs: number | null;
    maxLagMs: number | null;
  };
}

export interface FrameRateResult {
  measuredAt: string;
  machine: string;
  loadAverage: number;
  chromium: string;
  goals: { fps: number; eventLoopLagP99Ms: number; longFrameMs: number };
  windows: FrameWindow[];
  pageErrors: string[];
}

export const GOAL_FPS: number;
export const GOAL_LAG_P99_MS: number;
export function frameStats(
  times: number[],
): Omit<
  FrameWindow,
  | 'window'
  | 'suiteRunning'
  | 'suiteProgress'
  | 'visibility'
  | 'longTasks'
  | 'longestTaskMs'
  | 'telemetryHz'
  | 'eventLoop'
>;
export function measureFrameRate(options?: {
  seconds?: number;
  chromiumPath?: string;
  log?: (line: string) => void;
}): Promise<FrameRateResult>;
export function formatFrameRate(result: FrameRateResult): string[];
export function writeFrameRate(result: FrameRateResult, file?: string): string;
