import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

it('podium.yaml with an upstream named podium (Podium’s own tools) is a config error naming the path', async () => {
  dir = await mkdtemp(join(tmpdir(), 'podium-tools-config-'));
  const yaml = 'tools:\n  upstreams:\n    podium:\n      type: mcp\n      url: http://x.test/mcp\n';
  await writeFile(join(dir, 'podium.yaml'), yaml);
  await expect(loadConfig({ env: {}, cwd: dir })).rejects.toThrow(/tools\.upstreams\.podium: .*reserved/);
});
