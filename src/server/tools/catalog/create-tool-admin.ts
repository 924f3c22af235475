/**
 * The catalog's admin side: summaries of upstreams and tools, the pending definitions and their diffs, and
 * the decisions. A decision is recorded in the audit trail before it takes effect (an unrecorded approval
 * would be a pin nobody can account for), and applies only to the digest the admin saw.
 */
import {
  PodiumError,
  type PendingToolSummary,
  type ToolSummary,
  type ToolUpstreamSummary,
} from '../../../contract/index.js';
import type { AuditEntryInput } from '../../governance/audit/index.js';
import type { PendingTool, ToolPin, ToolPins } from '../pins/index.js';
import { exposedToolName } from '../tool-definition.js';
import type { ToolUpstream } from '../tool-upstream.js';
import type { CatalogEntry, CatalogSnapshot } from './catalog-snapshot.js';
import type { ToolAdmin, ToolDecisionInput } from './tool-admin.js';
import { diffToolDefinitions } from './tool-definition-diff.js';
import type { ToolSets } from './tool-sets.js';

export interface ToolAdminOptions {
  readonly upstreams: readonly ToolUpstream[];
  readonly pins: ToolPins;
  readonly sets: ToolSets;
  readonly audit: { readonly tenant: string; append(input: AuditEntryInput): Promise<unknown> } | undefined;
  readonly now: () => Date;
  /** A snapshot taken now. */
  readonly snapshot: () => Promise<CatalogSnapshot>;
  /** Tells the catalog its views are stale. */
  readonly changed: () => void;
}

function toolSummary(entry: CatalogEntry): ToolSummary {
  const definition = entry.pending?.definition ?? entry.pin?.definition;
  return {
    upstream: entry.upstream,
    tool: entry.tool,
    canonicalName: entry.canonicalName,
    state: entry.state,
    served: entry.served,
    pinnedDigest: entry.pin?.digest ?? null,
    pendingDigest: entry.pending?.digest ?? null,
    description: definition?.description,
    pinnedAt: entry.pin?.pinnedAt ?? null,
    pinnedBy: entry.pin?.pinnedBy ?? null,
  };
}

function pendingSummary(row: PendingTool, pin: ToolPin | undefined): PendingToolSummary {
  return {
    upstream: row.upstream,
    tool: row.tool,
    canonicalName: exposedToolName(row.upstream, row.tool),
    state: row.state === 'rejected' ? 'rejected' : pin === undefined ? 'pending-new' : 'pending-changed',
    digest: row.digest,
    pinnedDigest: pin?.digest ?? null,
    firstSeenAt: row.firstSeenAt,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
    definition: row.definition,
  };
}

/** Creates the admin side over the catalog's pins and snapshot. */
export function createToolAdmin(options: ToolAdminOptions): ToolAdmin {
  const { pins } = options;

  async function pendingOf(upstream: string, tool: string): Promise<{ row: PendingTool; pin: ToolPin | undefined }> {
    // A look at the upstreams first: a definition that changed a moment ago is what is pending now.
    await options.snapshot();
    const [rows, pinRows] = await Promise.all([pins.pending(), pins.pins()]);
    const row = rows.find((candidate) => candidate.upstream === upstream && candidate.tool === tool);
    if (row === undefined)
      throw new PodiumError('not_found', `tool: nothing of ${upstream}/${tool} is waiting for a decision`, {
        param: 'tool',
      });
    return { row, pin: pinRows.find((pin) => pin.upstream === upstream && pin.tool === tool) };
  }

  async function decide(decision: ToolDecisionInput, action: 'tool.pin' | 'tool.reject'): Promise<PendingTool> {
    const { row, pin } = await pendingOf(decision.upstream, decision.tool);
    if (row.digest !== decision.digest) {
      throw new PodiumError(
        'conflict',
        `digest: ${decision.upstream}/${decision.tool} now waits with digest ${row.digest}, not ${decision.digest}: review its diff again`,
        { param: 'digest' },
      );
    }
    if (options.audit !== undefined) {
      await options.audit
        .append({
          tenant: options.audit.tenant,
          kind: 'config',
          actor: decision.by,
          subject: `tool:${decision.upstream}/${decision.tool}`,
          payload: {
            action,
            upstream: decision.upstream,
            tool: decision.tool,
            digest: decision.digest,
            previousDigest: pin?.digest ?? null,
            comment: decision.comment ?? null,
          },
        })
        .catch((error: unknown) => {
          throw new PodiumError('audit_unavailable', 'the decision could not be recorded; nothing changed', {
            cause: error,
          });
        });
    }
    return row;
  }

  const conflict = (decision: ToolDecisionInput): PodiumError =>
    new PodiumError('conflict', `digest: ${decision.upstream}/${decision.tool} changed while it was decided`, {
      param: 'digest',
    });

  return {
    async upstreamSummaries() {
      const { entries } = await options.snapshot();
      return options.upstreams.map((upstream): ToolUpstreamSummary => {
        const own = entries.filter((entry) => entry.upstream === upstream.name && entry.served);
        const count = (match: (entry: CatalogEntry) => boolean): number => own.filter(match).length;
        return {
          name: upstream.name,
          kind: upstream.kind,
          health: { ...upstream.health() },
          tools: {
            total: own.length,
            pinned: count((entry) => entry.state === 'pinned'),
            pending: count((entry) => entry.state === 'pending-new' || entry.state === 'pending-changed'),
            rejected: count((entry) => entry.state === 'rejected'),
          },
        };
      });
    },

    async tools() {
      return (await options.snapshot()).entries.map(toolSummary);
    },

    async pending() {
      await options.snapshot();
      const [rows, pinRows] = await Promise.all([pins.pending(), pins.pins()]);
      const pinned = new Map(pinRows.map((pin) => [`${pin.upstream}/${pin.tool}`, pin]));
      return rows.map((row) => pendingSummary(row, pinned.get(`${row.upstream}/${row.tool}`)));
    },

    async diff(upstream, tool) {
      const { row, pin } = await pendingOf(upstream, tool);
      return diffToolDefinitions({ pinned: pin, pending: row });
    },

    async approve(decision) {
      await decide(decision, 'tool.pin');
      const approved = await pins.approve({ ...decision, at: options.now().toISOString() });
      if (approved === undefined) throw conflict(decision);
      options.changed();
      const entry = (await options.snapshot()).entries.find(
        (candidate) => candidate.upstream === decision.upstream && candidate.tool === decision.tool,
      );
      return entry === undefined
        ? toolSummary({
            upstream: decision.upstream,
            tool: decision.tool,
            canonicalName: exposedToolName(decision.upstream, decision.tool),
            state: 'pinned',
            pin: approved.pin,
            pending: undefined,
            served: false,
          })
        : toolSummary(entry);
    },

    async reject(decision) {
      const row = await decide(decision, 'tool.reject');
      const at = options.now().toISOString();
      if (!(await pins.reject({ ...decision, at }))) throw conflict(decision);
      options.changed();
      const pin = (await pins.pins()).find(
        (candidate) => candidate.upstream === row.upstream && candidate.tool === row.tool,
      );
      return pendingSummary({ ...row, state: 'rejected', decidedAt: at, decidedBy: decision.by }, pin);
    },

    sets: () => options.sets.summaries(),
  };
}
