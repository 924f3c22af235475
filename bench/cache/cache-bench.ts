/**
 * `npm run bench:cache`: the response cache's figures.
 * 1. Semantic accuracy on bench/cache/semantic-cases.json with the local embedder: paraphrase hit rate
 *    and near-miss false-hit rate per threshold and guard level, and the default threshold, chosen on
 *    one half of the items and reported on the other.
 * 2. Exact-cache lookup latency (key + read + validation) on the memory store, and on Redis when reachable.
 * 3. The semantic index's scan time at cache.maxEntries.
 * 4. The event loop's delay while the local embedder embeds (it runs in a worker thread: the loop stays free).
 * 5. The learned router's decision latency (features + choice) on MMLU-Pro, when the shared data is present
 *    (PODIUM_ROUTING_DATA, else ../shared/data/routing next to the repository).
 * The last line is one JSON object with the figures and whether each target is met.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { createMemoryCacheStore, createRedisCacheStore } from '../../src/server/cache/index.js';
import { createLocalEmbedder } from '../../src/server/embeddings/index.js';
import { reportBenchFailure } from '../shared/report-failure.js';
import { measureEventLoopDelay } from './measure-event-loop-delay.js';
import { measureExactLookup, type ExactLookupReport } from './measure-exact-lookup.js';
import { measureRoutingLatency } from './measure-routing-latency.js';
import { measureSemantic } from './measure-semantic.js';
import { measureSemanticScan } from './measure-semantic-scan.js';
import { chooseThreshold, formatSemanticTable, targets } from './semantic-summary.js';

const repositoryRoot = resolve(import.meta.dirname, '../..');
const dataRoot = process.env.PODIUM_ROUTING_DATA ?? resolve(repositoryRoot, '../shared/data/routing');
const redisUrl = process.env.PODIUM_REDIS_URL ?? 'redis://127.0.0.1:6379';
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

async function measureRedisLookup(): Promise<ExactLookupReport | undefined> {
  const keyPrefix = `podium:bench:cache:${randomUUID()}:`;
  const store = createRedisCacheStore({ url: redisUrl, keyPrefix, commandTimeoutMs: 2_000 });
  try {
    await store.ready(1_000);
  } catch {
    say(`Redis at ${redisUrl} is not reachable: the Redis lookup is not measured`);
    await store.close();
    return undefined;
  }
  const admin = new Redis(redisUrl);
  try {
    return await measureExactLookup({ store, entries: 2_000, lookups: 4_000 });
  } finally {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1_000);
      if (keys.length > 0) await admin.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    admin.disconnect();
    await store.close();
  }
}

async function main(): Promise<void> {
  const semantic = await measureSemantic(join(import.meta.dirname, 'semantic-cases.json'));
  say(
    `semantic cache on ${semantic.bases} base questions, ${semantic.paraphrases} paraphrases, ${semantic.nearMisses} near-misses ${JSON.stringify(semantic.nearMissesByKind)}`,
  );
  say(
    `local embedder: model load ${round(semantic.modelLoadMs)} ms, then p50 ${round(semantic.embedMs.p50)} ms / p99 ${round(semantic.embedMs.p99)} ms per text\n`,
  );
  say(
    'all items (guard off = embedding alone; salient = numbers, negations, comparisons, quotes, names; full = salient + no swapped content word):',
  );
  for (const line of formatSemanticTable(semantic.rows, 'all')) say(line);
  const chosen = chooseThreshold(semantic.rows);
  say(`\nchosen default threshold: ${chosen.threshold} (${chosen.reason})`);
  for (const guard of ['off', 'salient', 'full'] as const) {
    const row = chosen.heldOut[guard];
    say(
      `  held-out half at ${chosen.threshold}, guard ${guard}: paraphrase hits ${percent(row.paraphraseHitRate)}, wrong answers ${percent(row.paraphraseWrongRate)}, near-miss false hits ${percent(row.falseHitRate)}`,
    );
  }

  const exact = await measureExactLookup({
    store: createMemoryCacheStore({ maxEntries: 10_000, now: Date.now }),
    entries: 10_000,
    lookups: 20_000,
  });
  say(
    `machine load average (1 min) ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores: timings below are noisy when it exceeds the cores`,
  );
  say(
    `\nexact lookup, memory store, ${exact.entries} entries: p50 ${round(exact.microseconds.p50)} µs, p99 ${round(exact.microseconds.p99)} µs`,
  );
  const redis = await measureRedisLookup();
  if (redis)
    say(
      `exact lookup, Redis store (${redisUrl}), ${redis.entries} entries: p50 ${round(redis.microseconds.p50)} µs, p99 ${round(redis.microseconds.p99)} µs`,
    );
  const scan = measureSemanticScan({ entries: 10_000, dimensions: 512, lookups: 200 });
  say(
    `semantic index scan, ${scan.entries} vectors of ${scan.dimensions} in one partition: p50 ${round(scan.microseconds.p50)} µs, p99 ${round(scan.microseconds.p99)} µs`,
  );

  // A generous timeout: the bench measures the loop, not whether a slow machine serves lookups in time.
  const embedder = createLocalEmbedder({ timeoutMs: 60_000 });
  const cases = JSON.parse(await readFile(join(import.meta.dirname, 'semantic-cases.json'), 'utf8')) as {
    items: { question: string }[];
  };
  const loop = await measureEventLoopDelay({ embedder, texts: cases.items.map((item) => item.question) }).finally(() =>
    embedder.close(),
  );
  say(
    `event-loop delay while the local embedder embeds ${loop.texts} texts: p50 ${round(loop.delayMs.p50)} ms, p99 ${round(loop.delayMs.p99)} ms, max ${round(loop.delayMs.max)} ms`,
  );

  const routing = await measureRoutingLatency({
    path: join(dataRoot, 'mmlu-pro'),
    reference: 'gemini-3.1-pro-preview',
    rounds: 5,
  });
  if (routing) {
    say(
      `learned router decision (routerFeatures + chooseModel), ${routing.validationPrompts} MMLU-Pro validation prompts × 5, ${routing.models} candidate models: p50 ${round(routing.microseconds.p50, 2)} µs, p99 ${round(routing.microseconds.p99, 2)} µs; chooseModel alone p50 ${round(routing.chooseMicroseconds.p50, 2)} µs, p99 ${round(routing.chooseMicroseconds.p99, 2)} µs (trained in ${round(routing.trainSeconds)} s)`,
    );
  } else
    say(
      `routing data not found at ${dataRoot} (set PODIUM_ROUTING_DATA): the routing decision latency is not measured`,
    );

  const met = targets({ chosen, exactP99Us: exact.microseconds.p99, routingP99Us: routing?.microseconds.p99 });
  say(
    JSON.stringify({
      bench: 'cache',
      semantic: {
        cases: { bases: semantic.bases, paraphrases: semantic.paraphrases, nearMisses: semantic.nearMisses },
        embedMs: { p50: round(semantic.embedMs.p50), p99: round(semantic.embedMs.p99) },
        defaultThreshold: chosen.threshold,
        heldOutAtDefault: Object.fromEntries(
          Object.entries(chosen.heldOut).map(([guard, row]) => [
            guard,
            {
              paraphraseHitRate: round(row.paraphraseHitRate, 3),
              wrongRate: round(row.paraphraseWrongRate, 3),
              falseHitRate: round(row.falseHitRate, 3),
            },
          ]),
        ),
      },
      exactLookupUs: {
        memory: { p50: round(exact.microseconds.p50), p99: round(exact.microseconds.p99) },
        redis: redis ? { p50: round(redis.microseconds.p50), p99: round(redis.microseconds.p99) } : null,
      },
      semanticScanUs: { entries: scan.entries, p50: round(scan.microseconds.p50), p99: round(scan.microseconds.p99) },
      eventLoopDelayMs: {
        texts: loop.texts,
        p50: round(loop.delayMs.p50),
        p99: round(loop.delayMs.p99),
        max: round(loop.delayMs.max),
      },
      routingDecisionUs: routing
        ? {
            p50: round(routing.microseconds.p50, 2),
            p99: round(routing.microseconds.p99, 2),
            chooseOnlyP99: round(routing.chooseMicroseconds.p99, 2),
            prompts: routing.validationPrompts,
          }
        : null,
      loadAverage: round(os.loadavg()[0] ?? 0),
      met,
    }),
  );
}

await main().catch((error: unknown) => {
  reportBenchFailure('cache', error);
  process.exitCode = 1;
});
