/** The models a first start serves must be priced: a first user's spend is never silently unpriced. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstRunModels, loadConfig, renderPodiumYaml } from '../config/index.js';
import { createPriceTable } from '../pricing/index.js';

describe('firstRunModels', () => {
  it('lists only models the built-in price table prices', () => {
    const prices = createPriceTable({ aliasPrices: {}, overrides: {} });
    const unpriced = Object.values(firstRunModels)
      .flatMap((names) => Object.values(names))
      .filter((model) => prices.lookup({ servedModel: model }) === undefined);

    expect(unpriced).toEqual([]);
  });

  it('renders a podium.yaml that loads for every vendor and local names that need quoting', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podium-first-run-yaml-'));
    const yamlText = renderPodiumYaml({
      keyed: [{ name: 'gemini', type: 'gemini', apiKeyVar: 'GEMINI_API_KEY', baseUrlVar: undefined }],
      local: [
        {
          name: 'lmstudio',
          label: 'LM Studio',
          origin: 'http://127.0.0.1:1234',
          listsTags: false,
          models: ['hf.co/org/model:Q4_K_M', 'null', 'yes'],
        },
      ],
    });
    await writeFile(join(dir, 'podium.yaml'), yamlText);

    const config = await loadConfig({ env: { GEMINI_API_KEY: 'g-secret' }, cwd: dir });

    expect(yamlText).toContain('apiKey: "${GEMINI_API_KEY}"');
    expect(Object.keys(config.models)).toEqual([
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
      'gemini-2.0-flash',
      'hf.co/org/model:Q4_K_M',
      'null',
      'yes',
    ]);
    expect(config.models.null?.targets[0]).toMatchObject({ provider: 'lmstudio', model: 'null' });
    expect(config.providers.lmstudio).toMatchObject({ type: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1' });
  });

  it('renders a file that loads when nothing was found', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podium-first-run-yaml-'));
    await writeFile(join(dir, 'podium.yaml'), renderPodiumYaml({ keyed: [], local: [] }));

    const config = await loadConfig({ env: {}, cwd: dir });

    expect([config.providers, config.models]).toEqual([{}, {}]);
  });
});
