import type { KeyObject } from 'node:crypto';
import { auditGenesisHash, type AuditCheckpoint, type StoredAuditEntry } from '../../../contract/index.js';
import { storedAuditEntryHash } from './audit-entry-hash.js';
import { auditKeyId, checkpointSignatureProblem } from './checkpoint-signer.js';

/**
 * What went wrong, named after the attack that leaves this trace:
 * `edited` an entry's content no longer hashes to its stored hash; `rewritten` an entry was edited and
 * re-hashed, so the next entry no longer links to it; `missing` a gap in seq (deleted entries); `reordered`
 * entries out of seq order or linked to an entry at another position; `truncated` the log ends before a
 * signed checkpoint; `checkpoint-mismatch` the chain holds together but not with what a checkpoint signed
 * (a full re-hash); `forged-checkpoint` a checkpoint whose signature does not verify.
 */
export type AuditProblemKind =
  'edited' | 'rewritten' | 'missing' | 'reordered' | 'truncated' | 'checkpoint-mismatch' | 'forged-checkpoint';

export interface AuditProblem {
  kind: AuditProblemKind;
  tenant: string;
  /** The entry (or checkpoint) where the problem shows. */
  seq: number;
  message: string;
}

export interface VerifyAuditLogOptions {
  /** Every tenant's entries as stored, each tenant's in seq order; tenants may interleave. Streamed, never held. */
  entries: AsyncIterable<StoredAuditEntry> | Iterable<StoredAuditEntry>;
  /** The checkpoints exported outside the database (the JSONL file), all tenants. */
  checkpoints: readonly AuditCheckpoint[];
  /** Keys checkpoints may be signed with (several after a rotation, or one per replica). */
  publicKeys: readonly KeyObject[];
  /** Problems listed before the rest are only counted (a renumbered log would list every entry). Default 1,000. */
  maxProblems?: number | undefined;
}

/** Where one tenant's chain ended and how much of it signed checkpoints vouch for. */
export interface AuditTenantSummary {
  tenant: string;
  entries: number;
  lastSeq: number;
  lastHash: string;
  /** Highest seq a valid checkpoint confirmed, 0 when none did. */
  confirmedSeq: number;
}

export interface AuditVerifyReport {
  ok: boolean;
  entries: number;
  checkpoints: { given: number; valid: number; matched: number };
  tenants: AuditTenantSummary[];
  /** Sorted by tenant, then seq. */
  problems: AuditProblem[];
  /** Problems found beyond `maxProblems`. */
  omittedProblems: number;
}

/** How far back a link to another position is looked for when the chain breaks. */
const recentWindow = 1024;

interface TenantState {
  summary: AuditTenantSummary;
  /** The last `recentWindow` entries' seq and stored hash, a ring. */
  recent: ({ seq: number; hash: string } | undefined)[];
  /** prev_hash → seq of entries whose predecessor was not the entry before them: a later entry may be it. */
  pending: Map<string, number>;
}

/**
 * Re-hashes every entry and checks each tenant's chain against itself and against the signed checkpoints.
 * Lists every problem with its seq; `ok` only when there is none. Resists nothing by itself: feed it
 * checkpoints from outside the database and a public key obtained out of band (see docs/audit.md).
 */
export async function verifyAuditLog(options: VerifyAuditLogOptions): Promise<AuditVerifyReport> {
  const problems: AuditProblem[] = [];
  const maxProblems = options.maxProblems ?? 1000;
  let omittedProblems = 0;
  const report = (problem: AuditProblem): void => {
    if (problems.length < maxProblems) problems.push(problem);
    else omittedProblems += 1;
  };

  const checkpoints = indexCheckpoints({ checkpoints: options.checkpoints, publicKeys: options.publicKeys, report });
  const states = new Map<string, TenantState>();
  let entries = 0;
  let matched = 0;
  for await (const entry of options.entries) {
    entries += 1;
    let state = states.get(entry.tenant);
    if (state === undefined) {
      state = {
        summary: { tenant: entry.tenant, entries: 0, lastSeq: 0, lastHash: auditGenesisHash, confirmedSeq: 0 },
        recent: [],
        pending: new Map(),
      };
      states.set(entry.tenant, state);
    }
    const computed = checkEntry({ state, entry, report });
    const checkpoint = computed === undefined ? undefined : checkpoints.get(entry.tenant)?.get(entry.seq);
    if (checkpoint === undefined) continue;
    if (checkpoint.hash === computed) {
      matched += 1;
      state.summary.confirmedSeq = entry.seq;
    } else {
      report({
        kind: 'checkpoint-mismatch',
        tenant: entry.tenant,
        seq: entry.seq,
        message: `differs from the checkpoint signed at ${checkpoint.at} (hash ${checkpoint.hash.slice(0, 12)}…): the chain was rewritten up to here`,
      });
    }
  }

  for (const [tenant, bySeq] of checkpoints) {
    const last = states.get(tenant)?.summary.lastSeq ?? 0;
    const highest = Math.max(...bySeq.keys());
    if (last >= highest) continue;
    const signed = bySeq.get(highest);
    report({
      kind: 'truncated',
      tenant,
      seq: last + 1,
      message: `the log ends at seq ${last} but a checkpoint signed at ${signed?.at ?? '?'} vouches for seq ${highest}: entries ${last + 1}..${highest} were removed`,
    });
  }

  problems.sort((a, b) => (a.tenant === b.tenant ? a.seq - b.seq : a.tenant < b.tenant ? -1 : 1));
  const valid = [...checkpoints.values()].reduce((sum, bySeq) => sum + bySeq.size, 0);
  return {
    ok: problems.length === 0 && omittedProblems === 0,
    entries,
    checkpoints: { given: options.checkpoints.length, valid, matched },
    tenants: [...states.values()].map((state) => state.summary).sort((a, b) => (a.tenant < b.tenant ? -1 : 1)),
    problems,
    omittedProblems,
  };
}

/** Valid checkpoints by tenant and seq; forged ones and signed disagreements are reported and left out. */
function indexCheckpoints(options: {
  checkpoints: readonly AuditCheckpoint[];
  publicKeys: readonly KeyObject[];
  report: (problem: AuditProblem) => void;
}): Map<string, Map<number, AuditCheckpoint>> {
  const keys = new Map(options.publicKeys.map((key) => [auditKeyId(key), key]));
  const byTenant = new Map<string, Map<number, AuditCheckpoint>>();
  for (const checkpoint of options.checkpoints) {
    const { tenant, seq } = checkpoint;
    const invalid = checkpointSignatureProblem(checkpoint, keys);
    if (invalid !== undefined) {
      options.report({
        kind: 'forged-checkpoint',
        tenant,
        seq,
        message: `the checkpoint dated ${checkpoint.at} is not genuine: ${invalid}`,
      });
      continue;
    }
    let bySeq = byTenant.get(tenant);
    if (bySeq === undefined) byTenant.set(tenant, (bySeq = new Map<number, AuditCheckpoint>()));
    const earlier = bySeq.get(seq);
    // Two genuine signatures over different hashes at one seq: the chain forked (or a key leaked).
    if (earlier !== undefined && earlier.hash !== checkpoint.hash) {
      options.report({
        kind: 'checkpoint-mismatch',
        tenant,
        seq,
        message: `two signed checkpoints disagree on the hash at seq ${seq}: the chain forked`,
      });
    }
    bySeq.set(seq, checkpoint);
  }
  return byTenant;
}

/** Checks one entry against its own hash and its predecessor; returns its recomputed hash (undefined if out of order). */
function checkEntry(options: {
  state: TenantState;
  entry: StoredAuditEntry;
  report: (problem: AuditProblem) => void;
}): string | undefined {
  const { state, entry, report } = options;
  const { summary } = state;
  const at = { tenant: entry.tenant, seq: entry.seq };
  if (entry.seq <= summary.lastSeq) {
    report({
      kind: 'reordered',
      ...at,
      message: `appears after seq ${summary.lastSeq}: entries are out of order or repeated`,
    });
    return undefined;
  }
  const computed = storedAuditEntryHash(entry);
  const intact = computed === entry.hash;
  if (!intact) report({ kind: 'edited', ...at, message: 'its content does not match its hash: the entry was edited' });

  if (entry.seq > summary.lastSeq + 1) {
    const first = summary.lastSeq + 1;
    const last = entry.seq - 1;
    report({
      kind: 'missing',
      tenant: entry.tenant,
      seq: first,
      message: `${first === last ? `entry ${first} is` : `entries ${first}..${last} are`} missing: deleted`,
    });
  } else if (entry.prevHash !== summary.lastHash) {
    const linked = state.recent.find((recent) => recent?.hash === entry.prevHash);
    if (linked !== undefined) {
      report({
        kind: 'reordered',
        ...at,
        message: `is chained to seq ${linked.seq}, not to seq ${entry.seq - 1}: entries were reordered`,
      });
    } else if (intact) {
      report({
        kind: 'rewritten',
        tenant: entry.tenant,
        seq: entry.seq - 1,
        message: `was replaced and re-hashed: seq ${entry.seq} is chained to a different entry`,
      });
    }
    state.pending.set(entry.prevHash, entry.seq);
  }
  const waiting = state.pending.size === 0 ? undefined : state.pending.get(entry.hash);
  if (waiting !== undefined && waiting < entry.seq) {
    report({
      kind: 'reordered',
      tenant: entry.tenant,
      seq: waiting,
      message: `is chained to seq ${entry.seq}, which comes after it: entries were reordered`,
    });
    state.pending.delete(entry.hash);
  }

  state.recent[entry.seq % recentWindow] = { seq: entry.seq, hash: entry.hash };
  summary.entries += 1;
  summary.lastSeq = entry.seq;
  summary.lastHash = entry.hash;
  return computed;
}
