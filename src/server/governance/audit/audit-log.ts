/**
 * The audit log's writer. Appends to one tenant are serialised in this process (a queue per tenant) and
 * written by group commit: while one batch is in its transaction, the entries that arrive queue up and go
 * together in the next. Across replicas the store's head lock keeps the chain from forking. Every
 * `checkpointEvery` entries, and every `checkpointIntervalMs` while entries are unsigned, the tenant's head
 * is signed and copied to the store and to every sink.
 */
import { PodiumError, type AuditCheckpoint, type AuditEntry, type AuditHead } from '../../../contract/index.js';
import { parseAuditInput, type AuditEntryInput } from './audit-entry-input.js';
import type { AuditStore } from './audit-store.js';
import type { CheckpointSigner } from './checkpoint-signer.js';
import type { CheckpointSink } from './checkpoint-sink.js';
import { sealAuditEntries, type AuditDraft } from './seal-audit-entries.js';

export interface AuditLogOptions {
  store: AuditStore;
  signer: CheckpointSigner;
  /** Where checkpoints are copied outside the database, in addition to the store. */
  sinks?: readonly CheckpointSink[] | undefined;
  /** Sign a tenant's head once this many of its entries are unsigned. Default 1,000. */
  checkpointEvery?: number | undefined;
  /** Sign every tenant's head this often while it has unsigned entries. Default 60 s. */
  checkpointIntervalMs?: number | undefined;
  /** Most entries per transaction. Default 1,000. */
  maxBatch?: number | undefined;
  now?: (() => Date) | undefined;
  /** A checkpoint that could not be stored or exported (appends report their own failures to their caller). */
  onError?: ((error: unknown) => void) | undefined;
}

/** The audit trail as other modules see it. */
export interface AuditLog {
  /**
   * Records one entry; resolves with it, sealed and committed, or rejects (nothing of its batch is stored).
   * @throws PodiumError `invalid_request` (as a rejection) for an entry that fails validation.
   */
  append(input: AuditEntryInput): Promise<AuditEntry>;
  /** Signs and exports, now, the head of every tenant (or of one) with unsigned entries. */
  checkpoint(tenant?: string): Promise<AuditCheckpoint[]>;
  /** Resolves once everything appended so far is committed and every checkpoint begun has reached its sinks. */
  flush(): Promise<void>;
  /** Refuses new entries, writes the queued ones, signs every head and closes the sinks. */
  close(): Promise<void>;
}

interface Waiting {
  draft: AuditDraft;
  resolve: (entry: AuditEntry) => void;
  reject: (error: unknown) => void;
}

interface TenantQueue {
  tenant: string;
  waiting: Waiting[];
  writing: Promise<void> | undefined;
  /** The last head this process committed; undefined before its first append. */
  head: AuditHead | undefined;
  signedSeq: number;
  unsigned: number;
}

/** Creates the writer and starts its checkpoint timer (unref'd: it never keeps the process alive). */
export function createAuditLog(options: AuditLogOptions): AuditLog {
  const now = options.now ?? (() => new Date());
  const report = options.onError ?? (() => undefined);
  const every = options.checkpointEvery ?? 1000;
  const maxBatch = options.maxBatch ?? 1000;
  const sinks = options.sinks ?? [];
  const queues = new Map<string, TenantQueue>();
  const exporting = new Set<Promise<void>>();
  // One chain per sink keeps each sink's checkpoints in the order they were signed.
  const sinkTails = new Map<CheckpointSink, Promise<void>>(sinks.map((sink) => [sink, Promise.resolve()]));
  let closed = false;

  const queueOf = (tenant: string): TenantQueue => {
    let queue = queues.get(tenant);
    if (queue === undefined)
      queues.set(
        tenant,
        (queue = { tenant, waiting: [], writing: undefined, head: undefined, signedSeq: 0, unsigned: 0 }),
      );
    return queue;
  };

  async function write(queue: TenantQueue): Promise<void> {
    // Let every append made in the same synchronous burst join the first batch.
    await Promise.resolve();
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, maxBatch);
      try {
        const sealed = await options.store.append({
          tenant: queue.tenant,
          seal: (head) =>
            sealAuditEntries(
              head,
              batch.map((waiting) => waiting.draft),
            ),
        });
        sealed.forEach(({ payloadJson: _stored, ...entry }, index) => {
          const waiting = batch[index];
          waiting?.resolve({ ...entry, payload: waiting.draft.payload });
        });
        const last = sealed.at(-1);
        if (last !== undefined) queue.head = { tenant: queue.tenant, seq: last.seq, hash: last.hash };
        queue.unsigned += sealed.length;
        if (queue.unsigned >= every) signHead(queue);
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
  }

  function schedule(queue: TenantQueue): void {
    if (queue.writing !== undefined) return;
    queue.writing = write(queue).finally(() => {
      queue.writing = undefined;
      // An append that ran between the writer's last look at the queue and now found it still busy.
      if (queue.waiting.length > 0) schedule(queue);
    });
  }

  function signHead(queue: TenantQueue): AuditCheckpoint | undefined {
    const head = queue.head;
    if (head === undefined || head.seq <= queue.signedSeq) return undefined;
    queue.signedSeq = head.seq;
    queue.unsigned = 0;
    const checkpoint = options.signer.sign(head, now().toISOString());
    const task = exportCheckpoint(checkpoint).finally(() => exporting.delete(task));
    exporting.add(task);
    return checkpoint;
  }

  async function exportCheckpoint(checkpoint: AuditCheckpoint): Promise<void> {
    const stored = options.store.insertCheckpoint(checkpoint).catch((error: unknown) => report(error));
    const copied = sinks.map((sink) => {
      const tail = (sinkTails.get(sink) ?? Promise.resolve()).then(() =>
        sink.write(checkpoint).catch((error: unknown) => {
          report(
            new Error(
              `audit checkpoint ${checkpoint.tenant}#${checkpoint.seq} not exported to ${sink.name}: ${errorMessage(error)}`,
              { cause: error },
            ),
          );
        }),
      );
      sinkTails.set(sink, tail);
      return tail;
    });
    await Promise.all([stored, ...copied]);
  }

  async function flush(): Promise<void> {
    while ([...queues.values()].some((queue) => queue.writing !== undefined) || exporting.size > 0) {
      await Promise.all([...[...queues.values()].map((queue) => queue.writing), ...exporting]);
    }
  }

  async function checkpoint(tenant?: string): Promise<AuditCheckpoint[]> {
    const targets = tenant === undefined ? [...queues.values()] : [queueOf(tenant)];
    await Promise.all(targets.flatMap((queue) => queue.writing ?? []));
    const signed = targets.flatMap((queue) => signHead(queue) ?? []);
    await Promise.all([...exporting]);
    return signed;
  }

  const interval = options.checkpointIntervalMs ?? 60_000;
  const timer = setInterval(() => void checkpoint().catch(report), interval);
  timer.unref();

  return {
    // async: a refused entry becomes a rejection, never a throw on the caller's path.
    async append(input) {
      if (closed) throw new PodiumError('unsupported', 'the audit log is closed');
      const { tenant, ...fields } = parseAuditInput(input);
      const queue = queueOf(tenant);
      return new Promise<AuditEntry>((resolve, reject) => {
        queue.waiting.push({ draft: { at: now().toISOString(), ...fields }, resolve, reject });
        schedule(queue);
      });
    },
    checkpoint,
    flush,
    async close() {
      closed = true;
      clearInterval(timer);
      await flush();
      await checkpoint();
      await flush();
      await Promise.all(sinks.flatMap((sink) => (sink.close === undefined ? [] : [sink.close().catch(report)])));
    },
  };
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
