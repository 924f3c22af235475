/**
 * The tool catalog: every upstream's tools, pinned against rug pulls, narrowed to the caller's tool sets, and
 * searchable. One snapshot of upstreams × pins is shared by all callers and taken again after `refreshMs`, an
 * upstream's list-changed or an admin decision; each caller scope (the sets attached to it) keeps its view of
 * the snapshot, so `list` and `resolve` on the hot path are map lookups. Another replica's approval is seen
 * within `refreshMs`.
 */
import { PodiumError, reservedToolUpstreamName, type ToolsConfig } from '../../../contract/index.js';
import type { AuditEntryInput } from '../../governance/audit/index.js';
import type { ToolPins } from '../pins/index.js';
import type { CatalogTool, ToolCatalog } from '../tool-catalog.js';
import type { ToolCaller, ToolUpstream } from '../tool-upstream.js';
import { releasePinner, takeCatalogSnapshot, type CatalogSnapshot, type QuarantineEvent } from './catalog-snapshot.js';

// Podium's own tools ship with the release: pinning them is the upgrade, not an admin's review.
const trustedUpstreams: ReadonlySet<string> = new Set([reservedToolUpstreamName]);
import type { ToolAdmin } from './tool-admin.js';
import { createToolAdmin } from './create-tool-admin.js';
import { createSearchIndex, type SearchIndex } from './tool-search.js';
import { compileToolSets } from './tool-sets.js';

export interface ToolCatalogOptions {
  readonly upstreams: readonly ToolUpstream[];
  readonly pins: ToolPins;
  readonly config: ToolsConfig;
  /** A new, changed or invalid definition kept from callers: wire it to the log and notifications. */
  readonly onQuarantine?: ((event: QuarantineEvent) => void) | undefined;
  /** Where decisions are recorded (`config` entries, action `tool.pin` / `tool.reject`), in this tenant's chain. */
  readonly audit?: { readonly tenant: string; append(input: AuditEntryInput): Promise<unknown> } | undefined;
  /** How long a snapshot serves before the upstreams and pins are read again (default 10 s). */
  readonly refreshMs?: number | undefined;
  /** Longest one upstream's tools/list is waited for before its last good list is used (default 15 s). */
  readonly listTimeoutMs?: number | undefined;
  readonly now?: (() => Date) | undefined;
}

/** The catalog and its admin side, which share one snapshot. */
export interface PinnedToolCatalog extends ToolCatalog, ToolAdmin {}

interface CallerView {
  readonly tools: readonly CatalogTool[];
  readonly byName: ReadonlyMap<string, CatalogTool>;
  index: SearchIndex<CatalogTool> | undefined;
}

/**
 * Creates the catalog.
 * @throws PodiumError `config_invalid` for a tool set that cannot work (see tool-sets.ts), naming the entry.
 */
export function createToolCatalog(options: ToolCatalogOptions): PinnedToolCatalog {
  const sets = compileToolSets(options.config.sets);
  const now = options.now ?? (() => new Date());
  const refreshMs = options.refreshMs ?? 10_000;
  const byName = new Map(options.upstreams.map((upstream) => [upstream.name, upstream]));
  const listeners = new Set<() => void>();
  interface State {
    readonly snapshot: CatalogSnapshot;
    readonly takenAt: number;
    readonly generation: number;
    readonly views: Map<string, CallerView>;
  }
  let current: State | undefined;
  let taking: { generation: number; promise: Promise<State> } | undefined;
  // Bumped on every invalidation: a snapshot taken before one is never served after it.
  let generation = 0;

  const changed = (): void => {
    generation += 1;
    for (const listener of [...listeners]) listener();
  };
  for (const upstream of options.upstreams) upstream.onToolsChanged(changed);

  const take = (started: number): Promise<State> =>
    takeCatalogSnapshot({
      upstreams: options.upstreams,
      pins: options.pins,
      config: options.config,
      previous: current?.snapshot,
      now,
      onQuarantine: options.onQuarantine,
      listTimeoutMs: options.listTimeoutMs ?? 15_000,
      trustedUpstreams,
      onAutoPin: async (event) => {
        if (options.audit === undefined) return;
        await options.audit.append({
          tenant: options.audit.tenant,
          kind: 'config',
          actor: releasePinner,
          subject: `tool:${event.upstream}/${event.tool}`,
          payload: { action: 'tool.pin', automatic: true, ...event },
        });
      },
    }).then((snapshot) => {
      const state: State = { snapshot, takenAt: now().getTime(), generation: started, views: new Map() };
      if (current === undefined || current.generation <= started) current = state;
      return state;
    });

  /** The shared snapshot; `fresh` takes a new one whatever its age (the admin API shows the truth now). */
  function snapshot(fresh = false): Promise<State> {
    const state = current;
    if (!fresh && state?.generation === generation && now().getTime() - state.takenAt < refreshMs)
      return Promise.resolve(state);
    if (!fresh && taking?.generation === generation) return taking.promise;
    const started = generation;
    const promise = take(started).finally(() => {
      if (taking?.promise === promise) taking = undefined;
    });
    if (!fresh) taking = { generation: started, promise };
    return promise;
  }

  async function viewOf(caller: ToolCaller, signal: AbortSignal | undefined): Promise<CallerView> {
    signal?.throwIfAborted();
    const state = await snapshot();
    signal?.throwIfAborted();
    const attached = sets.attached(caller);
    const key = attached.join('\u0000');
    const cached = state.views.get(key);
    if (cached !== undefined) return cached;
    const tools = sets.expose(attached, state.snapshot.visible).map((exposure): CatalogTool => ({
      exposedName: exposure.exposedName,
      canonicalName: exposure.tool.canonicalName,
      definition: exposure.tool.definition,
      description: exposure.description,
      pinDigest: exposure.tool.pinDigest,
    }));
    const view: CallerView = {
      tools,
      byName: new Map(tools.map((tool) => [tool.exposedName, tool])),
      index: undefined,
    };
    state.views.set(key, view);
    return view;
  }

  const admin = createToolAdmin({
    upstreams: options.upstreams,
    pins: options.pins,
    sets,
    audit: options.audit,
    now,
    snapshot: async () => (await snapshot(true)).snapshot,
    changed,
  });

  return {
    ...admin,
    async list(caller, signal) {
      return (await viewOf(caller, signal)).tools;
    },
    async resolve(caller, exposedName, signal) {
      return (await viewOf(caller, signal)).byName.get(exposedName);
    },
    async searchTools(caller, { query, limit }, signal) {
      if (!Number.isFinite(limit) || limit < 1)
        throw new PodiumError('invalid_request', 'limit: must be a positive number', { param: 'limit' });
      const view = await viewOf(caller, signal);
      view.index ??= createSearchIndex(view.tools);
      return view.index.search(query, limit);
    },
    upstream: (name) => byName.get(name),
    upstreams: () => options.upstreams,
    onChanged(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
