/**
 * Coalesces the counter operations issued in the same tick into one script call. A gateway under load
 * issues many reserves and settlements per tick (replies arrive together, their continuations run
 * together); one script call per operation cost this process ~20 µs of CPU per operation, one call per
 * batch ~8–12 (measured with `npm run bench:budgets`). Outcomes stay per operation: the script applies
 * each one on its own (see redis-scripts.ts).
 */
import { PodiumError } from '../../../contract/index.js';

export interface OperationBatcherOptions {
  /** Sends one batch: the operations' keys, concatenated in order, and one argument each; resolves to one reply each. */
  send: (batch: { keys: string[]; args: string[] }) => Promise<unknown>;
  /** A batch is sent at once when it reaches this many operations (bounds how long Redis runs one script). */
  maxOperations: number;
}

interface Waiter {
  resolve: (reply: string) => void;
  reject: (error: unknown) => void;
}

export class OperationBatcher {
  private keys: string[] = [];
  private args: string[] = [];
  private waiters: Waiter[] = [];
  private scheduled = false;

  constructor(private readonly options: OperationBatcherOptions) {}

  /** Queues one operation for the current tick's batch; resolves to its reply. */
  submit(keys: readonly string[], arg: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      for (const key of keys) this.keys.push(key);
      this.args.push(arg);
      this.waiters.push({ resolve, reject });
      if (this.waiters.length >= this.options.maxOperations) {
        this.flush();
      } else if (!this.scheduled) {
        this.scheduled = true;
        // nextTick, not setImmediate: it runs once the current burst of continuations has submitted, without
        // waiting for an event-loop turn, so batching adds no latency of its own.
        process.nextTick(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    const waiters = this.waiters;
    if (waiters.length === 0) return;
    const batch = { keys: this.keys, args: this.args };
    this.keys = [];
    this.args = [];
    this.waiters = [];
    this.options.send(batch).then(
      (replies) => {
        if (!Array.isArray(replies) || replies.length !== waiters.length) {
          const error = new PodiumError(
            'internal_error',
            `the counter script answered ${String(replies)} to ${waiters.length} operation(s)`,
          );
          for (const waiter of waiters) waiter.reject(error);
          return;
        }
        waiters.forEach((waiter, index) => waiter.resolve(String(replies[index])));
      },
      (error: unknown) => {
        for (const waiter of waiters) waiter.reject(error);
      },
    );
  }
}
