/** The wire protocols Podium speaks, on either side. */
export type Protocol = 'openai-chat' | 'openai-responses' | 'openai-embeddings' | 'anthropic-messages' | 'gemini';

/** The client-facing API surfaces. */
export type Surface = 'openai-chat' | 'openai-responses' | 'openai-embeddings' | 'anthropic-messages';

export const providerTypes = ['openai', 'anthropic', 'azure-openai', 'gemini', 'openai-compatible'] as const;
export type ProviderType = (typeof providerTypes)[number];
