/** A learned router trained with embedding features, online: the embedder is configured, called per request, and required at start. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../embeddings/index.js';
import { fileConfigSchema } from '../../config/index.js';
import { createGatewayCall, ModelCatalog } from '../../gateway/index.js';
import { createPriceTable } from '../../pricing/index.js';
import { createProvider } from '../../providers/index.js';
import { Metrics } from '../../telemetry/index.js';
import { fakeEmbedding, hiddenTraitTable } from '../offline/hidden-trait-table.test-suite.js';
import { unitVector } from '../../embeddings/index.js';
import { compileRouter } from '../learned-router/linear-router.js';
import { embedPrompts } from '../offline/prompt-embeddings.js';
import { trainLinearRouter } from '../offline/train-linear-router.js';
import { createLearnedPolicy } from './learned-policy.js';
import { loadRoutedModels } from './load-routed-models.js';
import { routeRoutedModel } from './route-routed-model.js';

const table = hiddenTraitTable(400, 1);
const embeddings = await embedPrompts({
  prompts: table.prompts,
  embed: (texts) => Promise.resolve(texts.map(fakeEmbedding)),
  model: 'local',
});
const router = trainLinearRouter({
  table,
  reference: 'big',
  featureBits: 10,
  split: { seed: 'test', validationShare: 0 },
  embeddings,
});
const embedded: string[] = [];
const fakeEmbedder: Embedder = {
  embed: (text) => {
    embedded.push(text);
    return Promise.resolve(unitVector(fakeEmbedding(text)));
  },
};
const call = (text: string) => {
  const created = createGatewayCall({
    id: 'c1',
    surface: 'openai-chat',
    credential: undefined,
    headers: {},
    rawBody: Buffer.from(''),
    startedAt: 0,
  });
  created.body = { model: 'smart', messages: [{ role: 'user', content: text }] };
  created.requestedModel = 'smart';
  return created;
};
const prompt = (text: string) => ({ text, inputTokens: 8, tools: false, json: false });
const config = (embedding: string | undefined, file: string) =>
  fileConfigSchema.parse({
    providers: { openai: { type: 'openai', apiKey: 'x' } },
    models: {
      small: { targets: [{ provider: 'openai', model: 'a' }] },
      big: { targets: [{ provider: 'openai', model: 'b' }] },
      smart: {
        router: {
          policy: 'learned',
          candidates: ['small'],
          reference: 'big',
          file,
          ...(embedding === undefined ? {} : { embedding }),
        },
      },
    },
  });

async function routerFile(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'podium-embedding-router-'));
  await writeFile(join(dir, 'router.json'), JSON.stringify(router));
  return { dir, file: 'router.json' };
}

describe('learned policy with embedding features', () => {
  it('embeds the prompt and routes by what only the embedding shows', async () => {
    const decide = createLearnedPolicy({
      compiled: compileRouter(router),
      aliases: ['small', 'big'],
      maxQualityLoss: 0.05,
      embedder: fakeEmbedder,
    });
    await expect(decide(prompt('alphabet'), call('alphabet'))).resolves.toMatchObject({ choice: 'small' });
    await expect(decide(prompt('zeppelin'), call('zeppelin'))).resolves.toMatchObject({ choice: 'big' });
    expect(embedded.slice(-2)).toEqual(['alphabet', 'zeppelin']);
  });

  it('serves the reference when the embedding call fails', async () => {
    const failing: Embedder = { embed: () => Promise.reject(new Error('alias down')) };
    const decide = createLearnedPolicy({
      compiled: compileRouter(router),
      aliases: ['small', 'big'],
      maxQualityLoss: 0.05,
      embedder: failing,
      reference: 'big',
    });
    await expect(decide(prompt('alphabet'), call('alphabet'))).resolves.toEqual({
      choice: 'big',
      reason: 'learned: embedding failed (alias down): reference',
    });
  });

  it('runs as an async admission stage with the configured embedder', async () => {
    const { dir, file } = await routerFile();
    const parsed = config('local', file);
    const selected: string[] = [];
    const routed = loadRoutedModels({
      models: parsed.models,
      baseDir: dir,
      embedder: (name) => (selected.push(name), fakeEmbedder),
    });
    expect(selected).toEqual(['local']);
    const providers = new Map([['openai', createProvider('openai', { type: 'openai', apiKey: 'x', connections: 1 })]]);
    const catalog = new ModelCatalog(parsed, providers, createPriceTable({ aliasPrices: {}, overrides: {} }));
    const stage = routeRoutedModel({ routed, catalog, metrics: new Metrics() });
    const early = call('alphabet');
    const pending = stage(early);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(early.routing).toMatchObject({ alias: 'smart', policy: 'learned', choice: 'small' });
    expect(early.route?.alias).toBe('small');
    const late = call('zeppelin');
    await stage(late);
    expect(late.route?.alias).toBe('big');
  });

  it('refuses to start without the embedder the router file was trained with', async () => {
    const { dir, file } = await routerFile();
    const embedder = () => fakeEmbedder;
    expect(() => loadRoutedModels({ models: config(undefined, file).models, baseDir: dir, embedder })).toThrow(
      /^models\.smart\.router\.embedding: the router file .*router\.json was trained with embedding features \(local, 3 dimensions\); set embedding: local$/,
    );
    expect(() => loadRoutedModels({ models: config('embedder-alias', file).models, baseDir: dir, embedder })).toThrow(
      /^models\.smart\.router\.embedding: "embedder-alias", but the router file .* was trained with embeddings from "local"$/,
    );
    expect(() =>
      createLearnedPolicy({ compiled: compileRouter(router), aliases: ['small', 'big'], maxQualityLoss: 0.05 }),
    ).toThrow(/trained with embedding features \(local\) and no embedder is configured/);
  });
});
