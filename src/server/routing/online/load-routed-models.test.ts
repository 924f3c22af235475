import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileConfigSchema } from '../../config/index.js';
import { loadRoutedModels } from './load-routed-models.js';

const models = (file: string) =>
  fileConfigSchema.parse({
    providers: { openai: { type: 'openai', apiKey: 'x' } },
    models: {
      cheap: { targets: [{ provider: 'openai', model: 'a' }] },
      smart: { router: { policy: 'learned', candidates: ['cheap'], reference: 'cheap', file } },
    },
  }).models;

describe('loadRoutedModels', () => {
  it('names the YAML path and the file when the router file is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podium-routed-'));
    expect(() => loadRoutedModels({ models: models('missing.json'), baseDir: dir })).toThrow(
      `models.smart.router.file (${join(dir, 'missing.json')}): ENOENT`,
    );
  });

  it('rejects a file that is not a router and one whose models match no candidate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podium-routed-'));
    await writeFile(join(dir, 'bad.json'), '{"kind":"something-else"}');
    expect(() => loadRoutedModels({ models: models('bad.json'), baseDir: dir })).toThrow(
      /models\.smart\.router\.file .*bad\.json\): .*kind/s,
    );
    const router = {
      kind: 'podium-linear-router',
      version: 1,
      dataset: 't',
      reference: 'x',
      costUnit: 'usd',
      featureBits: 4,
      scoreRange: [0, 1],
      referenceMeanCost: 1,
      split: { seed: 's', validationShare: 0.2 },
      lambda: 0,
      sweep: [0],
      models: [{ name: 'other', weights: new Array(16).fill(0), costIntercept: 0, costPerInputToken: 0 }],
    };
    await writeFile(join(dir, 'other.json'), JSON.stringify(router));
    expect(() => loadRoutedModels({ models: models('other.json'), baseDir: dir })).toThrow(
      'no candidate matches a model of the router file (aliases: cheap; router models: other)',
    );
  });
});
