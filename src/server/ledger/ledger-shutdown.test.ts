/** A clean shutdown loses no ledger record, even when none has been flushed yet. */
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { expect, it } from 'vitest';

import { loadJson, ownFixturePath, startTestPodium } from '../testkit/index.js';
import { openTestDatabase } from '../testkit/index.js';
import { createLedgerRepository } from '../ledger/index.js';

it('drains the in-memory buffer into the store on close', async () => {
  // Nested: the server secret and exported audit checkpoints go to the data dir's parent, which must be this test's own.
  const parent = await mkdtemp(join(tmpdir(), 'podium-ledger-'));
  // As root the embedded server runs as `postgres`, which must pass through (mkdtemp makes 0700).
  await chmod(parent, 0o711);
  const dataDir = join(parent, 'data');
  const podium = await startTestPodium({
    providers: { openai: 'openai' },
    modelsYaml: '  mini:\n    targets: [{ provider: openai, model: gpt-4o-mini }]\n',
    // A flush interval far beyond the test: only the shutdown drain can write these records.
    extraYaml: 'ledger: { flushIntervalMs: 3600000, batchSize: 10000 }',
    env: { PODIUM_DATA_DIR: dataDir },
  });
  podium.upstreams.openai?.always({ json: loadJson(ownFixturePath('openai/chat-text.json')) });
  const client = new OpenAI({ baseURL: `${podium.url}/v1`, apiKey: podium.key, maxRetries: 0 });
  await Promise.all(
    Array.from({ length: 40 }, () =>
      client.chat.completions.create({ model: 'mini', messages: [{ role: 'user', content: 'hi' }] }),
    ),
  );
  await podium.close();

  const store = await openTestDatabase({ dataDir });
  try {
    expect(await createLedgerRepository(store).count()).toBe(40);
  } finally {
    await store.close();
  }
}, 60_000);
