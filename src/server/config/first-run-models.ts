/**
 * The models a first start serves for a vendor whose key it found: current ones the built-in price
 * table prices (a test holds the two together), under the names their SDKs' users type. Anthropic's
 * short aliases follow each family's newest model.
 */
import type { KeyedProvider } from './detect-providers.js';

/** Alias → the vendor's model id. */
export type ModelNames = Readonly<Record<string, string>>;

const same = (...ids: string[]): ModelNames => Object.fromEntries(ids.map((id) => [id, id]));

export const firstRunModels: Readonly<Record<KeyedProvider['type'], ModelNames>> = {
  openai: same(
    'gpt-4o-mini',
    'gpt-4o',
    'gpt-4.1',
    'gpt-4.1-mini',
    'gpt-4.1-nano',
    'gpt-5',
    'gpt-5-mini',
    'gpt-5-nano',
    'o3',
    'o3-mini',
    'o4-mini',
    'text-embedding-3-small',
    'text-embedding-3-large',
  ),
  anthropic: {
    'claude-sonnet': 'claude-sonnet-4-5',
    'claude-haiku': 'claude-haiku-4-5',
    'claude-opus': 'claude-opus-4-1',
    ...same(
      'claude-sonnet-4-5',
      'claude-sonnet-4-5-20250929',
      'claude-haiku-4-5',
      'claude-haiku-4-5-20251001',
      'claude-opus-4-1',
      'claude-opus-4-1-20250805',
      'claude-sonnet-4-20250514',
      'claude-3-5-haiku-20241022',
    ),
  },
  gemini: same('gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-2.0-flash'),
};
