/**
 * What a start without podium.yaml can serve: the provider keys config/ reads from the environment, plus
 * the loopback servers that answer a short probe. Lives outside config/ because it does network I/O, and
 * outside providers/ because it runs once before any provider exists; `podium init` uses it too.
 */
import { detectProviders, type FirstRunSetup, type LocalServer } from '../config/index.js';
import { createOutboundGuard } from '../outbound/index.js';
import { probeLocalServer } from './probe-local-server.js';

export interface Discovery {
  setup: FirstRunSetup;
  /** What was left out and why, one line each (never a secret). */
  notes: string[];
  /** Variables set to something unusable: a start refuses rather than guess. */
  problems: string[];
}

export interface DiscoverOptions {
  env: NodeJS.ProcessEnv;
  /** Deadline of each server's probe; they run side by side. Default 500 ms: loopback answers in a few. */
  timeoutMs?: number | undefined;
  /** Replaces the guarded fetch (tests). */
  fetch?: typeof fetch | undefined;
}

export const defaultProbeTimeoutMs = 500;
const maxResponseBytes = 256 * 1024;

/** Detects keys and probes local servers; never throws for what a server answers. */
export async function discoverProviders(options: DiscoverOptions): Promise<Discovery> {
  const detection = detectProviders(options.env);
  const timeoutMs = options.timeoutMs ?? defaultProbeTimeoutMs;
  // The guard bounds the wait and the body and follows no redirect; loopback is allowed because these
  // addresses are ours to choose (detect-providers.ts keeps only loopback), not a caller's.
  const fetch =
    options.fetch ??
    createOutboundGuard({ allow: ['127.0.0.0/8', '::1', 'localhost'], timeoutMs, maxResponseBytes }).fetch;
  const outcomes = await Promise.all(
    detection.local.map((candidate) => probeLocalServer(candidate, { fetch, timeoutMs, maxResponseBytes })),
  );
  const local: LocalServer[] = [];
  const notes = [...detection.notes];
  outcomes.forEach((outcome, index) => {
    const candidate = detection.local[index];
    if (outcome.kind === 'found') local.push(outcome.server);
    else if (outcome.kind === 'unusable' && candidate !== undefined)
      notes.push(`${candidate.label} at ${candidate.origin} ${outcome.reason}: ignored`);
  });
  return { setup: { keyed: detection.keyed, local }, notes, problems: detection.problems };
}
