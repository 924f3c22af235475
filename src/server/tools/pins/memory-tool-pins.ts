import type { PendingTool, ToolPin } from './tool-pin.js';
import type { ToolPins } from './tool-pins.js';

const keyOf = (upstream: string, tool: string): string => `${upstream}\u0000${tool}`;
const byName = (a: { upstream: string; tool: string }, b: { upstream: string; tool: string }): number =>
  a.upstream === b.upstream ? (a.tool < b.tool ? -1 : 1) : a.upstream < b.upstream ? -1 : 1;

/** Pins in memory, for tests: behaves as the repository does (tool-pins-conformance.test-suite.ts). */
export function createMemoryToolPins(): ToolPins {
  const pins = new Map<string, ToolPin>();
  const pending = new Map<string, PendingTool>();
  return {
    pins: () => Promise.resolve([...pins.values()].sort(byName)),
    pending: () => Promise.resolve([...pending.values()].sort(byName)),
    observe(seen) {
      const key = keyOf(seen.upstream, seen.tool);
      const kept = pending.get(key);
      if (kept?.digest === seen.digest) return Promise.resolve(kept);
      const row: PendingTool = {
        upstream: seen.upstream,
        tool: seen.tool,
        digest: seen.digest,
        definition: seen.definition,
        state: 'pending',
        firstSeenAt: seen.at,
        decidedAt: null,
        decidedBy: null,
      };
      pending.set(key, row);
      return Promise.resolve(row);
    },
    clearPending(upstream, tool) {
      pending.delete(keyOf(upstream, tool));
      return Promise.resolve();
    },
    approve(decision) {
      const key = keyOf(decision.upstream, decision.tool);
      const row = pending.get(key);
      if (row?.digest !== decision.digest) return Promise.resolve(undefined);
      pending.delete(key);
      const previousDigest = pins.get(key)?.digest ?? null;
      const pin: ToolPin = {
        upstream: decision.upstream,
        tool: decision.tool,
        digest: decision.digest,
        definition: row.definition,
        pinnedAt: decision.at,
        pinnedBy: decision.by,
      };
      pins.set(key, pin);
      return Promise.resolve({ pin, previousDigest });
    },
    reject(decision) {
      const key = keyOf(decision.upstream, decision.tool);
      const row = pending.get(key);
      if (row?.digest !== decision.digest || row.state !== 'pending') return Promise.resolve(false);
      pending.set(key, { ...row, state: 'rejected', decidedAt: decision.at, decidedBy: decision.by });
      return Promise.resolve(true);
    },
    pinFirstSeen(seen) {
      const key = keyOf(seen.upstream, seen.tool);
      const existing = pins.get(key);
      if (existing !== undefined) return Promise.resolve(existing);
      const pin: ToolPin = {
        upstream: seen.upstream,
        tool: seen.tool,
        digest: seen.digest,
        definition: seen.definition,
        pinnedAt: seen.at,
        pinnedBy: 'first-seen',
      };
      pins.set(key, pin);
      return Promise.resolve(pin);
    },
  };
}
