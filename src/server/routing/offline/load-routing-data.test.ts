import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('reads booleans, yes/no and graded scores in a wide correct.csv (not only "1" as right)', async () => {
    const { table, warnings } = await loadRoutingData({ path: fixture('wide-graded') });
    expect(warnings).toEqual(['no output_tokens.csv: costs count prompt tokens only']);
    expect(table.models).toEqual(['strong', 'weak']);
    expect([...(table.score[0] ?? [])]).toEqual([0.9, 1, 1]);
    expect([...(table.score[1] ?? [])]).toEqual([0.35, 0, 1]);
    expect(table.cost[1]?.[2]).toBeCloseTo((40 * 1) / 1e6, 12);
  });

  it('names the file, line and column of a bad score in correct.csv', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'podium-wide-'));
    await cp(fixture('wide-graded'), folder, { recursive: true });
    await writeFile(join(folder, 'correct.csv'), 'id,strong,weak\nq1,1,0\nq2,1,right\nq3,1,0\n');
    await expect(loadRoutingData({ path: folder })).rejects.toThrow(
      `${join(folder, 'correct.csv')}:3: column "weak": "right" is not a score`,
    );
  });

  it('uses the named reference as the strong model of a RouteLLM-style CSV, with graded and empty cells', async () => {
    const path = fixture('wide-custom/judged.csv');
    const { table, warnings } = await loadRoutingData({ path, reference: 'claude-opus' });
    expect(table.models).toEqual(['llama-3-8b', 'claude-opus']);
    // "Spell 'cat'" has no claude-opus result (an empty cell), so it is dropped, not scored 0.
    expect(table.prompts.map((prompt) => prompt.text)).toEqual([
      'Explain recursion',
      'What is 3*3?',
      'Summarise Hamlet',
    ]);
    expect(warnings).toEqual(["1 prompts dropped: a model's result missing"]);
    expect([...(table.score[0] ?? [])]).toEqual([0.5, 1, 0]);
    expect([...(table.score[1] ?? [])]).toEqual([1, 1, 0.75]);
    expect([...(table.cost[1] ?? [])]).toEqual([1, 1, 1]);
    expect([...(table.cost[0] ?? [])]).toEqual([0, 0, 0]);
  });

  it('without a reference, says the default strong model is missing and lists the models there', async () => {
    await expect(loadRoutingData({ path: fixture('wide-custom/judged.csv') })).rejects.toThrow(
      /no results for the reference model "gpt-4-1106-preview" \(RouteLLM's strong model, the default reference; name yours with --reference\); models: llama-3-8b, claude-opus$/,
    );
    await expect(loadRoutingData({ path: fixture('wide-custom/judged.csv'), reference: 'gpt-5' })).rejects.toThrow(
      /no results for the reference model "gpt-5"; models: llama-3-8b, claude-opus$/,
    );
  });

  it('names the place of a bad cell in a RouteLLM-style CSV, and a CSV of neither shape', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'podium-wide-')), 'bad.csv');
    await writeFile(path, 'prompt,a,b\n"two\nlines",True,False\nnext,True,sure\n');
    await expect(loadRoutingData({ path, reference: 'a' })).rejects.toThrow(
      `${path}:4: column "b": "sure" is not a score`,
    );
    await writeFile(path, 'question,model,verdict\nq,m,1\n');
    await expect(loadRoutingData({ path })).rejects.toThrow(
      /no "prompt" column \(columns: question, model, verdict\); .* a long one has model and score \(or correct\) columns/,
    );
  });

  it("loads one task of a multi-task folder with that task's own models: MATH-L5 keeps a model never run on GSM8K", async () => {
    const path = fixture('multi-task-outcomes');
    const whole = await loadRoutingData({ path });
    expect(whole.table.models).toEqual(['llama', 'gpt']);
    expect(whole.warnings).toContain(
      'dropped qwen-72b: results on 4/7 prompts (none on gsm; complete on math-l5: load one task to keep it)',
    );

    const math = await loadRoutingData({ path, task: 'math-l5' });
    expect(math.table.name).toBe('multi-task-outcomes/math-l5');
    expect(math.table.models).toEqual(['llama', 'qwen-72b', 'gpt']);
    expect(math.table.prompts.map((prompt) => prompt.id)).toEqual([
      'math-l5/m1',
      'math-l5/m2',
      'math-l5/m3',
      'math-l5/m4',
    ]);
    expect([...(math.table.score[1] ?? [])]).toEqual([1, 1, 0, 1]);
    expect(math.table.cost[1]?.[0]).toBeCloseTo((18 * 0.9) / 1e6, 15);
    expect(math.warnings).toEqual(['no output_tokens.csv: costs count prompt tokens only']);

    const gsm = await loadRoutingData({ path, task: 'gsm' });
    expect(gsm.table.models).toEqual(['llama', 'gpt']);
    expect(gsm.table.prompts).toHaveLength(3);
    await expect(loadRoutingData({ path, task: 'crux' })).rejects.toThrow(
      /no prompts of task "crux" \(tasks: gsm, math-l5\)$/,
    );
  });

  it('chooses a task of a long-format file by its category, and refuses a task on RouteLLM data', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'podium-long-')), 'tasks.jsonl');
    const rows: [string, string, string, number][] = [
      ['g1', 'gsm', 'a', 1],
      ['m1', 'math', 'a', 0],
      ['m1', 'math', 'b', 1],
      ['m2', 'math', 'a', 1],
      ['m2', 'math', 'b', 1],
    ];
    await writeFile(
      path,
      rows
        .map(([id, category, model, score]) =>
          JSON.stringify({ prompt_id: id, prompt: `question ${id}`, category, model, score, cost_usd: 0.001 }),
        )
        .join('\n'),
    );
    expect((await loadRoutingData({ path })).table.models).toEqual(['a']);
    const math = await loadRoutingData({ path, task: 'math' });
    expect([math.table.name, math.table.models, math.table.prompts.length]).toEqual(['tasks/math', ['a', 'b'], 2]);
    await expect(loadRoutingData({ path: fixture('tiny-routellm/tiny_responses.csv'), task: 'gsm' })).rejects.toThrow(
      /has no tasks to choose from/,
    );
  });

  it('names the path when nothing is there', async () => {
    await expect(loadRoutingData({ path: fixture('missing') })).rejects.toThrow(/no routing data at .*missing/);
  });
});
