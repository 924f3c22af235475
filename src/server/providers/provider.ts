/**
 * A provider adapter knows only where and how to send a request (URL, auth, version headers).
 * What goes inside the body is the business of the protocol codecs; retries and fallbacks
 * belong to the gateway. That keeps a new provider a page of configuration, not a new stack.
 */
import type { ProviderType } from '../../contract/index.js';
import type { UpstreamResponse } from './upstream-client.js';

/** The native chat protocol of a provider: decides pass-through versus translation. */
export type ChatProtocol = 'openai-chat' | 'anthropic-messages' | 'gemini';

/** What the client called, expressed as the upstream operation to perform. */
export type Operation = 'chat' | 'responses' | 'embeddings' | 'messages' | 'count_tokens';

export interface ProviderSendOptions {
  operation: Operation;
  /** The provider's model (or Azure deployment) id. */
  model: string;
  body: Buffer | string;
  stream: boolean;
  signal: AbortSignal;
  /** Time allowed for the response headers. */
  timeoutMs: number;
  /** Time allowed between two body chunks after the headers; default `timeoutMs`. */
  idleTimeoutMs?: number | undefined;
  /** Per-call headers relayed from the client (e.g. `anthropic-beta`); configured headers win a clash. */
  headers?: Readonly<Record<string, string>> | undefined;
}

export interface Provider {
  readonly name: string;
  readonly type: ProviderType;
  readonly chatProtocol: ChatProtocol;
  /** Operations this provider serves natively, byte for byte. */
  readonly operations: ReadonlySet<Operation>;
  send(options: ProviderSendOptions): Promise<UpstreamResponse>;
  /**
   * `text` (an upstream's error message or body) with this provider's base URL, host, address and
   * credentials replaced: such text reaches callers, where none of those may appear.
   */
  redact(text: string): string;
  close(): Promise<void>;
}
