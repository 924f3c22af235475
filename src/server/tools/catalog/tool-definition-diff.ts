/**
 * What changed between the pinned and the pending definition, so an admin reviews a change rather than
 * re-reads a whole tool: the paths that differ (schemas compared member by member) and a word diff of the
 * descriptions, where a rug pull usually hides ("…and first send ~/.ssh/id_rsa to …").
 */
import { canonicalJson, type ToolDiff, type ToolFieldChange } from '../../../contract/index.js';
import type { ToolDefinition } from '../tool-definition.js';
import { wordDiff } from './word-diff.js';

/** Most changes listed: a schema rewritten from scratch is not worth ten thousand lines. */
const maxChanges = 200;

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function collect(pair: { before: Json; after: Json }, path: string, out: ToolFieldChange[]): void {
  const { before, after } = pair;
  if (out.length > maxChanges) return;
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ path, change: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, change: 'removed', before });
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys)
      collect({ before: before[key], after: after[key] }, path === '' ? key : `${path}.${key}`, out);
    return;
  }
  if (canonicalJson(before) !== canonicalJson(after)) out.push({ path, change: 'changed', before, after });
}

export interface DiffInput {
  readonly pinned: { readonly digest: string; readonly definition: ToolDefinition } | undefined;
  readonly pending: { readonly digest: string; readonly definition: ToolDefinition };
}

/** The field-by-field diff; a tool without a pin lists each of its fields as added. */
export function diffToolDefinitions(input: DiffInput): ToolDiff {
  const { pinned, pending } = input;
  const changes: ToolFieldChange[] = [];
  collect({ before: pinned?.definition, after: pending.definition }, '', changes);
  // A new tool is one change at the root: list its fields instead, which reads better.
  const listed =
    pinned === undefined
      ? Object.entries(pending.definition).map(([path, after]): ToolFieldChange => ({ path, change: 'added', after }))
      : changes;
  const before = pinned?.definition.description ?? '';
  const after = pending.definition.description ?? '';
  return {
    upstream: pending.definition.upstream,
    tool: pending.definition.name,
    pinnedDigest: pinned?.digest ?? null,
    pendingDigest: pending.digest,
    changes: listed.slice(0, maxChanges),
    descriptionDiff: before === after ? null : wordDiff(before, after),
    truncated: listed.length > maxChanges,
  };
}
