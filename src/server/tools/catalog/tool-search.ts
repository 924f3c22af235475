/**
 * Ranks a caller's tools for a query, so a large catalog can be offered as one search tool instead of
 * hundreds of definitions (the MCP endpoint exposes it as `podium__search_tools` past `searchThreshold`).
 * BM25 over the exposed name (counted twice: names are short and precise) and the description; words are
 * split at case changes and punctuation and lightly stemmed. Deterministic: ties go by exposed name.
 */

/** Longest query read; the rest is ignored. */
export const maxSearchQueryChars = 1000;
/** Most tools returned by one search. */
export const maxSearchResults = 50;

const k1 = 1.2;
const b = 0.75;
const stopWords = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'to',
  'in',
  'for',
  'on',
  'by',
  'with',
  'or',
  'is',
  'it',
  'me',
  'my',
  'i',
]);

/** Lower-case words of `text`: `getOrderStatus` and `get_order_status` both give get, order, status. */
export function searchWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0 && !stopWords.has(word))
    .map(stem);
}

/** Plural and -ing endings only: enough for "orders" to find "order" without a stemming library. */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

export interface Searchable {
  readonly exposedName: string;
  readonly description: string | undefined;
}

export interface SearchIndex<T extends Searchable> {
  search(query: string, limit: number): T[];
}

/** Indexes `tools` once (a caller's view is cached, and so is its index). */
export function createSearchIndex<T extends Searchable>(tools: readonly T[]): SearchIndex<T> {
  const documents = tools.map((tool) => {
    const words = [
      ...searchWords(tool.exposedName),
      ...searchWords(tool.exposedName),
      ...searchWords(tool.description ?? ''),
    ];
    const frequencies = new Map<string, number>();
    for (const word of words) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
    return { tool, length: words.length, frequencies };
  });
  const documentFrequency = new Map<string, number>();
  for (const document of documents)
    for (const word of document.frequencies.keys()) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const averageLength = documents.reduce((sum, document) => sum + document.length, 0) / Math.max(1, documents.length);
  const count = documents.length;

  return {
    search(query, limit) {
      const words = [...new Set(searchWords(query.slice(0, maxSearchQueryChars)))];
      const bounded = Math.min(Math.max(1, Math.trunc(limit)), maxSearchResults);
      const scored: { tool: T; score: number }[] = [];
      for (const document of documents) {
        let score = 0;
        for (const word of words) {
          const frequency = document.frequencies.get(word);
          if (frequency === undefined) continue;
          const containing = documentFrequency.get(word) ?? 0;
          const idf = Math.log(1 + (count - containing + 0.5) / (containing + 0.5));
          score += (idf * frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * document.length) / averageLength));
        }
        if (score > 0) scored.push({ tool: document.tool, score });
      }
      scored.sort((x, y) =>
        y.score !== x.score ? y.score - x.score : x.tool.exposedName < y.tool.exposedName ? -1 : 1,
      );
      return scored.slice(0, bounded).map((entry) => entry.tool);
    },
  };
}
