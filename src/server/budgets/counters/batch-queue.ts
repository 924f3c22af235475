/**
 * Group commit for a store that applies a batch of operations in one transaction (the PostgreSQL counters).
 * One batch is in flight at a time; the operations that arrive meanwhile wait and go together as the next
 * batch. Under load the batch grows with the store's latency, so the store does one commit per batch
 * instead of one per operation; when idle an operation waits for nothing but the current tick (a burst of
 * continuations submitted together shares its first batch). Both the batch and the queue are bounded.
 */

export interface BatchQueueOptions<Item, Result> {
  /** Applies one batch; resolves to one result per item, in order. A rejection fails every item of the batch. */
  apply: (items: readonly Item[]) => Promise<readonly Result[]>;
  /** Most items per batch: bounds how long one transaction holds its rows. */
  maxBatch: number;
  /** Most items waiting (the batch in flight excluded); a submit beyond it is rejected with `whenFull()`. */
  maxQueued: number;
  /** The error a submit gets when the queue is full. */
  whenFull: () => Error;
  /** Called after each batch has settled, outside the batch (housekeeping such as pruning). Must not throw. */
  afterBatch?: ((size: number) => void) | undefined;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export class BatchQueue<Item, Result> {
  private waiting: Waiting<Item, Result>[] = [];
  private draining: Promise<void> | undefined;

  constructor(private readonly options: BatchQueueOptions<Item, Result>) {}

  /** Queues one item; resolves to its result once its batch is applied. */
  submit(item: Item): Promise<Result> {
    if (this.waiting.length >= this.options.maxQueued) return Promise.reject(this.options.whenFull());
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // nextTick, not at once: the other operations submitted in this tick join the first batch.
      this.draining ??= new Promise<void>((done) => process.nextTick(done)).then(() => this.drain());
    });
  }

  /** Resolves once nothing is queued or in flight. */
  async idle(): Promise<void> {
    while (this.draining !== undefined) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.options.maxBatch);
        await this.applyBatch(batch);
        this.options.afterBatch?.(batch.length);
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async applyBatch(batch: readonly Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await this.options.apply(batch.map((entry) => entry.item));
      if (results.length !== batch.length)
        throw new Error(`a batch of ${batch.length} operation(s) answered ${results.length} result(s)`);
      batch.forEach((entry, index) => entry.resolve(results[index] as Result));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
