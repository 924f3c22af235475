/**
 * The IPC protocol between the bench parent and its child processes (upstream, yardstick, Podium).
 * Each target runs in its own process so `process.cpuUsage()` in that process is its CPU alone.
 */

/** Parent → child. */
export type ParentMessage = { type: 'cpu' } | { type: 'stop' };

/** Child → parent. Microseconds, as `process.cpuUsage()` reports them. */
export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'cpu'; userMicros: number; systemMicros: number }
  | { type: 'failed'; message: string };

const send = (message: ChildMessage): void => {
  process.send?.(message);
};

export interface ChildControlOptions {
  url: string;
  /** Closes servers and stores so a profile (`--cpu-prof`) and the data dir are flushed on exit. */
  close: () => Promise<void>;
}

/** Announces readiness, answers CPU queries, and exits on `stop` or when the parent goes away. */
export function serveChildControl(options: ChildControlOptions): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Bounded: a close that hangs must not leave the process behind.
    setTimeout(() => process.exit(1), 5_000).unref();
    options.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', userMicros: usage.user, systemMicros: usage.system });
    } else if (message.type === 'stop') {
      stop();
    }
  });
  // The parent died or closed the channel: never outlive it.
  process.on('disconnect', stop);
  send({ type: 'ready', url: options.url });
}

/** Reports a startup failure to the parent, then exits once the message is on its way. */
export function failChild(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${message}\n`);
  setTimeout(() => process.exit(1), 1_000).unref();
  if (!process.send) process.exit(1);
  process.send({ type: 'failed', message } satisfies ChildMessage, () => process.exit(1));
}
