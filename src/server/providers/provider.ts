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
export type Operation = 'chat' | 'responses' | 'embeddings' | 'messages';

export interface ProviderSendOptions {
  operation: Operation;
  /** The provider's model (or Azure deployment) id. */
  model: string;
  body: Buffer | string;
  stream: boolean;
  signal: AbortSignal;
  timeoutMs: number;
}

export interface Provider {
  readonly name: string;
  readonly type: ProviderType;
  readonly chatProtocol: ChatProtocol;
  /** Operations this provider serves natively, byte for byte. */
  readonly operations: ReadonlySet<Operation>;
  send(options: ProviderSendOptions): Promise<UpstreamResponse>;
  close(): Promise<void>;
}
