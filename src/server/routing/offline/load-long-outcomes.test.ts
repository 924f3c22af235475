import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRoutingData } from './load-routing-data.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const column = (values: Float64Array | undefined): number[] => [...(values ?? [])];

async function tempFile(name: string, text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'podium-long-')), name);
  await writeFile(path, text);
  return path;
}

describe('long format (one row per prompt and model)', () => {
  it('loads JSONL: scores of every spelling, prices × tokens or cost_usd, answers, the coverage rule', async () => {
    const { table, warnings } = await loadRoutingData({ path: fixture('long-outcomes/tiny.jsonl'), minCoverage: 0.8 });
    expect(warnings).toEqual([
      'dropped unpriced: no price (and rows without cost_usd)',
      'dropped sparse: results on 2/5 prompts',
      "dropped 1 prompts missing a kept model's result",
    ]);
    expect(table.name).toBe('tiny');
    expect(table.models).toEqual(['big', 'small']);
    expect(table.prompts.map((prompt) => prompt.id)).toEqual(['p1', '2', 'p3', 'p4']);
    // The text and category come from the prompt's first row; no token count anywhere → chars / 4.
    expect(table.prompts[0]).toEqual({ id: 'p1', text: 'What is 2 + 2?', category: 'math', inputTokens: 100 });
    expect(table.prompts[1]?.inputTokens).toBe(Math.ceil('Summarise the French revolution in one line.'.length / 4));
    expect(column(table.score[0])).toEqual([1, 0.8, 0, 1]);
    expect(column(table.score[1])).toEqual([1, 0.25, 1, 0]);
    const cost = { big: column(table.cost[0]), small: column(table.cost[1]) };
    // big, p1: 100 input × $10/M + 10 output × $30/M.
    expect(cost.big[0]).toBeCloseTo((100 * 10 + 10 * 30) / 1e6, 12);
    // small, p1: its row has no input_tokens, so the prompt's 100 are priced.
    expect(cost.small[0]).toBeCloseTo((100 * 0.1 + 20 * 0.3) / 1e6, 12);
    expect(cost.big[1]).toBeCloseTo((11 * 10 + 30 * 30) / 1e6, 12);
    // cost_usd overrides the prices.
    expect(cost.small[1]).toBe(0.5);
    expect(cost.big[2]).toBeCloseTo((8 * 10) / 1e6, 12);
    expect(table.answers).toEqual([
      ['4', undefined, undefined, undefined],
      ['4', 'It happened.', undefined, undefined],
    ]);
    expect(table.costUnit).toBe('usd');
  });

  it('drops a model under the default 95 % coverage rather than prompts', async () => {
    const { table, warnings } = await loadRoutingData({ path: fixture('long-outcomes/tiny.jsonl') });
    expect(table.models).toEqual(['big']);
    expect(table.prompts).toHaveLength(5);
    expect(warnings).toContain('dropped small: results on 4/5 prompts');
  });

  it('loads CSV with quoted multi-line prompts, text given once, and cost_usd on every row (no prices needed)', async () => {
    const { table, warnings } = await loadRoutingData({ path: fixture('long-csv/outcomes.csv') });
    expect(warnings).toEqual([]);
    expect(table.models).toEqual(['cheap', 'strong']);
    expect(table.prompts).toEqual([
      { id: 'a', text: 'Translate "chat", then explain\nthe word', category: 'language', inputTokens: 12 },
      { id: 'b', text: 'Add 17 and 25', category: 'math', inputTokens: 6 },
      { id: 'c', text: 'Capital of Peru?', category: undefined, inputTokens: 4 },
    ]);
    expect(column(table.score[0])).toEqual([1, 0, 0]);
    expect(column(table.score[1])).toEqual([1, 1, 1]);
    expect(column(table.cost[0])).toEqual([0.001, 0.0005, 0.0004]);
    expect(column(table.cost[1])).toEqual([0.02, 0.01, 0.009]);
    expect(column(table.outputTokens?.[1])).toEqual([40, 10, 0]);
    expect(table.answers).toBeUndefined();
  });

  it('reports every bad JSONL row with file:line and the field', async () => {
    const path = fixture('long-outcomes/bad-rows.jsonl');
    const error = await loadRoutingData({ path }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe(`4 bad values in ${path}:`);
    expect(lines.slice(1).map((line) => line.trim())).toEqual([
      `${path}:2: score: "maybe" is not a score (1/0, true/false, yes/no, a number, or empty for no result)`,
      `${path}:3: prompt_id: needs a prompt id (prompt_id, id or question_id)`,
      `${path}:4: input_tokens: "many" is not a number`,
      `${path}:5: score: missing (give score or correct; empty or null for no result)`,
    ]);
  });

  it('reports bad CSV cells at the line their record starts on, past a quoted newline', async () => {
    const path = fixture('long-csv/bad-rows.csv');
    const message = await loadRoutingData({ path }).then(
      () => '',
      (caught: unknown) => String(caught),
    );
    expect(message).toContain(`${path}:4: score: "maybe" is not a score`);
    expect(message).toContain(`${path}:5: model: needs a model name`);
    expect(message).toContain(`${path}:6: cost_usd: "lots" is not a number`);
    expect(message).not.toContain(':2:');
  });

  it('refuses duplicate pairs, conflicting texts, a prompt without text, bad JSON and missing prices', async () => {
    const duplicate = await tempFile(
      'dup.jsonl',
      '{"id":1,"prompt":"a","model":"m","score":1,"cost_usd":1}\n{"id":1,"prompt":"b","model":"m","score":0,"cost_usd":1}\n{"id":2,"model":"m","score":0,"cost_usd":1}\n',
    );
    const message = await loadRoutingData({ path: duplicate }).then(
      () => '',
      (caught: unknown) => String(caught),
    );
    expect(message).toContain('dup.jsonl:2: model: a second result for prompt 1 and m (first on line 1)');
    expect(message).toContain('dup.jsonl:2: prompt: differs from the text of prompt 1 on line 1');
    expect(message).toContain('dup.jsonl:3: prompt: no row of prompt 2 gives its text');
    await expect(
      loadRoutingData({
        path: await tempFile('broken.jsonl', '{"id":1,"prompt":"a","model":"m","score":1}\n{"id":2,\n'),
      }),
    ).rejects.toThrow(/broken\.jsonl:2: not a JSON object/);
    await expect(
      loadRoutingData({ path: await tempFile('unpriced.jsonl', '{"id":1,"prompt":"a","model":"m","score":1}\n') }),
    ).rejects.toThrow(/unpriced\.jsonl: 1 rows have no cost_usd \(first on line 1\) and there is no prices\.csv/);
  });
});
