/**
 * Makes a ledger record storable whatever its fields hold. Callers choose the end user, tags and model
 * name, and upstreams choose usage numbers: a NUL in a string (PostgreSQL refuses it in text and jsonb),
 * a lone UTF-16 surrogate, a megabyte-long tag or a token count past bigint would otherwise fail the
 * batch insert that carries the record. Applied when the record is built (record-call.ts) and again by
 * the writer to a row the store refused. A record that had to change is marked `sanitized`.
 */
import type { DataFindingRecord, RequestRecord } from '../../contract/index.js';

/** Longest kept value of a short, caller-chosen string (model, end user, tag value). */
export const maxLabelLength = 256;
const maxKeyLength = 128;
const maxReasonLength = 1024;
const maxTags = 64;
/** Far above any real call (usage is already bounded at 1e9 per field) and far below bigint's limit. */
const maxTokens = 1e12;
const maxUsd = 1e9;
const maxMs = 1e10;
const maxInt32 = 2_147_483_647;

const needsCleaning = /[\0\uD800-\uDFFF]/;
// NUL, and surrogates that are not half of a pair.
const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

interface Cleaner {
  changed: boolean;
}

function cleanString(cleaner: Cleaner, value: string, maxLength: number): string {
  if (value.length <= maxLength && !needsCleaning.test(value)) return value;
  let cleaned = value.replace(unstorable, '');
  if (cleaned.length > maxLength) {
    cleaned = cleaned.slice(0, maxLength);
    // Cutting may leave the high half of a pair at the end.
    if (/[\uD800-\uDBFF]$/.test(cleaned)) cleaned = cleaned.slice(0, -1);
  }
  if (cleaned !== value) cleaner.changed = true;
  return cleaned;
}

function cleanNullable(cleaner: Cleaner, value: string | null, maxLength = maxLabelLength): string | null {
  return value === null ? null : cleanString(cleaner, value, maxLength);
}

/** A finite number within [0, max], whole when asked; anything else is replaced and the record marked. */
function cleanNumber(cleaner: Cleaner, value: number, options: { max: number; integer: boolean }): number {
  let cleaned = Number.isFinite(value) ? Math.min(Math.max(value, 0), options.max) : 0;
  if (options.integer) cleaned = Math.trunc(cleaned);
  if (!Object.is(cleaned, value)) cleaner.changed = true;
  return cleaned;
}

function cleanTags(cleaner: Cleaner, tags: Record<string, string> | null): Record<string, string> | null {
  if (tags === null) return null;
  const entries = Object.entries(tags);
  if (entries.length > maxTags) cleaner.changed = true;
  const cleaned: Record<string, string> = {};
  for (const [key, value] of entries.slice(0, maxTags))
    cleaned[cleanString(cleaner, key, maxKeyLength)] = cleanString(cleaner, String(value), maxLabelLength);
  return cleaned;
}

function cleanFindings(cleaner: Cleaner, findings: DataFindingRecord[] | null): DataFindingRecord[] | null {
  if (findings === null) return null;
  return findings.map((finding) => ({
    ...finding,
    dataClass: cleanString(cleaner, finding.dataClass, maxKeyLength),
    count: Math.max(1, cleanNumber(cleaner, finding.count, { max: maxInt32, integer: true })),
  }));
}

function cleanAt(cleaner: Cleaner, at: string): string {
  const time = Date.parse(at);
  if (Number.isFinite(time) && at.length <= 64) return at;
  cleaner.changed = true;
  return new Date().toISOString();
}

/** The record with every field storable; `sanitized` is true when anything had to change. */
export function sanitizeRecord(record: RequestRecord): RequestRecord {
  const cleaner: Cleaner = { changed: false };
  const text = (value: string | null, maxLength?: number): string | null => cleanNullable(cleaner, value, maxLength);
  const tokens = (value: number): number => cleanNumber(cleaner, value, { max: maxTokens, integer: true });
  const milliseconds = (value: number): number => cleanNumber(cleaner, value, { max: maxMs, integer: false });
  let costUsd = record.costUsd;
  if (costUsd !== null && !Number.isFinite(costUsd)) {
    // An unknown cost is null (flagged as unpriced), never an invented number.
    costUsd = null;
    cleaner.changed = true;
  } else if (costUsd !== null) costUsd = cleanNumber(cleaner, costUsd, { max: maxUsd, integer: false });
  const cleaned: RequestRecord = {
    id: cleanString(cleaner, record.id, maxLabelLength),
    at: cleanAt(cleaner, record.at),
    orgId: text(record.orgId),
    teamId: text(record.teamId),
    projectId: text(record.projectId),
    keyId: text(record.keyId),
    surface: cleanString(cleaner, record.surface, maxLabelLength),
    requestedModel: text(record.requestedModel),
    servedModel: text(record.servedModel),
    provider: text(record.provider),
    stream: record.stream,
    status: cleanNumber(cleaner, record.status, { max: 999, integer: true }),
    errorCode: text(record.errorCode),
    tier: text(record.tier),
    endUser: text(record.endUser),
    tags: cleanTags(cleaner, record.tags),
    inputTokens: tokens(record.inputTokens),
    outputTokens: tokens(record.outputTokens),
    cacheReadTokens: tokens(record.cacheReadTokens),
    cacheWriteTokens: tokens(record.cacheWriteTokens),
    reasoningTokens: tokens(record.reasoningTokens),
    costUsd,
    latencyMs: milliseconds(record.latencyMs),
    overheadMs: milliseconds(record.overheadMs),
    attempts: cleanNumber(cleaner, record.attempts, { max: maxInt32, integer: true }),
    routePolicy: text(record.routePolicy),
    routeChoice: text(record.routeChoice),
    routeReason: text(record.routeReason, maxReasonLength),
    cacheStatus: text(record.cacheStatus),
    dataFindings: cleanFindings(cleaner, record.dataFindings),
    usageEstimated: record.usageEstimated,
    sanitized: record.sanitized,
    // Carried through: dropping it here stored every call as uncharged (null), and rebuilding budget counters
    // from the ledger then fell back to the status.
    ...(record.charged === undefined ? {} : { charged: record.charged }),
    ...(record.kind === undefined ? {} : { kind: cleanString(cleaner, record.kind, maxLabelLength) }),
    ...(record.tool === undefined ? {} : { tool: text(record.tool) }),
    ...(record.argumentsDigest === undefined ? {} : { argumentsDigest: text(record.argumentsDigest) }),
  };
  if (cleaner.changed) cleaned.sanitized = true;
  return cleaned;
}
