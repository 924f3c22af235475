/**
 * Asks one loopback server which models it serves: the OpenAI-compatible `/v1/models`, and Ollama's own
 * `/api/tags` when that fails. Whatever answers is hostile until parsed: one deadline for the whole probe,
 * a bounded body, zod, and names restricted to what is safe as an alias and in a log line.
 */
import { z } from 'zod';
import type { LocalServer, LocalServerCandidate } from '../config/index.js';

export type ProbeOutcome =
  | { kind: 'found'; server: LocalServer }
  /** Nothing listening (the usual case): not worth a line. */
  | { kind: 'absent' }
  | { kind: 'unusable'; reason: string };

export interface ProbeOptions {
  /** A fetch that reaches loopback with a bounded body (the outbound guard's, see discover-providers.ts). */
  fetch: typeof fetch;
  /** The deadline of the whole probe, both requests included. */
  timeoutMs: number;
  /** Bodies this long or longer were cut by the fetch: refused rather than half-parsed. */
  maxResponseBytes: number;
}

/** Most models taken from one server: a first start is not a registry mirror. */
export const maxModelsPerServer = 200;
const modelName = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}$/;
const openAIModels = z.object({ data: z.array(z.object({ id: z.string() })) });
const ollamaTags = z.object({ models: z.array(z.object({ name: z.string() })) });

type Listing = { kind: 'listed'; models: string[] } | { kind: 'absent' } | { kind: 'unusable'; reason: string };

/** Probes `candidate`; never throws and never outlives `timeoutMs` by more than a timer tick. */
export async function probeLocalServer(candidate: LocalServerCandidate, options: ProbeOptions): Promise<ProbeOutcome> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const list = (path: string, read: (json: unknown) => string[] | undefined): Promise<Listing> =>
    listModels({ url: `${candidate.origin}${path}`, read, signal, options });
  let listing = await list('/v1/models', (json) => openAIModels.safeParse(json).data?.data.map((model) => model.id));
  if (listing.kind === 'unusable' && candidate.listsTags && !signal.aborted) {
    const tags = await list('/api/tags', (json) => ollamaTags.safeParse(json).data?.models.map((model) => model.name));
    if (tags.kind === 'listed') listing = tags;
  }
  if (listing.kind !== 'listed') return listing;
  const models = [...new Set(listing.models.filter((name) => modelName.test(name)))].slice(0, maxModelsPerServer);
  if (models.length === 0) return { kind: 'unusable', reason: 'lists no model' };
  return { kind: 'found', server: { ...candidate, models } };
}

async function listModels(request: {
  url: string;
  read: (json: unknown) => string[] | undefined;
  signal: AbortSignal;
  options: ProbeOptions;
}): Promise<Listing> {
  const { options, signal } = request;
  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await options.fetch(request.url, { signal, headers: { accept: 'application/json' } });
    bytes = await response.arrayBuffer();
  } catch {
    // Refused or reset: nothing there. A deadline hit is worth saying: something listens but stalls.
    return signal.aborted
      ? { kind: 'unusable', reason: `did not answer within ${options.timeoutMs} ms` }
      : { kind: 'absent' };
  }
  if (response.status !== 200) return { kind: 'unusable', reason: `answered HTTP ${response.status}` };
  if (bytes.byteLength >= options.maxResponseBytes)
    return { kind: 'unusable', reason: `answered more than ${options.maxResponseBytes} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { kind: 'unusable', reason: 'answered something that is not JSON' };
  }
  const models = request.read(json);
  return models === undefined
    ? { kind: 'unusable', reason: 'answered JSON that is not a model list' }
    : { kind: 'listed', models };
}
