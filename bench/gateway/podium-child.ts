/**
 * Podium from its TypeScript sources (BENCH_PODIUM_RUN=source; the default is the compiled CLI, see
 * start-podium-process.ts), as it runs for real: podium.yaml, the embedded PostgreSQL on disk, virtual-key auth,
 * pricing and the batched ledger all on. Run as a child process:
 * `node --import tsx podium-child.ts <upstream origin> <work dir> <model alias>` with PODIUM_ADMIN_KEY set.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../src/server/config/index.js';
import { startPodium } from '../../src/server/main.js';
import { benchPodiumYaml } from './bench-podium-yaml.js';
import { failChild, serveChildControl } from './child-control.js';

async function main(): Promise<void> {
  const [upstream, workDir, model] = process.argv.slice(2);
  if (!upstream || !workDir || !model)
    throw new Error('usage: podium-child.ts <upstream origin> <work dir> <model alias>');
  await writeFile(join(workDir, 'podium.yaml'), benchPodiumYaml(upstream, model));
  const env = {
    ...process.env,
    PODIUM_HOST: '127.0.0.1',
    PODIUM_PORT: '0',
    PODIUM_DATA_DIR: join(workDir, 'data'),
    PODIUM_CONFIG: undefined,
  };
  const config = await loadConfig({ env, cwd: workDir });
  const podium = await startPodium({ config, env, cwd: workDir, log: (line) => process.stderr.write(`${line}\n`) });
  serveChildControl({ url: podium.url, close: () => podium.close() });
}

main().catch(failChild);
