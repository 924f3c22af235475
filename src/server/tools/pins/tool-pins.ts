/**
 * Where pins and pending definitions are kept: PostgreSQL in the server (tool-pin-repository.ts), memory in
 * tests (memory-tool-pins.ts); both pass tool-pins-conformance.test-suite.ts. Every write that acts on an
 * admin's decision is conditional on the digest the admin saw, so a definition that changed in between is
 * never approved by accident.
 */
import type { ToolDefinition } from '../tool-definition.js';
import type { PendingTool, ToolPin } from './tool-pin.js';

export interface ObservedTool {
  readonly upstream: string;
  readonly tool: string;
  readonly digest: string;
  readonly definition: ToolDefinition;
  readonly at: string;
}

export interface ToolDecision {
  readonly upstream: string;
  readonly tool: string;
  /** The digest the admin was shown: the decision applies to it only. */
  readonly digest: string;
  readonly by: string;
  readonly at: string;
}

export interface ToolPins {
  /** Every pin of the deployment (one per upstream and tool). */
  pins(): Promise<readonly ToolPin[]>;
  /** Every pending or rejected definition. */
  pending(): Promise<readonly PendingTool[]>;
  /**
   * Records a definition that matches no pin. The same digest again keeps its row (and a rejection); a new
   * digest replaces it as pending, seen now.
   */
  observe(seen: ObservedTool): Promise<PendingTool>;
  /** Drops the pending row of a tool whose definition is back to its pin (or gone). */
  clearPending(upstream: string, tool: string): Promise<void>;
  /**
   * Pins the pending definition with exactly this digest and drops it from pending, in one transaction.
   * Undefined when no pending row has this digest (it changed, or was decided meanwhile).
   */
  approve(decision: ToolDecision): Promise<{ pin: ToolPin; previousDigest: string | null } | undefined>;
  /** Marks the pending definition with this digest rejected; false when none has it. */
  reject(decision: ToolDecision): Promise<boolean>;
  /**
   * `pinning: first-seen`: pins a tool that has no pin yet. Returns the tool's pin afterwards, which is another
   * one if a replica pinned it first.
   */
  pinFirstSeen(seen: ObservedTool): Promise<ToolPin>;
}
