import { PodiumError } from '../../../../contract/index.js';
import type { ToolResult } from '../../index.js';

export interface SqlRows {
  readonly rows: Record<string, unknown>[];
  readonly truncated: boolean;
  readonly affectedRows?: number | undefined;
}

const byteLength = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/**
 * The tool result: `structuredContent` for clients that read it and the same JSON as text for those that do
 * not (MCP's advice for structured results). Both copies count against `maxResultBytes`, so rows are cut from
 * the end, and the result says it was truncated, until the serialised result fits; a result that cannot fit
 * even with no rows fails as too large. Rows were already bounded while reading, so this trims a little, once.
 */
export function sqlRowsResult(rows: SqlRows, maxResultBytes: number): ToolResult {
  let kept = rows.rows;
  let truncated = rows.truncated;
  for (;;) {
    const result = build({ ...rows, rows: kept, truncated });
    const size = byteLength(result);
    if (size <= maxResultBytes) return result;
    if (kept.length === 0) {
      throw new PodiumError('upstream_body_too_large', `the result is larger than maxResultBytes (${maxResultBytes})`);
    }
    // Proportional cut, at least one row: converges in a few passes even for rows of uneven width.
    const keep = Math.min(kept.length - 1, Math.floor((kept.length * maxResultBytes) / size));
    kept = kept.slice(0, Math.max(0, keep));
    truncated = true;
  }
}

function build(rows: SqlRows): ToolResult {
  const structuredContent: Record<string, unknown> = {
    rows: rows.rows,
    rowCount: rows.rows.length,
    truncated: rows.truncated,
  };
  if (rows.affectedRows !== undefined) structuredContent.affectedRows = rows.affectedRows;
  return { content: [{ type: 'text', text: JSON.stringify(structuredContent) }], structuredContent };
}
