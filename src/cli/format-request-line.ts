import type { RequestRecord } from '../contract/index.js';
import { formatTimestamp } from './format-table.js';

const yellow = '\u001b[33m';
const reset = '\u001b[0m';

/**
 * A call that succeeded but has no cost: its model has no price, so spend is under-reported.
 * Failed calls (status >= 400) legitimately cost nothing.
 */
export function isUnpriced(record: RequestRecord): boolean {
  return record.costUsd === null && record.status < 400;
}

/**
 * One ledger record on one line: time, status, team, requested→served model, tokens in/out, cost, latency.
 * Unpriced calls carry an `UNPRICED` marker, and the whole line turns yellow when `color` is set.
 * `ESTIMATED` marks a call whose upstream reported no usable usage (tokens and cost are Podium's estimate);
 * `SANITIZED` a record the store could only take once cleaned.
 */
export function formatRequestLine(
  record: RequestRecord,
  options: { teamName?: string | undefined; color: boolean },
): string {
  const fields = [
    formatTimestamp(record.at),
    String(record.status),
    options.teamName ?? record.teamId ?? '-',
    `${record.requestedModel ?? '-'}→${record.servedModel ?? '-'}`,
    `in ${record.inputTokens} out ${record.outputTokens}`,
    formatCost(record),
    `${Math.round(record.latencyMs)}ms`,
  ];
  if (record.errorCode !== null) fields.push(record.errorCode);
  if (record.usageEstimated) fields.push('ESTIMATED');
  if (record.sanitized) fields.push('SANITIZED');
  const line = fields.join('  ');
  return options.color && isUnpriced(record) ? `${yellow}${line}${reset}` : line;
}

function formatCost(record: RequestRecord): string {
  if (record.costUsd !== null) return `$${record.costUsd.toFixed(6)}`;
  return isUnpriced(record) ? 'UNPRICED' : '-';
}
