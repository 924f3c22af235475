import type { StoredAuditEntry } from '../../../contract/index.js';
import type { AuditPageQuery } from './audit-store.js';

export interface ReadAuditPagesOptions {
  /** Fetches one page (the store, the admin API, a database opened by the CLI). */
  page: (query: AuditPageQuery) => Promise<readonly StoredAuditEntry[]>;
  tenants: readonly string[];
  /** Default 5,000. */
  pageSize?: number | undefined;
}

/**
 * Streams the entries of each tenant in seq order, one page at a time, fetching the next page while the
 * caller hashes the current one. Keyset paging on `after`: rows appended meanwhile never shift a page.
 */
export async function* readAuditPages(options: ReadAuditPagesOptions): AsyncGenerator<StoredAuditEntry> {
  const limit = options.pageSize ?? 5000;
  for (const tenant of options.tenants) {
    let next: Promise<readonly StoredAuditEntry[]> | undefined = options.page({ tenant, after: 0, limit });
    while (next !== undefined) {
      const entries: readonly StoredAuditEntry[] = await next;
      const last = entries.at(-1);
      // A short page is the last; following the last seq (not a count) keeps a gap from ending the stream early.
      next =
        entries.length < limit || last === undefined ? undefined : options.page({ tenant, after: last.seq, limit });
      // Marked handled: if the caller stops early the prefetched page is never awaited, and must not crash the process.
      next?.catch(() => undefined);
      yield* entries;
    }
  }
}
