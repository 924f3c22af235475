import { PodiumError } from '../../../contract/index.js';
import { toIsoString, toIsoStringOrNull, type SqlClient, type SqlExecutor } from '../../store/index.js';
import { toolDefinitionSchema } from '../tool-definition.js';
import type { PendingTool, PendingToolState, ToolPin } from './tool-pin.js';
import type { ToolPins } from './tool-pins.js';

interface PinRow {
  upstream: string;
  tool: string;
  digest: string;
  definition: unknown;
  pinned_at: Date;
  pinned_by: string;
}

interface PendingRow {
  upstream: string;
  tool: string;
  digest: string;
  definition: unknown;
  state: PendingToolState;
  first_seen_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
}

const pinColumns = 'upstream, tool, digest, definition, pinned_at, pinned_by';
const pendingColumns = 'upstream, tool, digest, definition, state, first_seen_at, decided_at, decided_by';

// Stored JSON is parsed at the boundary: a row edited by hand fails here, by name, not in a caller.
const toPin = (row: PinRow): ToolPin => ({
  upstream: row.upstream,
  tool: row.tool,
  digest: row.digest,
  definition: toolDefinitionSchema.parse(row.definition),
  pinnedAt: toIsoString(row.pinned_at),
  pinnedBy: row.pinned_by,
});

const toPending = (row: PendingRow): PendingTool => ({
  upstream: row.upstream,
  tool: row.tool,
  digest: row.digest,
  definition: toolDefinitionSchema.parse(row.definition),
  state: row.state,
  firstSeenAt: toIsoString(row.first_seen_at),
  decidedAt: toIsoStringOrNull(row.decided_at),
  decidedBy: row.decided_by,
});

/** Serialised by us: node-postgres would send an object's JSON, but a string as bare text. */
const json = (value: unknown): string => JSON.stringify(value);

async function pinOf(sql: SqlExecutor, upstream: string, tool: string): Promise<ToolPin | undefined> {
  const [row] = await sql.query<PinRow>(`SELECT ${pinColumns} FROM tool_pins WHERE upstream = $1 AND tool = $2`, [
    upstream,
    tool,
  ]);
  return row && toPin(row);
}

/** Pins and pending definitions in PostgreSQL (migration 13). */
export function createToolPinRepository(sql: SqlClient): ToolPins {
  return {
    async pins() {
      const rows = await sql.query<PinRow>(`SELECT ${pinColumns} FROM tool_pins ORDER BY upstream, tool`);
      return rows.map(toPin);
    },

    async pending() {
      const rows = await sql.query<PendingRow>(`SELECT ${pendingColumns} FROM tool_pending ORDER BY upstream, tool`);
      return rows.map(toPending);
    },

    async observe(seen) {
      // Two attempts: the row that kept the insert from happening may be deleted (approved) before it is read.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        // The same digest keeps its row (and its first sighting, and a rejection); another digest starts over.
        const [row] = await sql.query<PendingRow>(
          `INSERT INTO tool_pending (upstream, tool, digest, definition, state, first_seen_at)
           VALUES ($1, $2, $3, $4::jsonb, 'pending', $5::timestamptz)
           ON CONFLICT (upstream, tool) DO UPDATE SET
             digest = EXCLUDED.digest, definition = EXCLUDED.definition, state = 'pending',
             first_seen_at = EXCLUDED.first_seen_at, decided_at = NULL, decided_by = NULL
           WHERE tool_pending.digest <> EXCLUDED.digest
           RETURNING ${pendingColumns}`,
          [seen.upstream, seen.tool, seen.digest, json(seen.definition), seen.at],
        );
        if (row !== undefined) return toPending(row);
        const [kept] = await sql.query<PendingRow>(
          `SELECT ${pendingColumns} FROM tool_pending WHERE upstream = $1 AND tool = $2`,
          [seen.upstream, seen.tool],
        );
        if (kept !== undefined) return toPending(kept);
      }
      throw new PodiumError('conflict', `tool ${seen.upstream}/${seen.tool} keeps changing: list it again`, {
        param: 'tool',
        retryable: true,
      });
    },

    async clearPending(upstream, tool) {
      await sql.query('DELETE FROM tool_pending WHERE upstream = $1 AND tool = $2', [upstream, tool]);
    },

    approve(decision) {
      return sql.transaction(async (tx) => {
        const [pending] = await tx.query<PendingRow>(
          `DELETE FROM tool_pending WHERE upstream = $1 AND tool = $2 AND digest = $3 RETURNING ${pendingColumns}`,
          [decision.upstream, decision.tool, decision.digest],
        );
        if (pending === undefined) return undefined;
        const [previous] = await tx.query<{ digest: string }>(
          'SELECT digest FROM tool_pins WHERE upstream = $1 AND tool = $2 FOR UPDATE',
          [decision.upstream, decision.tool],
        );
        const [row] = await tx.query<PinRow>(
          `INSERT INTO tool_pins (upstream, tool, digest, definition, pinned_at, pinned_by)
           VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz, $6)
           ON CONFLICT (upstream, tool) DO UPDATE SET
             digest = EXCLUDED.digest, definition = EXCLUDED.definition, pinned_at = EXCLUDED.pinned_at,
             pinned_by = EXCLUDED.pinned_by
           RETURNING ${pinColumns}`,
          [decision.upstream, decision.tool, decision.digest, json(pending.definition), decision.at, decision.by],
        );
        if (row === undefined) return undefined;
        return { pin: toPin(row), previousDigest: previous?.digest ?? null };
      });
    },

    async reject(decision) {
      const rows = await sql.query<{ tool: string }>(
        `UPDATE tool_pending SET state = 'rejected', decided_at = $4::timestamptz, decided_by = $5
         WHERE upstream = $1 AND tool = $2 AND digest = $3 AND state = 'pending' RETURNING tool`,
        [decision.upstream, decision.tool, decision.digest, decision.at, decision.by],
      );
      return rows.length > 0;
    },

    async pinFirstSeen(seen) {
      await sql.query(
        `INSERT INTO tool_pins (upstream, tool, digest, definition, pinned_at, pinned_by)
         VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz, 'first-seen') ON CONFLICT (upstream, tool) DO NOTHING`,
        [seen.upstream, seen.tool, seen.digest, json(seen.definition), seen.at],
      );
      const pin = await pinOf(sql, seen.upstream, seen.tool);
      // A row cannot vanish: pins are never deleted.
      if (pin === undefined) throw new Error(`tool pin ${seen.upstream}/${seen.tool} vanished`);
      return pin;
    },
  };
}
