import type { RoutingTable } from './routing-table.js';

/**
 * Prompts that are one made-up word each, so hashed words carry over nothing to unseen prompts.
 * `small` is right only when the word starts with a–m (a trait no word or word pair shows); `big`
 * is always right and costs 10× more.
 */
export function hiddenTraitTable(count: number, seed: number): RoutingTable {
  let state = seed;
  const letter = (): string => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return String.fromCharCode(97 + ((state >>> 16) % 26));
  };
  const prompts = Array.from({ length: count }, (_, index) => ({
    id: `h${seed}-${index}`,
    text: Array.from({ length: 7 }, letter).join(''),
    inputTokens: 8,
  }));
  return {
    name: 'hidden-trait',
    models: ['big', 'small'],
    prompts,
    score: [
      Float64Array.from(prompts, () => 1),
      Float64Array.from(prompts, (prompt) => (earlyLetter(prompt.text) ? 1 : 0)),
    ],
    cost: [Float64Array.from(prompts, () => 10), Float64Array.from(prompts, () => 1)],
    costUnit: 'usd',
  };
}

/** Whether the text starts with a–m: what only the fake embedder sees. */
export const earlyLetter = (text: string): boolean => text.charCodeAt(0) < 110;

/** A deterministic stand-in for an embedding model: the hidden trait, a constant and a weak noise dimension. */
export function fakeEmbedding(text: string): number[] {
  return [earlyLetter(text) ? 1 : -1, 0.5, (text.charCodeAt(1) % 7) / 20];
}
