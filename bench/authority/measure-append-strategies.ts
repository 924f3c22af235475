/**
 * How replicas keep one chain per tenant, measured on PostgreSQL: (a) the repository's lock on the tenant's
 * head row (`INSERT … ON CONFLICT DO UPDATE … RETURNING` then insert and move the head), against (b) no lock:
 * read the last entry, insert, and retry the whole batch when the primary key (tenant, seq) says another
 * replica got there first. Several replicas (one pool each) append batches to the same tenant at once.
 */
import { randomUUID } from 'node:crypto';
import { auditGenesisHash, type StoredAuditEntry } from '../../src/contract/index.js';
import { createAuditRepository, sealAuditEntries, type AuditDraft } from '../../src/server/governance/audit/index.js';
import { openPostgresClient, type SqlClient, type SqlExecutor } from '../../src/server/store/index.js';

export interface StrategyFigures {
  entriesPerSecond: number;
  /** Batches redone after losing a race (unique-and-retry only). */
  retries: number;
}

export interface AppendStrategiesResult {
  replicas: number;
  batchSize: number;
  headLock: StrategyFigures;
  uniqueRetry: StrategyFigures;
}

const insertBatch = `INSERT INTO audit_log (tenant, seq, at, kind, actor, subject, payload_json, prev_hash, hash)
SELECT $1, u.seq, u.at, u.kind, u.actor, u.subject, u.payload_json, u.prev_hash, u.hash
FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
  AS u(seq, at, kind, actor, subject, payload_json, prev_hash, hash)`;

const columns = (tenant: string, entries: readonly StoredAuditEntry[]): unknown[] => [
  tenant,
  entries.map((entry) => entry.seq),
  entries.map((entry) => entry.at),
  entries.map((entry) => entry.kind),
  entries.map((entry) => entry.actor),
  entries.map((entry) => entry.subject),
  entries.map((entry) => entry.payloadJson),
  entries.map((entry) => entry.prevHash),
  entries.map((entry) => entry.hash),
];

/** Strategy (b): optimistic, the primary key arbitrates. Returns the number of retries. */
async function appendUniqueRetry(options: {
  sql: SqlClient;
  tenant: string;
  drafts: readonly AuditDraft[];
}): Promise<number> {
  for (let retries = 0; ; retries += 1) {
    try {
      await options.sql.transaction(async (tx: SqlExecutor) => {
        const [last] = await tx.query<{ seq: number; hash: string }>(
          'SELECT seq, hash FROM audit_log WHERE tenant = $1 ORDER BY seq DESC LIMIT 1',
          [options.tenant],
        );
        const entries = sealAuditEntries(
          { tenant: options.tenant, seq: last?.seq ?? 0, hash: last?.hash ?? auditGenesisHash },
          options.drafts,
        );
        await tx.query(insertBatch, columns(options.tenant, entries));
      });
      return retries;
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }
}

const drafts = (size: number): AuditDraft[] =>
  Array.from({ length: size }, (_, index) => ({
    at: new Date().toISOString(),
    kind: 'decision',
    actor: 'replica',
    subject: `req_${index}`,
    payload: { index, outcome: 'approved' },
  }));

/** Runs both strategies with `replicas` pools on a migrated `schema` and returns their throughput. */
export async function measureAppendStrategies(options: {
  url: string;
  schema: string;
  replicas: number;
  batchesPerReplica: number;
  batchSize: number;
}): Promise<AppendStrategiesResult> {
  const pools = Array.from({ length: options.replicas }, () =>
    openPostgresClient({ url: options.url, schema: options.schema, maxConnections: 2 }),
  );
  const total = options.replicas * options.batchesPerReplica * options.batchSize;
  try {
    const run = async (append: (sql: SqlClient, tenant: string) => Promise<number>): Promise<StrategyFigures> => {
      const tenant = `org_race_${randomUUID().slice(0, 8)}`;
      const started = performance.now();
      const retries = await Promise.all(
        pools.map(async (sql) => {
          let lost = 0;
          for (let batch = 0; batch < options.batchesPerReplica; batch += 1) lost += await append(sql, tenant);
          return lost;
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const [count] = await (pools[0] as SqlClient).query<{ n: number; max: number }>(
        'SELECT count(*)::int AS n, max(seq)::int AS max FROM audit_log WHERE tenant = $1',
        [tenant],
      );
      if (count?.n !== total || count.max !== total)
        throw new Error(`chain of ${tenant} has ${count?.n} entries up to seq ${count?.max}, expected ${total}`);
      return { entriesPerSecond: Math.round(total / seconds), retries: retries.reduce((sum, lost) => sum + lost, 0) };
    };
    const headLock = await run(async (sql, tenant) => {
      const batch = drafts(options.batchSize);
      await createAuditRepository(sql).append({ tenant, seal: (head) => sealAuditEntries(head, batch) });
      return 0;
    });
    const uniqueRetry = await run((sql, tenant) =>
      appendUniqueRetry({ sql, tenant, drafts: drafts(options.batchSize) }),
    );
    return { replicas: options.replicas, batchSize: options.batchSize, headLock, uniqueRetry };
  } finally {
    await Promise.all(pools.map((sql) => sql.close()));
  }
}
