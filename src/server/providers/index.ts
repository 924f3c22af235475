export { createProvider } from './create-provider.js';
export type { ChatProtocol, Operation, Provider, ProviderSendOptions } from './provider.js';
export type { UpstreamResponse } from './upstream-client.js';
export { upstreamBodyError, upstreamTransportError } from './upstream-transport-error.js';
