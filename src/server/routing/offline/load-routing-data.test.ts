import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRoutingData } from './load-routing-data.js';
import { parseCsv } from './parse-csv.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

describe('parseCsv', () => {
  it('keeps quoted commas, doubled quotes and newlines inside a field', () => {
    expect(parseCsv('a,b\n"x, ""y""\nz",2\r\n')).toEqual([
      ['a', 'b'],
      ['x, "y"\nz', '2'],
    ]);
  });
});

describe('loadRoutingData', () => {
  it('loads the shared outcome format: drops unpriced and sparse models, prices every cell', async () => {
    const { table, warnings } = await loadRoutingData({ path: fixture('tiny-outcomes') });
    expect(table.models).toEqual(['big', 'small']);
    expect(warnings).toEqual(['dropped unpriced: no price', 'dropped sparse: results on 1/5 prompts']);
    expect(table.prompts.map((prompt) => prompt.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(table.prompts[0]).toMatchObject({ category: 'math', inputTokens: 100, text: 'What is 2 + 2?\n3\n4' });
    // No token count in the file: chars / 4, rounded up.
    expect(table.prompts[4]?.inputTokens).toBe(Math.ceil('What is 7 times 6?\n42\n36'.length / 4));
    expect([...(table.score[1] ?? [])]).toEqual([1, 0, 1, 0, 1]);
    // big on prompt 1: 100 input tokens × $10/M + 10 output tokens × $100/M.
    expect(table.cost[0]?.[0]).toBeCloseTo((100 * 10 + 10 * 100) / 1e6, 12);
    expect(table.answers?.[1]).toEqual(['B', 'B', 'A', undefined, 'A']);
    expect(table.costUnit).toBe('usd');
  });

  it('loads a RouteLLM-style CSV with cost counted in strong-model calls', async () => {
    const { table } = await loadRoutingData({ path: fixture('tiny-routellm/tiny_responses.csv') });
    expect(table.models).toEqual(['weak-model', 'gpt-4-1106-preview']);
    expect(table.prompts[0]?.text).toBe('What is 2+2?\nA. 3\nB. 4\nAnswer:');
    expect([...(table.score[0] ?? [])]).toEqual([1, 0, 1]);
    expect([...(table.cost[1] ?? [])]).toEqual([1, 1, 1]);
    expect(table.costUnit).toBe('reference-calls');
  });

  it('names the path when nothing is there', async () => {
    await expect(loadRoutingData({ path: fixture('missing') })).rejects.toThrow(/no routing data at .*missing/);
  });
});
