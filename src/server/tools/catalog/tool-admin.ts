/**
 * What the admin API (http/tool-routes.ts) needs of the catalog: small enough that the routes are tested
 * with a fake, and the catalog without HTTP.
 */
import type {
  PendingToolSummary,
  ToolDiff,
  ToolSetSummary,
  ToolSummary,
  ToolUpstreamSummary,
} from '../../../contract/index.js';

export interface ToolDecisionInput {
  readonly upstream: string;
  readonly tool: string;
  /** The digest the admin was shown; another one pending answers 409. */
  readonly digest: string;
  /** Who decides, as the audit trail names them. */
  readonly by: string;
  readonly comment?: string | undefined;
}

export interface ToolAdmin {
  upstreamSummaries(): Promise<readonly ToolUpstreamSummary[]>;
  /** Every tool known: served now or pinned before, with its pin state. */
  tools(): Promise<readonly ToolSummary[]>;
  /** Definitions waiting for an admin (and rejected ones). */
  pending(): Promise<readonly PendingToolSummary[]>;
  /** @throws PodiumError `not_found` (404) when nothing is pending for the tool. */
  diff(upstream: string, tool: string): Promise<ToolDiff>;
  /**
   * Pins the pending definition and shows the tool to callers.
   * @throws PodiumError `not_found` (404), `conflict` (409) when the pending digest is not `digest`.
   */
  approve(decision: ToolDecisionInput): Promise<ToolSummary>;
  /** Keeps the definition quarantined for good (a new digest is pending again). Same errors as approve. */
  reject(decision: ToolDecisionInput): Promise<PendingToolSummary>;
  sets(): readonly ToolSetSummary[];
}
