/**
 * An embedder whose model runs in `worker_threads` workers, so an embedding (tens to hundreds of
 * milliseconds of CPU) never stalls the requests in flight on the event loop. Lookups are posted with
 * ids to a small pool; the queue is bounded, every wait is bounded by `timeoutMs`, and a worker that
 * dies or hangs is replaced. Every failure rejects the one `embed` it concerns, which the caching
 * executor serves as a miss: the embedder can make a lookup slower or useless, never a call fail.
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { Embedder } from './embedder.js';
import { unitVector } from './unit-vector.js';

export interface WorkerEmbedderOptions {
  /**
   * CommonJS source run in each worker (`eval`): it reads `workerData`, posts `{ type: 'ready' }` once its
   * model is loaded, then answers each `{ id, text }` message with `{ id, vector }` or `{ id, error }`.
   * Source text, not a file, so the same worker runs from `dist/`, under tsx and under vitest.
   */
  script: string;
  workerData?: unknown;
  /** Workers (each holds its own copy of the model). */
  workers: number;
  /** Lookups waiting for a free worker; past this a lookup is refused at once (a miss). */
  maxQueue: number;
  /** Longest a caller waits for its vector (queue and embedding together). */
  timeoutMs: number;
  /**
   * How long a worker may spend on one text before it is deemed hung and replaced (default 10 × timeoutMs):
   * longer than `timeoutMs`, so a long text on a busy machine costs one miss, not a model reload.
   */
  hangTimeoutMs?: number | undefined;
  /** Longest a worker may take to load its model before it is replaced. */
  loadTimeoutMs?: number | undefined;
  /** Told why a worker was replaced (crash, hang, slow load). */
  onError?: ((error: unknown) => void) | undefined;
}

/** The worker embedder's own `close`: ends the workers and refuses what is still waiting. */
export interface WorkerEmbedder extends Embedder {
  /** The model needs no call: offline tools (`podium route train`) embed with the text alone. */
  embed(text: string, call?: unknown): Promise<Float32Array>;
  close(): Promise<void>;
  /** Workers started so far, replacements included (tests and metrics). */
  readonly started: number;
  /** Starts the workers now and resolves once one has loaded its model (start-up warm-up, benches, tests). */
  warmUp(timeoutMs: number): Promise<void>;
}

/** What a worker may post; anything else is a protocol error and the worker is replaced. */
const messageSchema = z.union([
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ id: z.number().int(), vector: z.instanceof(Float32Array) }),
  z.strictObject({ id: z.number().int(), error: z.string() }),
]);

/** Larger than any sentence model's output; bounds what a faulty model can hand the index. */
const maxDimensions = 8192;

interface Job {
  id: number;
  text: string;
  resolve: (vector: Float32Array) => void;
  reject: (error: Error) => void;
  /** The caller's deadline, from submission. */
  deadline: NodeJS.Timeout;
  settled: boolean;
}

interface Slot {
  worker: Worker | undefined;
  ready: boolean;
  job: Job | undefined;
  /** Fires when the current job (or the model load) takes too long: the worker is replaced. */
  watchdog: NodeJS.Timeout | undefined;
  crashes: number;
  /** Milliseconds (Date.now) before which a crashed slot is not restarted. */
  retryAt: number;
}

/** A first death restarts at once (a poison text is not the model's fault); repeated ones back off to 30 s. */
const backoffMs = (crashes: number): number => (crashes <= 1 ? 0 : Math.min(100 * 2 ** (crashes - 2), 30_000));

/** A pool of `workers` embedding workers, started on the first `embed`. */
export function createWorkerEmbedder(options: WorkerEmbedderOptions): WorkerEmbedder {
  const slots: Slot[] = Array.from({ length: Math.max(1, options.workers) }, () => ({
    worker: undefined,
    ready: false,
    job: undefined,
    watchdog: undefined,
    crashes: 0,
    retryAt: 0,
  }));
  const queue: Job[] = [];
  const onError = options.onError ?? (() => undefined);
  let nextId = 1;
  let started = 0;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  const readyWaiters: (() => void)[] = [];

  const settle = (job: Job, outcome: { vector: Float32Array } | { error: Error }): void => {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.deadline);
    if ('vector' in outcome) job.resolve(outcome.vector);
    else job.reject(outcome.error);
  };

  const watch = (slot: Slot, ms: number, reason: string): void => {
    clearTimeout(slot.watchdog);
    slot.watchdog = setTimeout(() => replace(slot, new Error(reason)), ms);
    slot.watchdog.unref();
  };

  /** Ends a slot's worker (crashed, hung or misbehaving); the slot restarts after a back-off. */
  const replace = (slot: Slot, error: Error): void => {
    const worker = slot.worker;
    if (worker === undefined) return;
    slot.worker = undefined;
    slot.ready = false;
    clearTimeout(slot.watchdog);
    slot.watchdog = undefined;
    if (slot.job !== undefined) settle(slot.job, { error });
    slot.job = undefined;
    slot.crashes += 1;
    slot.retryAt = Date.now() + backoffMs(slot.crashes);
    if (!closed) onError(error);
    void worker.terminate().catch(() => undefined);
    pump();
  };

  const onMessage = (slot: Slot, worker: Worker, raw: unknown): void => {
    if (slot.worker !== worker) return;
    const message = messageSchema.safeParse(raw);
    if (!message.success) return replace(slot, new Error('the embedding worker sent a malformed message'));
    const data = message.data;
    if ('type' in data) {
      slot.ready = true;
      clearTimeout(slot.watchdog);
      for (const resolve of readyWaiters.splice(0)) resolve();
    } else {
      const job = slot.job;
      if (job === undefined || job.id !== data.id)
        return replace(slot, new Error('the embedding worker answered a lookup it was not given'));
      clearTimeout(slot.watchdog);
      slot.job = undefined;
      if ('error' in data)
        settle(job, { error: new Error(`the local embedding model failed: ${data.error.slice(0, 200)}`) });
      else if (data.vector.length === 0 || data.vector.length > maxDimensions || !data.vector.every(Number.isFinite))
        settle(job, { error: new Error('the local embedding model returned an unusable vector') });
      else {
        slot.crashes = 0;
        settle(job, { vector: unitVector(data.vector) });
      }
    }
    pump();
  };

  const spawn = (slot: Slot): void => {
    const worker = new Worker(options.script, { eval: true, workerData: options.workerData });
    started += 1;
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (raw: unknown) => onMessage(slot, worker, raw));
    worker.on('error', (error) => {
      if (slot.worker === worker) replace(slot, new Error(`the embedding worker crashed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker) replace(slot, new Error(`the embedding worker exited (code ${code})`));
    });
    // An idle pool must not keep the process alive; the server (or a pending call's deadline) does that. After the
    // listeners: adding a 'message' listener refs the worker again, and `podium route train` then never exited.
    worker.unref();
    watch(slot, options.loadTimeoutMs ?? 60_000, 'the embedding worker did not load its model in time');
  };

  const scheduleRetry = (): void => {
    if (retryTimer !== undefined || closed) return;
    const waiting = slots.filter((slot) => slot.worker === undefined).map((slot) => slot.retryAt);
    if (waiting.length === 0) return;
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        pump();
      },
      Math.max(0, Math.min(...waiting) - Date.now()),
    );
    retryTimer.unref();
  };

  function pump(): void {
    if (closed || queue.length === 0) return;
    for (const slot of slots) {
      if (slot.worker === undefined && Date.now() >= slot.retryAt) spawn(slot);
      if (slot.worker === undefined || !slot.ready || slot.job !== undefined) continue;
      const job = queue.shift();
      if (job === undefined) return;
      slot.job = job;
      watch(slot, options.hangTimeoutMs ?? options.timeoutMs * 10, 'the embedding worker took too long on one text');
      slot.worker.postMessage({ id: job.id, text: job.text });
    }
    if (queue.length > 0) scheduleRetry();
  }

  return {
    get started() {
      return started;
    },
    embed(text) {
      if (closed) return Promise.reject(new Error('the local embedder is closed'));
      if (queue.length >= options.maxQueue) return Promise.reject(new Error('the local embedder is busy (queue full)'));
      return new Promise<Float32Array>((resolve, reject) => {
        const job: Job = {
          id: nextId++,
          text,
          resolve,
          reject,
          settled: false,
          deadline: setTimeout(() => expire(job), options.timeoutMs),
        };
        queue.push(job);
        pump();
      });
    },
    async warmUp(timeoutMs) {
      if (closed) throw new Error('the local embedder is closed');
      for (const slot of slots) if (slot.worker === undefined) spawn(slot);
      if (slots.some((slot) => slot.ready)) return;
      let timer: NodeJS.Timeout | undefined;
      try {
        await new Promise<void>((resolve, reject) => {
          readyWaiters.push(resolve);
          timer = setTimeout(
            () => reject(new Error(`the local embedding model did not load within ${timeoutMs} ms`)),
            timeoutMs,
          );
        });
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      for (const job of queue.splice(0)) settle(job, { error: new Error('the local embedder is closed') });
      const workers: Worker[] = [];
      for (const slot of slots) {
        clearTimeout(slot.watchdog);
        if (slot.job !== undefined) settle(slot.job, { error: new Error('the local embedder is closed') });
        slot.job = undefined;
        if (slot.worker !== undefined) workers.push(slot.worker);
        slot.worker = undefined;
      }
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };

  /** The caller's wait is over: a queued job leaves the queue; a running one finishes unheard (its watchdog guards the worker). */
  function expire(job: Job): void {
    const position = queue.indexOf(job);
    if (position >= 0) queue.splice(position, 1);
    settle(job, { error: new Error(`no embedding within ${options.timeoutMs} ms`) });
  }
}
