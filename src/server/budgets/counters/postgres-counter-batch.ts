/**
 * Applies a batch of counter operations (reserves and adjusts) in one PostgreSQL transaction of two
 * statements, with the outcome each would have had alone, in arrival order — as the Redis script does:
 *
 * 1. claim every operation id and lock every counter row the batch touches (creating missing rows), in one
 *    statement: an upsert locks the rows it meets, in key order, so two batches touching the same keys queue
 *    instead of deadlocking;
 * 2. evaluate the operations here, one after the other, against the locked values: a reservation that would
 *    take a counter over its limit is refused and adds nothing, the next one sees what the earlier ones added;
 * 3. add the per-key totals and record every outcome, in one statement.
 *
 * The rows stay locked from 1 to COMMIT, so nothing else changes them in between: evaluating in Node is as
 * atomic as a check in SQL, across every replica on the database. An id already recorded (a retry, or a
 * replay by another replica) is not applied: its stored outcome is read back (a third statement, only then).
 */
import { z } from 'zod';
import { PodiumError } from '../../../contract/index.js';
import type { SqlExecutor } from '../../store/index.js';
import type { CounterDebit, CounterDelta, ReserveOutcome } from '../budget-counters.js';

/** One queued operation, its input already checked (a bad one must not fail its batch). */
export type CounterOperation =
  | { kind: 'reserve'; id: string; debits: readonly CounterDebit[] }
  | { kind: 'adjust'; id: string; deltas: readonly CounterDelta[] };

const storedOutcomeSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), key: z.string(), used: z.number(), limit: z.number() }),
  z.object({ adjusted: z.literal(true) }),
]);

const adjustedOutcome = '{"adjusted":true}';

// The no-op DO UPDATE is what locks an existing row (DO NOTHING would not); it touches no indexed column,
// so the new row version stays on its page. Ids and keys go in sorted: a unique-index insert waits on
// another transaction inserting the same value, and sorted inputs make those waits queue, not cycle.
const claimAndLockStatement = `WITH claim AS (
  INSERT INTO budget_counter_operations (id, outcome)
  SELECT id, outcome::jsonb FROM unnest($1::text[], $2::text[]) AS input(id, outcome) ORDER BY id
  ON CONFLICT (id) DO NOTHING RETURNING id
), locked AS (
  INSERT INTO budget_counters (key) SELECT key FROM unnest($3::text[]) AS input(key) ORDER BY key
  ON CONFLICT (key) DO UPDATE SET used = budget_counters.used
  RETURNING key, CASE WHEN expires_at <= now() THEN 0 ELSE used END AS used
)
SELECT true AS claim, id AS name, 0::bigint AS used FROM claim
UNION ALL SELECT false, key, used FROM locked`;

// An expired counter restarts from 0, as a Redis key past its EXPIRE would; a given ttl renews the expiry.
const addAndRecordStatement = `WITH added AS (
  UPDATE budget_counters AS c SET
    used = CASE WHEN c.expires_at <= now() THEN 0 ELSE c.used END + d.amount,
    expires_at = CASE
      WHEN d.ttl IS NOT NULL THEN now() + make_interval(secs => d.ttl)
      WHEN c.expires_at <= now() THEN NULL
      ELSE c.expires_at END,
    updated_at = now()
  FROM unnest($1::text[], $2::bigint[], $3::int[]) AS d(key, amount, ttl)
  WHERE c.key = d.key
)
UPDATE budget_counter_operations AS o SET outcome = r.outcome::jsonb
FROM unnest($4::text[], $5::text[]) AS r(id, outcome) WHERE o.id = r.id`;

const storedStatement = 'SELECT id, outcome FROM budget_counter_operations WHERE id = ANY($1::text[])';

/** What one batch does to one counter: the sum of the applied amounts and the last ttl given. */
interface KeyTotal {
  amount: number;
  ttl: number | null;
}

const entriesOf = (operation: CounterOperation): readonly CounterDelta[] =>
  operation.kind === 'reserve' ? operation.debits : operation.deltas;

/** The first limited debit the running values cannot take; checked before any of the operation's own additions. */
function refusalOf(debits: readonly CounterDebit[], used: ReadonlyMap<string, number>): ReserveOutcome | undefined {
  for (const debit of debits) {
    if (debit.limit === undefined) continue;
    const current = used.get(debit.key) ?? 0;
    if (current + debit.amount > debit.limit) return { ok: false, key: debit.key, used: current, limit: debit.limit };
  }
  return undefined;
}

function parseStored(id: string, outcome: unknown): ReserveOutcome {
  const parsed = storedOutcomeSchema.safeParse(outcome);
  if (!parsed.success)
    throw new PodiumError('internal_error', `budget counter operation "${id}" has no readable outcome`);
  // An id first used by an adjust was applied; nothing is refused for it.
  return 'adjusted' in parsed.data ? { ok: true } : parsed.data;
}

/**
 * Applies `operations` inside the open transaction `tx`; returns one outcome each, in order (`{ ok: true }`
 * for adjusts). The same id twice in one batch is one operation: the later ones get the first one's outcome.
 */
export async function applyCounterBatch(
  tx: SqlExecutor,
  operations: readonly CounterOperation[],
): Promise<ReserveOutcome[]> {
  const first = new Map<string, CounterOperation>();
  for (const operation of operations) if (!first.has(operation.id)) first.set(operation.id, operation);
  const ids = [...first.keys()].sort();
  const keys = [
    ...new Set([...first.values()].flatMap((operation) => entriesOf(operation).map((entry) => entry.key))),
  ].sort();
  const claimOutcomes = ids.map((id) => (first.get(id)?.kind === 'adjust' ? adjustedOutcome : null));

  const rows = await tx.query<{ claim: boolean; name: string; used: number }>(claimAndLockStatement, [
    ids,
    claimOutcomes,
    keys,
  ]);
  const claimed = new Set<string>();
  const used = new Map<string, number>();
  for (const row of rows) {
    if (row.claim) claimed.add(row.name);
    else used.set(row.name, Number(row.used));
  }

  const outcomes = new Map<string, ReserveOutcome>();
  const totals = new Map<string, KeyTotal>();
  const recorded: { ids: string[]; outcomes: string[] } = { ids: [], outcomes: [] };
  for (const [id, operation] of first) {
    if (!claimed.has(id)) continue;
    const refusal = operation.kind === 'reserve' ? refusalOf(operation.debits, used) : undefined;
    if (refusal === undefined) {
      for (const entry of entriesOf(operation)) {
        used.set(entry.key, (used.get(entry.key) ?? 0) + entry.amount);
        const total = totals.get(entry.key) ?? { amount: 0, ttl: null };
        total.amount += entry.amount;
        total.ttl = entry.ttlSeconds ?? total.ttl;
        totals.set(entry.key, total);
      }
    }
    const outcome = refusal ?? { ok: true as const };
    outcomes.set(id, outcome);
    if (operation.kind === 'reserve') {
      recorded.ids.push(id);
      recorded.outcomes.push(JSON.stringify(outcome));
    }
  }

  if (totals.size > 0 || recorded.ids.length > 0) {
    const added = [...totals.keys()];
    await tx.query(addAndRecordStatement, [
      added,
      added.map((key) => totals.get(key)?.amount ?? 0),
      added.map((key) => totals.get(key)?.ttl ?? null),
      recorded.ids,
      recorded.outcomes,
    ]);
  }

  const unclaimed = ids.filter((id) => !claimed.has(id));
  if (unclaimed.length > 0) {
    const stored = await tx.query<{ id: string; outcome: unknown }>(storedStatement, [unclaimed]);
    for (const row of stored) outcomes.set(row.id, parseStored(row.id, row.outcome));
  }

  return operations.map((operation) => {
    const outcome = outcomes.get(operation.id);
    if (outcome === undefined)
      throw new PodiumError('internal_error', `budget counter operation "${operation.id}" has no outcome`);
    return outcome;
  });
}
