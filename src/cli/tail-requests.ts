import { requestPageSchema, type RequestRecord } from '../contract/index.js';
import type { AdminClient } from './admin-client.js';
import type { Sleep } from './cli-context.js';

/**
 * How far back polls look again. A ledger record is stamped when its call is received but written after
 * the call ends, plus up to one batch flush, so it can land behind records already shown. Every poll
 * re-reads `recentMs` (ordinary calls); every `sweepEveryMs` a poll re-reads `lateMs`, for long streams
 * and retried calls. A call that lands later than `lateMs` after its start is missed by `tail`, not by `list`.
 */
export const tailWindows: Readonly<TailWindows> = { recentMs: 10_000, lateMs: 600_000, sweepEveryMs: 30_000 };

export interface TailWindows {
  recentMs: number;
  lateMs: number;
  sweepEveryMs: number;
}

/** The filters `requests tail` passes through to GET /api/v1/requests. */
export interface RequestFilters {
  team?: string | undefined;
  key?: string | undefined;
  model?: string | undefined;
}

export interface TailOptions {
  client: AdminClient;
  filters: RequestFilters;
  /** How many of the newest existing records to show first. */
  backlog: number;
  intervalMs: number;
  sleep: Sleep;
  signal: AbortSignal;
  /** Receives each batch of records not seen before, oldest first; every record arrives exactly once. */
  onRecords: (records: RequestRecord[]) => Promise<void> | void;
  /** Records per page fetched (the API allows up to 1000). */
  pageSize?: number | undefined;
  windows?: Readonly<TailWindows> | undefined;
}

/**
 * Polls the ledger until `signal` aborts. Each poll asks for everything since the newest record seen minus
 * a window (see `tailWindows`), follows `nextCursor` to the end, and hands on only the records it has not seen.
 */
export async function tailRequests(options: TailOptions): Promise<void> {
  const pageSize = options.pageSize ?? 1000;
  const windows = options.windows ?? tailWindows;
  // Counted in polls, not read from a clock, so the loop is driven by `sleep` alone.
  const pollsPerSweep = Math.max(1, Math.round(windows.sweepEveryMs / options.intervalMs));
  const seen = new Map<string, number>();
  let newest: number | undefined;

  const remember = (records: RequestRecord[]): void => {
    for (const record of records) {
      const at = Date.parse(record.at);
      seen.set(record.id, at);
      if (newest === undefined || at > newest) newest = at;
    }
    for (const [id, at] of seen) if (newest !== undefined && at < newest - windows.lateMs) seen.delete(id);
  };

  // First poll: the newest `backlog` records are shown; the rest of the window only counts as seen.
  const backlogWindow = await fetchPages(options, { limit: pageSize }, (records) => {
    const last = records.at(-1);
    const first = records[0];
    return (
      records.length >= options.backlog &&
      last !== undefined &&
      first !== undefined &&
      Date.parse(last.at) < Date.parse(first.at) - windows.lateMs
    );
  });
  remember(backlogWindow);
  await deliver(options, backlogWindow.slice(0, options.backlog));

  for (let poll = 1; await pause(options); poll += 1) {
    const windowMs = poll % pollsPerSweep === 0 ? windows.lateMs : windows.recentMs;
    const since = newest === undefined ? undefined : new Date(newest - windowMs).toISOString();
    const fresh = (await fetchPages(options, { since, limit: pageSize }, () => false)).filter(
      (record) => !seen.has(record.id),
    );
    remember(fresh);
    await deliver(options, fresh);
  }
}

async function fetchPages(
  options: TailOptions,
  query: { since?: string | undefined; limit: number },
  isEnough: (records: RequestRecord[]) => boolean,
): Promise<RequestRecord[]> {
  const records: RequestRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await options.client.call({
      method: 'GET',
      path: '/api/v1/requests',
      query: { ...options.filters, ...query, cursor },
      schema: requestPageSchema,
    });
    records.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && !isEnough(records));
  return records;
}

/** Pages come newest first; records are delivered oldest first. */
async function deliver(options: TailOptions, newestFirst: RequestRecord[]): Promise<void> {
  if (newestFirst.length === 0) return;
  const oldestFirst = newestFirst.toReversed().sort((left, right) => Date.parse(left.at) - Date.parse(right.at));
  await options.onRecords(oldestFirst);
}

/** Sleeps one interval; false once the signal has aborted. */
async function pause(options: TailOptions): Promise<boolean> {
  if (options.signal.aborted) return false;
  try {
    await options.sleep(options.intervalMs, options.signal);
  } catch (error) {
    if (options.signal.aborted) return false;
    throw error;
  }
  return !options.signal.aborted;
}
