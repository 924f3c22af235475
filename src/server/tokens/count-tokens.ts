/**
 * o200k token counts for estimates (budget reservations, compression, count_tokens, unmetered answers).
 * The encoding costs ~300 ms and ~70 MB RSS to load (measured: import of gpt-tokenizer's o200k_base, 2026-12-08),
 * a third of the server's start, and only calls that a budget or compression covers need it: it is loaded on
 * first use, synchronously (its CommonJS build), or ahead of time by `preloadTokenizer` once one is likely.
 */
import { createRequire } from 'node:module';

type CountTokens = (text: string) => number;

const requireModule = createRequire(import.meta.url);
let loaded: CountTokens | undefined;

function load(): CountTokens {
  const encoding: unknown = requireModule('gpt-tokenizer/encoding/o200k_base');
  const count = (encoding as { countTokens?: unknown }).countTokens;
  if (typeof count !== 'function') throw new Error('gpt-tokenizer/encoding/o200k_base has no countTokens');
  return count as CountTokens;
}

/** Tokens of `text` in OpenAI's o200k encoding. */
export function countTokens(text: string): number {
  loaded ??= load();
  return loaded(text);
}

/** Loads the encoding now if it is not yet (idempotent), so the first estimate does not pay for it. */
export function preloadTokenizer(): void {
  loaded ??= load();
}

/** Whether the encoding is loaded (tests: a start without budgets must not load it). */
export function tokenizerLoaded(): boolean {
  return loaded !== undefined;
}
