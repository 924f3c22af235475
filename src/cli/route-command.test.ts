import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestContext } from './cli-test-context.test-suite.js';
import { runCli } from './run-cli.js';

const data = fileURLToPath(new URL('../server/routing/offline/__fixtures__/small-outcomes', import.meta.url));

async function route(cwd: string, ...args: string[]) {
  const context = { ...createTestContext(), cwd };
  const exitCode = await runCli({ ...context, argv: ['route', ...args] });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium route', () => {
  it('trains a router file, then evaluates every policy on the held-out prompts with an SVG', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-route-'));
    const trained = await route(cwd, 'train', '--data', data, '--reference', 'big', '--validation-share', '0.4');
    expect(trained).toMatchObject({ exitCode: 0, stderr: '' });
    expect(trained.stdout).toMatch(/held out\); candidates: small, mid, big;/);
    const router = JSON.parse(await readFile(join(cwd, 'router.json'), 'utf8')) as { kind: string; split: unknown };
    expect(router).toMatchObject({ kind: 'podium-linear-router', split: { seed: 'podium-routing', validationShare: 0.4 } });

    const evaluated = await route(cwd, 'eval', '--data', data, '--router', 'router.json', '--svg', 'curve.svg', '--json');
    expect(evaluated.exitCode).toBe(0);
    const report = JSON.parse(evaluated.stdout) as { reference: string; curves: { policy: string }[]; prompts: number };
    expect(report.reference).toBe('big');
    expect(report.prompts).toBeGreaterThan(5);
    expect(report.prompts).toBeLessThan(48);
    expect(report.curves.map((curve) => curve.policy)).toEqual(['always-reference', 'best-single-model', 'random-mix', 'agreement-cascade', 'validity-cascade', 'learned-router', 'oracle']);
    expect(await readFile(join(cwd, 'curve.svg'), 'utf8')).toContain('<svg');

    const table = await route(cwd, 'eval', '--data', data, '--router', 'router.json', '--all');
    expect(table.stdout).toMatch(/^small-outcomes: 48 prompts; reference big/);
    expect(table.stdout).toMatch(/\noracle +oracle +\d/);
  });

  it('trains and evaluates with the local embedding model (--embeddings local), and refuses other embedders', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-route-'));
    const trained = await route(cwd, 'train', '--data', data, '--reference', 'big', '--validation-share', '0.4', '--embeddings', 'local');
    expect(trained.exitCode).toBe(0);
    expect(trained.stderr).toMatch(/^embedding \d+ prompts with the local model/);
    const router = JSON.parse(await readFile(join(cwd, 'router.json'), 'utf8')) as { embedding: unknown; models: { embeddingWeights: unknown[] }[] };
    expect(router.embedding).toEqual({ model: 'local', dimensions: 512 });
    expect(router.models[0]?.embeddingWeights).toHaveLength(512);
    const evaluated = await route(cwd, 'eval', '--data', data, '--router', 'router.json', '--json');
    expect(evaluated.exitCode).toBe(0);
    expect((JSON.parse(evaluated.stdout) as { curves: { policy: string }[] }).curves.map((curve) => curve.policy)).toContain('learned-router');
    const other = await route(cwd, 'train', '--data', data, '--reference', 'big', '--embeddings', 'my-alias');
    expect(other).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/embeddings "my-alias": only local/) as unknown });
  }, 60_000);

  it('asks for the reference model and names a bad router file', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'podium-route-'));
    expect(await route(cwd, 'train', '--data', data)).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^error: --reference is required/) as unknown });
    const bad = await route(cwd, 'eval', '--data', data, '--router', data + '/prices.csv');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/prices\.csv is not a router file/);
  });
});
