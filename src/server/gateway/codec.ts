/**
 * What the gateway needs from a wire protocol, on each side of a call. Implementations adapt the
 * pure codecs in protocols/; the executor stays protocol-agnostic.
 */
import type { ChatRequest, ChatResult, ProviderType, StreamPart, Surface, Usage } from '../../contract/index.js';
import type { ChatProtocol, Operation } from '../providers/index.js';

export interface SseEvent {
  event?: string | undefined;
  data: string;
}

/** Watches a pass-through stream for usage; may hold back frames the client did not ask for. */
export interface UsageTap {
  /** Returns false when the event must not be forwarded (e.g. a usage chunk Podium requested itself). */
  observe(event: SseEvent): boolean;
  usage(): Usage | undefined;
  /** The upstream's message when the stream carried an error event (the call then failed mid-way). */
  failure(): string | undefined;
}

export interface StreamEncoder {
  /** SSE text for one part (possibly empty, possibly several events). */
  encode(part: StreamPart): string;
}

export interface AdmittedRequest {
  model: string;
  stream: boolean;
}

/** The client-facing side: one per API surface. */
export interface SurfaceCodec {
  readonly surface: Surface;
  /** The upstream operation that serves this surface byte for byte. */
  readonly operation: Operation;
  /** The chat protocol that can take the pass-through path; other protocols need translation. */
  readonly passThroughProtocol: ChatProtocol;
  /** Validates the body once; throws PodiumError naming the field. */
  admit(body: unknown): AdmittedRequest;
  /** Adjusts a pass-through body for the upstream: target model id, usage reporting in streams. */
  prepareBody(
    text: string,
    options: { requestedModel: string; targetModel: string; stream: boolean; body: Record<string, unknown> },
  ): string;
  usageFromBody(json: unknown): Usage | undefined;
  createUsageTap(body: Record<string, unknown>): UsageTap;
  /** Present when calls on this surface can be translated to another protocol. */
  readonly translation?: {
    toChatRequest(body: Record<string, unknown>, targetModel: string): ChatRequest;
    encodeResult(result: ChatResult, alias: string): unknown;
    createStreamEncoder(alias: string, body: Record<string, unknown>): StreamEncoder;
  };
}

/** The upstream side of a translated call: one per chat protocol. */
export interface UpstreamChatCodec {
  readonly protocol: ChatProtocol;
  readonly operation: Operation;
  encodeRequest(request: ChatRequest, options: { stream: boolean; providerType: ProviderType }): unknown;
  decodeResult(json: unknown): ChatResult;
  createStreamDecoder(): { decode(event: SseEvent): StreamPart[]; finish(): StreamPart[] };
}

/** Reads an upstream error body: the message to relay and any retry hint. */
export type UpstreamErrorReader = (
  status: number,
  body: unknown,
) => { message: string; retryAfterMs?: number | undefined; retryable?: boolean | undefined };
