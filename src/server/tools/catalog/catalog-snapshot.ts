/**
 * One look at every upstream against the pins: which tools are visible (served exactly as pinned) and which
 * are quarantined (new, changed since their pin, or rejected), recording every new or changed definition as
 * pending. A rename is a new tool: pins are keyed by the tool's name on its upstream.
 */
import type { ToolPinState, ToolsConfig } from '../../../contract/index.js';
import { toolDefinitionDigest, type PendingTool, type ToolPin, type ToolPins } from '../pins/index.js';
import { exposedToolName, toolDefinitionSchema, type ToolDefinition } from '../tool-definition.js';
import type { ToolUpstream } from '../tool-upstream.js';

/** Why a tool is kept from callers: reported to `onQuarantine` once per definition. */
export interface QuarantineEvent {
  readonly upstream: string;
  readonly tool: string;
  readonly reason: 'new' | 'changed' | 'invalid';
  /** The definition's digest; absent for one that does not parse. */
  readonly digest?: string | undefined;
  readonly message: string;
}

export interface CatalogEntry {
  readonly upstream: string;
  readonly tool: string;
  readonly canonicalName: string;
  readonly state: ToolPinState;
  readonly pin: ToolPin | undefined;
  readonly pending: PendingTool | undefined;
  /** Whether the upstream serves the tool now (a pinned tool may have gone). */
  readonly served: boolean;
}

export interface VisibleTool {
  readonly canonicalName: string;
  readonly definition: ToolDefinition;
  readonly description: string | undefined;
  readonly pinDigest: string;
}

export interface CatalogSnapshot {
  readonly entries: readonly CatalogEntry[];
  /** Sorted by canonical name. */
  readonly visible: readonly VisibleTool[];
  /** The definitions each upstream served, kept for the next snapshot when that upstream fails to list. */
  readonly served: ReadonlyMap<string, readonly ToolDefinition[]>;
}

export interface SnapshotOptions {
  readonly upstreams: readonly ToolUpstream[];
  readonly pins: ToolPins;
  readonly config: Pick<ToolsConfig, 'pinning' | 'upstreams'>;
  readonly previous: CatalogSnapshot | undefined;
  readonly now: () => Date;
  readonly onQuarantine: ((event: QuarantineEvent) => void) | undefined;
  /** Longest one upstream's list is waited for: a hung upstream must not hang every caller's list. */
  readonly listTimeoutMs: number;
  /**
   * Upstreams that ship with the release (Podium's own tools): their definitions change only with an upgrade,
   * so whatever they serve is pinned at once, by `podium-release`, and reported to `onAutoPin`.
   */
  readonly trustedUpstreams?: ReadonlySet<string> | undefined;
  readonly onAutoPin?: ((event: AutoPinEvent) => Promise<void>) | undefined;
}

/** A trusted upstream's definition pinned without an admin: recorded in the audit trail. */
export interface AutoPinEvent {
  readonly upstream: string;
  readonly tool: string;
  readonly digest: string;
  readonly previousDigest: string | null;
}

/** Who pins a trusted upstream's tools: the release, not a person. */
export const releasePinner = 'podium-release';

const keyOf = (upstream: string, tool: string): string => `${upstream}\u0000${tool}`;

/** The definitions an upstream serves now, parsed (an upstream is hostile too); the last good list when it fails. */
async function servedBy(upstream: ToolUpstream, options: SnapshotOptions): Promise<readonly ToolDefinition[]> {
  let raw: readonly unknown[];
  const signal = AbortSignal.timeout(options.listTimeoutMs);
  try {
    raw = await Promise.race([
      upstream.listTools({ caller: undefined, signal }),
      new Promise<never>((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
      ),
    ]);
  } catch {
    // Down: its health says so; callers keep the tools they had, whose calls fail with 503 until it is back.
    return options.previous?.served.get(upstream.name) ?? [];
  }
  const excluded = new Set(options.config.upstreams[upstream.name]?.exclude ?? []);
  const definitions: ToolDefinition[] = [];
  const seen = new Set<string>();
  for (const candidate of raw) {
    const parsed = toolDefinitionSchema.safeParse(candidate);
    if (!parsed.success || parsed.data.upstream !== upstream.name || seen.has(parsed.data.name)) {
      const name =
        typeof candidate === 'object' && candidate !== null ? (candidate as { name?: unknown }).name : undefined;
      options.onQuarantine?.({
        upstream: upstream.name,
        tool: typeof name === 'string' ? name.slice(0, 128) : '?',
        reason: 'invalid',
        message: parsed.success
          ? 'declared twice or for another upstream'
          : (parsed.error.issues[0]?.message ?? 'invalid'),
      });
      continue;
    }
    seen.add(parsed.data.name);
    if (!excluded.has(parsed.data.name)) definitions.push(parsed.data);
  }
  return definitions;
}

/** Takes the snapshot, writing pending rows (and first-seen pins) as it goes. */
export async function takeCatalogSnapshot(options: SnapshotOptions): Promise<CatalogSnapshot> {
  const [pinRows, pendingRows, servedLists] = await Promise.all([
    options.pins.pins(),
    options.pins.pending(),
    Promise.all(options.upstreams.map((upstream) => servedBy(upstream, options))),
  ]);
  const pins = new Map(pinRows.map((pin) => [keyOf(pin.upstream, pin.tool), pin]));
  const pending = new Map(pendingRows.map((row) => [keyOf(row.upstream, row.tool), row]));
  const entries: CatalogEntry[] = [];
  const visible: VisibleTool[] = [];
  const served = new Map<string, readonly ToolDefinition[]>();
  const at = options.now().toISOString();
  const servedKeys = new Set<string>();

  for (const [index, upstream] of options.upstreams.entries()) {
    const definitions = servedLists[index] ?? [];
    served.set(upstream.name, definitions);
    for (const definition of definitions) {
      const key = keyOf(upstream.name, definition.name);
      servedKeys.add(key);
      const digest = toolDefinitionDigest(definition);
      const seen = { upstream: upstream.name, tool: definition.name, digest, definition, at };
      let pin = pins.get(key);
      if (pin === undefined && options.config.pinning === 'first-seen') pin = await options.pins.pinFirstSeen(seen);
      if (pin?.digest !== digest && options.trustedUpstreams?.has(upstream.name) === true) {
        // Through the same pending → approve path an admin takes, so a changed built-in keeps one history.
        await options.pins.observe(seen);
        const approved = await options.pins.approve({ ...seen, by: releasePinner });
        if (approved !== undefined) {
          await options.onAutoPin?.({ ...seen, previousDigest: approved.previousDigest });
          pin = approved.pin;
        }
      }
      const canonicalName = exposedToolName(upstream.name, definition.name);
      if (pin?.digest === digest) {
        if (pending.has(key)) await options.pins.clearPending(upstream.name, definition.name);
        entries.push({
          upstream: upstream.name,
          tool: definition.name,
          canonicalName,
          state: 'pinned',
          pin,
          pending: undefined,
          served: true,
        });
        visible.push({
          canonicalName,
          definition: pin.definition,
          description: pin.definition.description,
          pinDigest: digest,
        });
        continue;
      }
      let row = pending.get(key);
      if (row?.digest !== digest) {
        row = await options.pins.observe(seen);
        const reason = pin === undefined ? 'new' : 'changed';
        options.onQuarantine?.({
          upstream: upstream.name,
          tool: definition.name,
          reason,
          digest,
          message: `${canonicalName} is ${reason === 'new' ? 'new' : 'changed since it was pinned'}: quarantined until an admin approves it`,
        });
      }
      const state: ToolPinState =
        row.state === 'rejected' ? 'rejected' : pin === undefined ? 'pending-new' : 'pending-changed';
      entries.push({
        upstream: upstream.name,
        tool: definition.name,
        canonicalName,
        state,
        pin,
        pending: row,
        served: true,
      });
    }
  }
  for (const [key, pin] of pins) {
    if (servedKeys.has(key)) continue;
    const canonicalName = exposedToolName(pin.upstream, pin.tool);
    entries.push({
      upstream: pin.upstream,
      tool: pin.tool,
      canonicalName,
      state: 'pinned',
      pin,
      pending: undefined,
      served: false,
    });
  }
  const byCanonical = (x: { canonicalName: string }, y: { canonicalName: string }): number =>
    x.canonicalName < y.canonicalName ? -1 : x.canonicalName > y.canonicalName ? 1 : 0;
  return { entries: entries.sort(byCanonical), visible: visible.sort(byCanonical), served };
}
