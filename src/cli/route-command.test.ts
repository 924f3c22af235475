import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestContext } from './cli-test-context.test-suite.js';
import { runCli } from './run-cli.js';

const fixtures = fileURLToPath(new URL('../server/routing/offline/__fixtures__', import.meta.url));
const data = join(fixtures, 'small-outcomes');

async function route(cwd: string, ...args: string[]) {
  const context = { ...createTestContext(), cwd };
  const exitCode = await runCli({ ...context, argv: ['route', ...args] });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium route', () => {
  it('trains a router file, then evaluates every policy on the held-out prompts with an SVG and a PNG', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-route-'));
    const trained = await route(cwd, 'train', '--data', data, '--reference', 'big', '--validation-share', '0.4');
    expect(trained).toMatchObject({ exitCode: 0, stderr: '' });
    expect(trained.stdout).toMatch(/held out\); candidates: small, mid, big;/);
    const router = JSON.parse(await readFile(join(cwd, 'router.json'), 'utf8')) as { kind: string; split: unknown };
    expect(router).toMatchObject({
      kind: 'podium-linear-router',
      split: { seed: 'podium-routing', validationShare: 0.4 },
    });

    const evaluated = await route(
      cwd,
      'eval',
      '--data',
      data,
      '--router',
      'router.json',
      '--svg',
      'curve.svg',
      '--png',
      'curve.png',
      '--json',
    );
    expect(evaluated.exitCode).toBe(0);
    const report = JSON.parse(evaluated.stdout) as { reference: string; curves: { policy: string }[]; prompts: number };
    expect(report.reference).toBe('big');
    expect(report.prompts).toBeGreaterThan(5);
    expect(report.prompts).toBeLessThan(48);
    expect(report.curves.map((curve) => curve.policy)).toEqual([
      'always-reference',
      'best-single-model',
      'random-mix',
      'agreement-cascade',
      'validity-cascade',
      'learned-router',
      'oracle',
    ]);
    expect(await readFile(join(cwd, 'curve.svg'), 'utf8')).toContain(
      '>small-outcomes: validation split (40 % held out by seed &#34;podium-routing&#34;), ',
    );
    const png = await readFile(join(cwd, 'curve.png'));
    // The PNG signature, then IHDR's width and height: the SVG's 800 × 500 at 2×.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 1000]);

    const table = await route(
      cwd,
      'eval',
      '--data',
      data,
      '--router',
      'router.json',
      '--all',
      '--svg',
      'all.svg',
      '--budget',
      '5',
    );
    expect(table.stdout).toMatch(/^small-outcomes: 48 prompts; reference big/);
    const chart = await readFile(join(cwd, 'all.svg'), 'utf8');
    expect(chart).toContain('>small-outcomes: all prompts, 48 prompts</text>');
    expect(chart).toContain('<line data-budget-percent="5"');
    expect(table.stdout).toMatch(/\noracle +oracle +\d/);
  });

  it('trains and evaluates on your own long-format JSONL (one row per prompt and model) as on the same data in folder form', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-route-'));
    // small-traffic.jsonl holds small-outcomes' prompts, scores (as true/false), tokens and answers as 144 rows.
    const long = join(fixtures, 'long-outcomes/small-traffic.jsonl');
    const trained = await route(cwd, 'train', '--data', long, '--reference', 'big', '--validation-share', '0.4');
    expect(trained).toMatchObject({ exitCode: 0, stderr: '' });
    expect(trained.stdout).toMatch(/^trained on \d+ of 48 prompts \(\d+ held out\); candidates: small, mid, big;/);
    const fromLong = await route(cwd, 'eval', '--data', long, '--router', 'router.json', '--json');
    const fromFolder = await route(cwd, 'eval', '--data', data, '--router', 'router.json', '--json');
    expect(fromLong.exitCode).toBe(0);
    const report = JSON.parse(fromLong.stdout) as { dataset: string; curves: { policy: string }[] };
    expect(report.dataset).toBe('small-traffic');
    expect(report.curves.map((curve) => curve.policy)).toContain('agreement-cascade');
    expect({ ...report, dataset: 'small-outcomes' }).toEqual(JSON.parse(fromFolder.stdout));
    const text = await route(cwd, 'eval', '--data', long, '--router', 'router.json');
    expect(text.stdout).toMatch(/^small-traffic: \d+ prompts; reference big, weak baseline \S+; cost = dollar cost\n/);
    expect(text.stdout).toMatch(/\nlearned-router +λ=/);
  });

  it("on RouteLLM's GSM8K, prints our CPT(50%) beside RouteLLM's published best, in text and --json", async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-route-'));
    const gsm8k = join(fixtures, 'routellm-gsm8k/gsm8k');
    const trained = await route(
      cwd,
      'train',
      '--data',
      gsm8k,
      '--reference',
      'gpt-4-1106-preview',
      '--validation-share',
      '0.4',
    );
    expect(trained).toMatchObject({ exitCode: 0, stderr: 'warning: 1 contaminated prompts dropped\n' });
    const text = await route(cwd, 'eval', '--data', gsm8k, '--router', 'router.json', '--all');
    expect(text.stdout).toMatch(
      /^gsm8k: 39 prompts; reference gpt-4-1106-preview, .*cost = share of strong-model calls\n/,
    );
    expect(text.stdout).toMatch(
      /\nCPT\(50%\) learned router \d+\.\d % vs RouteLLM's published best 33\.6 % of GPT-4 calls on gsm8k \(ours is (above|at or below) it; lower is better\)\n$/,
    );
    const json = JSON.parse(
      (await route(cwd, 'eval', '--data', gsm8k, '--router', 'router.json', '--all', '--json')).stdout,
    ) as { routellmPublished: unknown };
    expect(json.routellmPublished).toEqual({ benchmark: 'gsm8k', cpt50: 33.6 });
    // Other data has no published figure to compare with.
    await route(cwd, 'train', '--data', data, '--reference', 'big', '--out', 'own.json');
    const own = await route(cwd, 'eval', '--data', data, '--router', 'own.json', '--json');
    expect(JSON.parse(own.stdout)).not.toHaveProperty('routellmPublished');
  });

  it('reports a bad data file by line and field, and takes prices from --prices', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-route-'));
    const bad = await route(
      cwd,
      'train',
      '--data',
      join(fixtures, 'long-outcomes/bad-rows.jsonl'),
      '--reference',
      'big',
    );
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(
      /^error: 4 bad values in .*bad-rows\.jsonl:\n {2}.*bad-rows\.jsonl:2: score: "maybe" is not a score/,
    );
    // In a folder of its own, so no prices.csv beside it or in its parent is found by chance.
    await mkdir(join(cwd, 'data'));
    await writeFile(
      join(cwd, 'data/outcomes.jsonl'),
      (await readFile(join(fixtures, 'long-outcomes/small-traffic.jsonl'), 'utf8')).replaceAll(
        '"model": "mid"',
        '"model": "medium"',
      ),
    );
    const unpriced = await route(cwd, 'train', '--data', 'data/outcomes.jsonl', '--reference', 'big');
    expect(unpriced).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(
        /^error: .*outcomes\.jsonl: 144 rows have no cost_usd .* \(pass one with --prices\)/,
      ) as unknown,
    });
    await writeFile(
      join(cwd, 'my-prices.csv'),
      'model,input_usd_per_1M_tokens,output_usd_per_1M_tokens\nbig,10,30\nsmall,0.1,0.3\n',
    );
    const priced = await route(
      cwd,
      'train',
      '--data',
      'data/outcomes.jsonl',
      '--reference',
      'big',
      '--prices',
      'my-prices.csv',
    );
    expect(priced.exitCode).toBe(0);
    expect(priced.stderr).toBe('warning: dropped medium: no price (and rows without cost_usd)\n');
    expect(priced.stdout).toMatch(/candidates: small, big;/);
  });

  it('trains and evaluates with the local embedding model (--embeddings local), and refuses other embedders', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-route-'));
    const trained = await route(
      cwd,
      'train',
      '--data',
      data,
      '--reference',
      'big',
      '--validation-share',
      '0.4',
      '--embeddings',
      'local',
    );
    expect(trained.exitCode).toBe(0);
    expect(trained.stderr).toMatch(/^embedding \d+ prompts with the local model/);
    const router = JSON.parse(await readFile(join(cwd, 'router.json'), 'utf8')) as {
      embedding: unknown;
      models: { embeddingWeights: unknown[] }[];
    };
    expect(router.embedding).toEqual({ model: 'local', dimensions: 512 });
    expect(router.models[0]?.embeddingWeights).toHaveLength(512);
    const evaluated = await route(cwd, 'eval', '--data', data, '--router', 'router.json', '--json');
    expect(evaluated.exitCode).toBe(0);
    expect(
      (JSON.parse(evaluated.stdout) as { curves: { policy: string }[] }).curves.map((curve) => curve.policy),
    ).toContain('learned-router');
    const other = await route(cwd, 'train', '--data', data, '--reference', 'big', '--embeddings', 'my-alias');
    expect(other).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/embeddings "my-alias": only local/) as unknown,
    });
  }, 60_000);

  it('asks for the reference model and names a bad router file', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-route-'));
    expect(await route(cwd, 'train', '--data', data)).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/^error: --reference is required/) as unknown,
    });
    const bad = await route(cwd, 'eval', '--data', data, '--router', data + '/prices.csv');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/prices\.csv is not a router file/);
  });
});
