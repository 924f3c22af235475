import {
  auditCheckpointSchema,
  auditEntryPageSchema,
  auditHeadSchema,
  auditPublicKeySchema,
  listOf,
  type AuditCheckpoint,
  type AuditHead,
  type AuditPublicKey,
  type StoredAuditEntry,
} from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import type { CliContext } from './cli-context.js';

/** Where `podium audit verify` reads the log from: the admin API of a running Podium, or its database. */
export interface AuditSource {
  /** For messages: `http://127.0.0.1:4141`, `the database`. */
  readonly name: string;
  /** Entries per page: the API serves at most 5,000; a database read goes faster in larger pages. */
  readonly pageSize: number;
  list(query: { tenant: string; after: number; limit: number }): Promise<readonly StoredAuditEntry[]>;
  heads(): Promise<readonly AuditHead[]>;
  checkpoints(tenant?: string): Promise<readonly AuditCheckpoint[]>;
  /** The server's own signing key; undefined where there is no server to ask. */
  publicKey?: (() => Promise<AuditPublicKey>) | undefined;
  close(): Promise<void>;
}

/** The admin API at PODIUM_URL with PODIUM_ADMIN_KEY. */
export function apiAuditSource(context: Pick<CliContext, 'env' | 'fetch' | 'signal'>): AuditSource {
  const client = createAdminClient(context);
  return {
    name: client.baseUrl,
    pageSize: 5000,
    list: async (query) =>
      (
        await client.call({
          method: 'GET',
          path: '/api/v1/audit/entries',
          query: { ...query },
          schema: auditEntryPageSchema,
        })
      ).data,
    heads: async () =>
      (await client.call({ method: 'GET', path: '/api/v1/audit/heads', schema: listOf(auditHeadSchema) })).data,
    checkpoints: async (tenant) =>
      (
        await client.call({
          method: 'GET',
          path: '/api/v1/audit/checkpoints',
          query: { tenant },
          schema: listOf(auditCheckpointSchema),
        })
      ).data,
    publicKey: () => client.call({ method: 'GET', path: '/api/v1/audit/public-key', schema: auditPublicKeySchema }),
    close: () => Promise.resolve(),
  };
}

/** A PostgreSQL URL or a data directory, opened by the server's code (loaded only for this). */
export async function databaseAuditSource(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): Promise<AuditSource> {
  const { openAuditDatabase } = await import('../server/open-audit-database.js');
  const database = await openAuditDatabase(options);
  return {
    name: options.databaseUrl === undefined ? `data directory ${options.dataDir ?? ''}` : 'the database',
    // Measured on PGlite (before 0005), 100,000 entries: 4.1 s in pages of 5,000, 2.4 s in pages of 20,000 (per-query cost).
    pageSize: 20_000,
    list: (query) => database.list(query),
    heads: () => database.heads(),
    checkpoints: (tenant) => database.checkpoints(tenant),
    close: () => database.close(),
  };
}
