/**
 * The semantic index kept in the store as well as in memory: loaded at start (the newest `maxEntries`
 * unexpired rows), written behind each stored answer, and refreshed every `syncIntervalMs` with the rows
 * other replicas wrote since the last look. Lookups stay in memory (no SQL on a miss); a matched entry
 * whose answer is not in the response cache's own store (process memory after a restart, another
 * replica's memory) is read from its row. A store outage only stops sharing: lookups go on from memory.
 */
import type { SemanticEntryRepository } from './semantic-entry-repository.js';
import { SemanticIndex, type SemanticEntry } from './semantic-index.js';

export interface SharedSemanticIndexOptions {
  repository: SemanticEntryRepository;
  /** `cache.maxEntries`: entries held in memory, and rows kept in the store. */
  maxEntries: number;
  /** Milliseconds, wall clock in production (expiry is compared across replicas). */
  now: () => number;
  /** How often to read other replicas' new entries (0: only at start; tests call `sync`). */
  syncIntervalMs: number;
  onError?: ((error: unknown) => void) | undefined;
}

export interface SharedSemanticIndex {
  readonly index: SemanticIndex;
  /** Queues the entry and its answer for writing; never waits for the store. */
  persist(entry: SemanticEntry, answer: string): void;
  /** The answer stored with `storeKey`'s entry, unless expired or unreadable. */
  answer(storeKey: string): Promise<string | undefined>;
  /** Reads the rows written since the last look into the index (the timer does this every interval). */
  sync(): Promise<void>;
  /** Stops the timer and waits for queued writes (at most `timeoutMs`). */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/** Writes waiting for the store; past this, new entries are indexed in memory only. */
const maxPendingWrites = 1_000;
/** Rows read per query, so one sync never holds a huge result in memory at once. */
const pageSize = 1_000;
/** Every this many syncs, expired rows and rows beyond `maxEntries` are deleted. */
const pruneEvery = 12;

/** Opens the shared index: loads what the store holds now, then starts the refresh timer. */
export async function openSharedSemanticIndex(options: SharedSemanticIndexOptions): Promise<SharedSemanticIndex> {
  const { repository, now } = options;
  const onError = options.onError ?? (() => undefined);
  const index = new SemanticIndex({ maxEntries: options.maxEntries, now });
  const pending: { entry: SemanticEntry; answer: string }[] = [];
  let writing: Promise<void> | undefined;
  let cursor = 0;
  let syncs = 0;
  let syncing: Promise<void> | undefined;

  try {
    const loaded = await repository.newest({ limit: options.maxEntries, now: now() });
    for (const entry of loaded.entries) index.add(entry);
    cursor = loaded.cursor;
  } catch (error) {
    // Starting with an empty index is a cold cache, not a reason to refuse to start.
    onError(error);
  }

  const drain = async (): Promise<void> => {
    for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
      await repository.put({ ...next.entry, answer: next.answer }).catch(onError);
    }
    writing = undefined;
  };

  const syncOnce = async (): Promise<void> => {
    for (let read = 0; read < options.maxEntries;) {
      const page = await repository.since({ cursor, limit: pageSize, now: now() });
      for (const entry of page.entries) index.add(entry);
      const advanced = page.cursor > cursor;
      cursor = page.cursor;
      read += page.entries.length;
      if (!advanced || page.entries.length < pageSize) break;
    }
    syncs += 1;
    if (syncs % pruneEvery === 0) await repository.prune({ now: now(), keep: options.maxEntries });
  };

  const sync = (): Promise<void> => {
    syncing ??= syncOnce()
      .catch(onError)
      .finally(() => {
        syncing = undefined;
      });
    return syncing;
  };

  const timer = options.syncIntervalMs > 0 ? setInterval(() => void sync(), options.syncIntervalMs) : undefined;
  timer?.unref();

  return {
    index,
    persist(entry, answer) {
      if (pending.length >= maxPendingWrites) {
        onError(new Error('semantic cache: too many entries waiting for the store; this one is kept in memory only'));
        return;
      }
      pending.push({ entry, answer });
      writing ??= drain();
    },
    async answer(storeKey) {
      try {
        return await repository.answer(storeKey, now());
      } catch (error) {
        onError(error);
        return undefined;
      }
    },
    sync,
    async close(closeOptions = {}) {
      clearInterval(timer);
      const timeoutMs = closeOptions.timeoutMs ?? 5_000;
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([writing, syncing]),
        new Promise((resolve) => (timeout = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timeout);
    },
  };
}
