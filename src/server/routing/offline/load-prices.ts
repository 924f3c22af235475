import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseCsvWithHeader } from './parse-csv.js';

/** USD per one million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

const priceRow = z.object({
  model: z.string().min(1),
  input_usd_per_1M_tokens: z.coerce.number().nonnegative(),
  output_usd_per_1M_tokens: z.coerce.number().nonnegative(),
});

/** Parses a prices.csv (`model,input_usd_per_1M_tokens,output_usd_per_1M_tokens,…`) into a map by model. */
export function parsePrices(text: string): Map<string, ModelPrice> {
  const { header, rows } = parseCsvWithHeader(text);
  const prices = new Map<string, ModelPrice>();
  for (const row of rows) {
    const record = priceRow.parse(Object.fromEntries(header.map((name, index) => [name, row[index]])));
    prices.set(record.model, { input: record.input_usd_per_1M_tokens, output: record.output_usd_per_1M_tokens });
  }
  return prices;
}

/** Reads and parses a prices.csv file. */
export async function loadPrices(path: string): Promise<Map<string, ModelPrice>> {
  return parsePrices(await readFile(path, 'utf8'));
}
