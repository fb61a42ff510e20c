import { randomUUID } from 'node:crypto';
import type { Progress } from '../../../shared/schemas/progress';
import { errorMessage } from '../util/timebox';

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface JobInfo {
  id: string;
  title: string;
  status: JobStatus;
  /** The last progress event, for clients that connect mid-run. */
  progress: Progress | null;
  error: string | null;
  /** Whatever the job produced that identifies its result (e.g. the stored run id). */
  resultRef: number | null;
}

export type JobBody = (context: {
  jobId: string;
  signal: AbortSignal;
  progress: (progress: Progress) => void;
}) => Promise<number | null>;

/**
 * Long work as jobs: an id, typed progress, cancellation, and one at a time by default so that
 * measurements never overlap and disturb each other.
 */
export class JobQueue {
  private readonly jobs = new Map<string, JobInfo & { body: JobBody; controller: AbortController }>();
  private readonly order: string[] = [];
  private running: string | null = null;

  constructor(private readonly onProgress: (progress: Progress) => void) {}

  submit(title: string, body: JobBody): string {
    const id = randomUUID();
    this.jobs.set(id, {
      id,
      title,
      status: 'queued',
      progress: null,
      error: null,
      resultRef: null,
      body,
      controller: new AbortController(),
    });
    this.order.push(id);
    this.pump();
    return id;
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return false;
    job.controller.abort();
    if (job.status === 'queued') job.status = 'cancelled';
    return true;
  }

  list(): JobInfo[] {
    return this.order.map((id) => this.info(id)!);
  }

  info(id: string): JobInfo | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    const { id: jobId, title, status, progress, error, resultRef } = job;
    return { id: jobId, title, status, progress, error, resultRef };
  }

  /** Resolves when the job has ended (any status). */
  async settled(id: string): Promise<JobInfo> {
    for (;;) {
      const info = this.info(id);
      if (!info) throw new Error(`no job ${id}`);
      if (info.status !== 'queued' && info.status !== 'running') return info;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Cancels everything and waits for the running job to stop. */
  async shutdown(): Promise<void> {
    for (const id of this.order) this.cancel(id);
    if (this.running) await this.settled(this.running);
  }

  private pump(): void {
    if (this.running) return;
    const next = this.order.find((id) => this.jobs.get(id)!.status === 'queued');
    if (!next) return;
    const job = this.jobs.get(next)!;
    this.running = next;
    job.status = 'running';
    const progress = (p: Progress) => {
      job.progress = p;
      this.onProgress(p);
    };
    job
      .body({ jobId: next, signal: job.controller.signal, progress })
      .then(
        (ref) => {
          job.resultRef = ref;
          job.status = job.controller.signal.aborted ? 'cancelled' : 'completed';
        },
        (error: unknown) => {
          job.error = errorMessage(error);
          job.status = job.controller.signal.aborted ? 'cancelled' : 'failed';
          progress({ kind: 'failed', jobId: next, title: job.title, error: job.error });
        },
      )
      .finally(() => {
        this.running = null;
        this.pump();
      });
  }
}
