import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Feed, SessionSettings } from '../types';
import { sessionOptions } from './onnxruntime';

/**
 * N requests truly in flight at once: N worker threads, each with its own session.
 *
 * Why threads and not N `session.run()` promises on one session: onnxruntime-node 1.30 runs
 * `session.run` synchronously on the JavaScript thread (it only defers the call with
 * setImmediate), so N promises on one session execute one after the other. Measured here on the
 * MLP at batch 512: one run 21.7 ms, two "concurrent" runs 40.7 ms, and the event loop blocked
 * 20.8 ms during a run; two worker threads ran two requests in 21.6 ms. A Node server that wants
 * parallel inference therefore uses a pool of worker threads, which is what this measures.
 */

// Plain CommonJS evaluated in each thread: the bundle's modules are not loadable by path there.
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const message = (e) => String((e && e.message) || e).split('\\n')[0];
(async () => {
  try {
    const session = await ort.InferenceSession.create(workerData.modelPath, workerData.options);
    const feeds = {};
    for (const [name, f] of Object.entries(workerData.feeds)) feeds[name] = new ort.Tensor(f.type, f.data, f.dims);
    await session.run(feeds);
    parentPort.on('message', async (m) => {
      if (m !== 'run') return;
      try {
        await session.run(feeds);
        parentPort.postMessage({ ok: true });
      } catch (e) {
        parentPort.postMessage({ ok: false, error: message(e) });
      }
    });
    parentPort.postMessage({ ok: true, ready: true });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: message(e) });
  }
})();
`;

interface Reply {
  ok: boolean;
  ready?: boolean;
  error?: string;
}

export interface ParallelSessions {
  /** Sends one request to every thread at once and resolves when all have answered. */
  runAll(): Promise<void>;
  dispose(): Promise<void>;
}

function onnxruntimePath(): string {
  const here = typeof __filename === 'string' ? __filename : import.meta.url;
  return createRequire(here).resolve('onnxruntime-node');
}

function nextReply(worker: Worker): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: Reply) => {
      worker.off('error', onError);
      resolve(reply);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

/** Starts `count` threads, each loading the model with the same pinned settings and one warm-up run. */
export async function openParallelSessions(
  modelPath: string,
  settings: SessionSettings,
  feeds: Record<string, Feed>,
  count: number,
): Promise<ParallelSessions> {
  const workerData = { ortPath: onnxruntimePath(), modelPath, options: sessionOptions(settings), feeds };
  const workers: Worker[] = [];
  try {
    // One at a time: loading N copies at once would only contend for the same cores.
    for (let i = 0; i < count; i += 1) {
      const worker = new Worker(THREAD_SOURCE, { eval: true, workerData });
      workers.push(worker);
      const reply = await nextReply(worker);
      if (!reply.ok) throw new Error(`thread ${i + 1} of ${count} could not load the model: ${reply.error}`);
    }
  } catch (error) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
  return {
    async runAll() {
      const replies = await Promise.all(
        workers.map((worker) => {
          const reply = nextReply(worker);
          worker.postMessage('run');
          return reply;
        }),
      );
      const failed = replies.find((r) => !r.ok);
      if (failed) throw new Error(`a parallel request failed: ${failed.error}`);
    },
    async dispose() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
