/**
 * What callers may see: every upstream's tools, minus what is quarantined (new or changed since an
 * admin pinned it), narrowed to the tool sets attached to the caller (renamed and re-described as the
 * set says). What a caller may *call* is decided later, by policy: a tool can be visible and denied.
 */
import type { ToolDefinition } from './tool-definition.js';
import type { ToolCaller, ToolUpstream } from './tool-upstream.js';

export interface CatalogTool {
  /** The name this caller sees: `upstream__tool`, or a tool set's `as`. */
  readonly exposedName: string;
  /** `upstream__tool` whatever the caller sees: policies, costs, pins, ledger and audit use this one. */
  readonly canonicalName: string;
  /** The definition as pinned (the upstream's name, schemas, annotations). */
  readonly definition: ToolDefinition;
  /** The description this caller sees (a tool set may re-describe). */
  readonly description: string | undefined;
  /** sha-256 of the pinned definition's canonical JSON. */
  readonly pinDigest: string;
}

export interface ToolCatalog {
  /** The caller's tools, sorted by exposed name. */
  list(caller: ToolCaller, signal?: AbortSignal): Promise<readonly CatalogTool[]>;
  /** One tool by the name the caller sees; undefined when it is not visible to it (or quarantined). */
  resolve(caller: ToolCaller, exposedName: string, signal?: AbortSignal): Promise<CatalogTool | undefined>;
  /**
   * The caller's tools ranked by relevance to `query` (words of names and descriptions), at most `limit`;
   * what a large catalog offers instead of its full list (`searchThreshold`).
   */
  searchTools(
    caller: ToolCaller,
    search: { readonly query: string; readonly limit: number },
    signal?: AbortSignal,
  ): Promise<readonly CatalogTool[]>;
  upstream(name: string): ToolUpstream | undefined;
  upstreams(): readonly ToolUpstream[];
  /** Called when any caller's list may have changed (list-changed upstream, pin approved, sets reloaded). */
  onChanged(listener: () => void): () => void;
}
