/**
 * Provider types are configuration over one HTTP implementation: each differs only in its base URL,
 * endpoint paths and auth headers. Defaults mirror each vendor's official SDK.
 */
import type { ProviderConfig } from '../config/index.js';
import { createHttpProvider, type Endpoint } from './http-provider.js';
import type { Operation, Provider } from './provider.js';

const openAIPaths: Partial<Record<Operation, string>> = {
  chat: '/chat/completions',
  responses: '/responses',
  embeddings: '/embeddings',
};

const anthropicPaths: Partial<Record<Operation, Endpoint>> = {
  messages: { path: '/v1/messages' },
  count_tokens: { path: '/v1/messages/count_tokens' },
};

const defaultAzureApiVersion = '2024-10-21';
const anthropicVersion = '2023-06-01';

/** Builds the Provider for one `providers.<name>` entry of podium.yaml. */
export function createProvider(name: string, config: ProviderConfig): Provider {
  const extra = config.headers ?? {};
  const common = { name, type: config.type, connections: config.connections } as const;
  switch (config.type) {
    case 'openai':
    case 'openai-compatible':
      return createHttpProvider({
        ...common,
        chatProtocol: 'openai-chat',
        baseUrl: config.baseUrl ?? 'https://api.openai.com/v1',
        headers: { ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}), ...extra },
        operations: ['chat', 'responses', 'embeddings'],
        endpoint: (operation) => {
          const path = openAIPaths[operation];
          return path ? { path } : undefined;
        },
      });
    case 'azure-openai': {
      // Classic deployment routes: the target's `model` is the deployment name, carried in the URL.
      const version = encodeURIComponent(config.apiVersion ?? defaultAzureApiVersion);
      return createHttpProvider({
        ...common,
        chatProtocol: 'openai-chat',
        baseUrl: config.baseUrl ?? 'https://invalid.azure.local',
        headers: { 'api-key': config.apiKey ?? '', ...extra },
        operations: ['chat', 'responses', 'embeddings'],
        endpoint: (operation, model): Endpoint | undefined => {
          if (operation === 'responses') return { path: `/openai/responses?api-version=${version}` };
          const path = openAIPaths[operation];
          return path
            ? { path: `/openai/deployments/${encodeURIComponent(model)}${path}?api-version=${version}` }
            : undefined;
        },
      });
    }
    case 'anthropic':
      return createHttpProvider({
        ...common,
        chatProtocol: 'anthropic-messages',
        baseUrl: config.baseUrl ?? 'https://api.anthropic.com',
        headers: { 'x-api-key': config.apiKey ?? '', 'anthropic-version': anthropicVersion, ...extra },
        operations: ['messages', 'count_tokens'],
        endpoint: (operation) => anthropicPaths[operation],
      });
    case 'gemini':
      return createHttpProvider({
        ...common,
        chatProtocol: 'gemini',
        baseUrl: config.baseUrl ?? 'https://generativelanguage.googleapis.com',
        headers: { 'x-goog-api-key': config.apiKey ?? '', ...extra },
        operations: [],
        endpoint: (operation, model, stream) => {
          if (operation !== 'chat') return undefined;
          const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
          return { path: `/v1beta/models/${encodeURIComponent(model)}:${method}` };
        },
      });
  }
}
