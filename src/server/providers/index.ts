export { createProvider } from './create-provider.js';
export type { ChatProtocol, Operation, Provider, ProviderSendOptions } from './provider.js';
export type { UpstreamResponse } from './upstream-client.js';
export { upstreamTransportError } from './upstream-client.js';
