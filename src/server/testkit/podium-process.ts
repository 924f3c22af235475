/**
 * Runs one Podium as its own process for multi-replica tests: configuration from the environment
 * (PODIUM_CONFIG, PODIUM_DATABASE_URL, PODIUM_REDIS_URL, …), prints `{"url": …}` once listening,
 * closes cleanly on SIGTERM. Started with `node --import tsx podium-process.ts`.
 */
import { startPodium } from '../main.js';

const podium = await startPodium({ log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${JSON.stringify({ url: podium.url })}\n`);
process.once('SIGTERM', () => {
  void podium.close().then(() => process.exit(0));
});
