/**
 * A pin is an admin's approval of one exact tool definition on one upstream: the sha-256 of its canonical
 * JSON and the definition itself (so a later change can be diffed against what was approved). Pins are
 * per Podium deployment, not per organisation: upstreams are configured deployment-wide, and a definition
 * an admin trusted is the same bytes whoever calls the tool.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../contract/index.js';
import type { ToolDefinition } from '../tool-definition.js';

export interface ToolPin {
  readonly upstream: string;
  readonly tool: string;
  readonly digest: string;
  readonly definition: ToolDefinition;
  readonly pinnedAt: string;
  /** Who approved it (`first-seen` when pinned on sight). */
  readonly pinnedBy: string;
}

/** `pending`: waits for an admin; `rejected`: an admin refused this digest, it stays quarantined. */
export type PendingToolState = 'pending' | 'rejected';

/** A definition seen on an upstream that matches no pin: new, or changed since its pin. */
export interface PendingTool {
  readonly upstream: string;
  readonly tool: string;
  readonly digest: string;
  readonly definition: ToolDefinition;
  readonly state: PendingToolState;
  readonly firstSeenAt: string;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
}

/**
 * sha-256 (hex) of a definition's canonical JSON: key order and whitespace never change it, any change of a
 * name, description, title, schema or annotation does.
 */
export function toolDefinitionDigest(definition: ToolDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}
