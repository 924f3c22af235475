/**
 * The semantic cache's rows in the store (migration 0010): vector, partition, salient tokens, expiry and
 * the answer, per store key. Rows are read back through a schema: a row another release or a faulty writer
 * left behind is skipped, never loaded into the index.
 */
import { z } from 'zod';
import type { SqlExecutor } from '../store/index.js';
import type { SalientTokens } from './salient-tokens.js';
import type { SemanticEntry } from './semantic-index.js';

/** What the index keeps of an entry; the answer stays in the database until a lookup needs it. */
export type StoredSemanticEntry = SemanticEntry;

/** A page of entries and the position to read on from. */
export interface SemanticEntryPage {
  entries: StoredSemanticEntry[];
  /** The highest `seq` read (or the one passed in when nothing was new). */
  cursor: number;
}

export interface SemanticEntryRepository {
  /** Writes (or replaces) the entry for `entry.storeKey` with its answer. */
  put(entry: StoredSemanticEntry & { answer: string }): Promise<void>;
  /** The stored answer for a key, unless it expired by `now`. */
  answer(storeKey: string, now: number): Promise<string | undefined>;
  /** The newest `limit` unexpired entries, oldest first: what a starting replica loads. */
  newest(options: { limit: number; now: number }): Promise<SemanticEntryPage>;
  /** Entries written after `cursor` (by any replica), oldest first, at most `limit`. */
  since(options: { cursor: number; limit: number; now: number }): Promise<SemanticEntryPage>;
  /** Deletes expired rows and all but the newest `keep`. */
  prune(options: { now: number; keep: number }): Promise<void>;
}

/** Vectors longer than any sentence model's are refused, like the worker's. */
const maxDimensions = 8192;
const words = z.array(z.string().max(1_000)).max(10_000);
const salientSchema = z.strictObject({ exact: z.string().max(100_000), entities: words, words, content: words });

const rowSchema = z.object({
  store_key: z.string().min(1),
  partition: z.string().min(1),
  vector: z
    .instanceof(Uint8Array)
    .refine((bytes) => bytes.byteLength > 0 && bytes.byteLength % 4 === 0 && bytes.byteLength <= maxDimensions * 4),
  salient: salientSchema,
  expires_at_ms: z.number().finite(),
  seq: z.number().int(),
});

const columns = 'store_key, partition, vector, salient, expires_at_ms, seq';

function encodeVector(vector: Float32Array): Buffer {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes;
}

function decodeVector(bytes: Uint8Array): Float32Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(bytes.byteLength / 4);
  for (let index = 0; index < vector.length; index += 1) vector[index] = view.getFloat32(index * 4, true);
  return vector.every(Number.isFinite) ? vector : undefined;
}

const encodeSalient = (salient: SalientTokens): string =>
  JSON.stringify({
    exact: salient.exact,
    entities: [...salient.entities],
    words: [...salient.words],
    content: [...salient.content],
  });

function toPage(rows: readonly unknown[], cursor: number): SemanticEntryPage {
  const entries: StoredSemanticEntry[] = [];
  let highest = cursor;
  for (const raw of rows) {
    const row = rowSchema.safeParse(raw);
    if (!row.success) continue;
    highest = Math.max(highest, row.data.seq);
    const vector = decodeVector(row.data.vector);
    if (vector === undefined) continue;
    const { salient } = row.data;
    entries.push({
      storeKey: row.data.store_key,
      partition: row.data.partition,
      vector,
      salient: {
        exact: salient.exact,
        entities: new Set(salient.entities),
        words: new Set(salient.words),
        content: new Set(salient.content),
      },
      expiresAt: row.data.expires_at_ms,
    });
  }
  return { entries, cursor: highest };
}

/** The repository over one migrated database (PGlite or PostgreSQL). */
export function createSemanticEntryRepository(sql: SqlExecutor): SemanticEntryRepository {
  return {
    async put(entry) {
      await sql.query(
        `INSERT INTO semantic_cache_entries (store_key, partition, vector, salient, answer, expires_at_ms) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (store_key) DO UPDATE SET partition = EXCLUDED.partition, vector = EXCLUDED.vector, salient = EXCLUDED.salient,
           answer = EXCLUDED.answer, expires_at_ms = EXCLUDED.expires_at_ms, seq = nextval('semantic_cache_entries_seq')`,
        [
          entry.storeKey,
          entry.partition,
          encodeVector(entry.vector),
          encodeSalient(entry.salient),
          entry.answer,
          Math.round(entry.expiresAt),
        ],
      );
    },
    async answer(storeKey, now) {
      const rows = await sql.query<{ answer: unknown }>(
        'SELECT answer FROM semantic_cache_entries WHERE store_key = $1 AND expires_at_ms > $2',
        [storeKey, Math.floor(now)],
      );
      const answer = rows[0]?.answer;
      return typeof answer === 'string' ? answer : undefined;
    },
    async newest({ limit, now }) {
      const rows = await sql.query(
        `SELECT ${columns} FROM semantic_cache_entries WHERE expires_at_ms > $1 ORDER BY seq DESC LIMIT $2`,
        [Math.floor(now), limit],
      );
      const page = toPage(rows, 0);
      // Highest seq of the whole table, not only of what was loaded: everything older was either loaded or left out on purpose.
      const [top] = await sql.query<{ seq: unknown }>(
        'SELECT coalesce(max(seq), 0) AS seq FROM semantic_cache_entries',
      );
      return { entries: page.entries.reverse(), cursor: Math.max(page.cursor, Number(top?.seq ?? 0)) };
    },
    async since({ cursor, limit, now }) {
      const rows = await sql.query(
        `SELECT ${columns} FROM semantic_cache_entries WHERE seq > $1 AND expires_at_ms > $2 ORDER BY seq LIMIT $3`,
        [cursor, Math.floor(now), limit],
      );
      return toPage(rows, cursor);
    },
    async prune({ now, keep }) {
      await sql.query('DELETE FROM semantic_cache_entries WHERE expires_at_ms <= $1', [Math.floor(now)]);
      await sql.query(
        'DELETE FROM semantic_cache_entries WHERE seq < (SELECT seq FROM semantic_cache_entries ORDER BY seq DESC OFFSET $1 LIMIT 1)',
        [Math.max(0, keep - 1)],
      );
    },
  };
}
