/** What a score cell may hold, for error messages. */
export const scoreRules = '1/0, true/false, yes/no, a number, or empty for no result';

const words: Record<string, number> = { true: 1, false: 0, yes: 1, no: 0 };
const decimal = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Where a score came from, so a bad one can be named by file, line and column. */
export interface ScoreLocation {
  file: string;
  line: number;
  column: string;
}

/**
 * One outcome as a number, shared by every loader: 1/0, true/false and yes/no (any case) as 1/0,
 * numeric grades as they are (0..1 partial credit, MT-Bench's 1–10), empty or null as no result
 * (`undefined`). Anything else throws rather than silently counting as wrong; with a location the
 * error names the file, line and column.
 */
export function parseScore(value: unknown, location?: ScoreLocation): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return undefined;
    const word = words[text.toLowerCase()];
    if (word !== undefined) return word;
    if (decimal.test(text)) return Number(text);
  }
  const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  const where = location === undefined ? '' : `${location.file}:${location.line}: column "${location.column}": `;
  throw new Error(`${where}${shown} is not a score (${scoreRules})`);
}
