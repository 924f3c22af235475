/**
 * The semantic cache's accuracy on Podium's own test set (semantic-cases.json): every base question is
 * indexed in one partition (one tenant, one alias), then each paraphrase and near-miss is looked up
 * through the real SemanticIndex, at several thresholds, with and without the salient-token guard.
 * A paraphrase counts as a hit only when it is served its own base's answer; any near-miss served an
 * answer is a false hit.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { salientTokens, SemanticIndex, type GuardLevel, type SalientTokens } from '../../src/server/cache/index.js';
import { createLocalEmbedder } from '../../src/server/embeddings/index.js';
import type { GatewayCall } from '../../src/server/gateway/index.js';
import { microsecondsSince, percentiles, type Percentiles } from './percentiles.js';

const casesSchema = z.object({
  items: z
    .array(
      z.object({
        question: z.string().min(1),
        paraphrases: z.array(z.string().min(1)).min(1),
        nearMisses: z.array(z.object({ kind: z.string().min(1), text: z.string().min(1) })).min(1),
      }),
    )
    .min(60),
});

export interface SemanticRow {
  threshold: number;
  guard: GuardLevel;
  /** Which items' probes were counted: `dev` (even items: the threshold is chosen here), `held-out` (odd), `all`. */
  subset: Subset;
  /** Paraphrases served their own base's answer. */
  paraphraseHitRate: number;
  /** Paraphrases served another base's answer (a wrong answer). */
  paraphraseWrongRate: number;
  /** Near-misses served any answer. */
  falseHitRate: number;
  /** False hits per near-miss kind (entity, negation, number, …). */
  falseHitsByKind: Record<string, number>;
}

export type Subset = 'dev' | 'held-out' | 'all';

export interface SemanticReport {
  bases: number;
  paraphrases: number;
  nearMisses: number;
  nearMissesByKind: Record<string, number>;
  /** Milliseconds per embedding with the local model (the model already loaded). */
  embedMs: Percentiles;
  modelLoadMs: number;
  rows: SemanticRow[];
}

interface Probe {
  base: number;
  kind: string | undefined;
  vector: Float32Array;
  salient: SalientTokens;
}

export const thresholds = [0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.95] as const;
export const guardLevels: readonly GuardLevel[] = ['off', 'salient', 'full'];
const subsets: readonly Subset[] = ['dev', 'held-out', 'all'];
const inSubset = (base: number, subset: Subset): boolean => subset === 'all' || (base % 2 === 0) === (subset === 'dev');

/** Embeds the test set once and scores every threshold × guard setting. */
export async function measureSemantic(casesPath: string): Promise<SemanticReport> {
  const { items } = casesSchema.parse(JSON.parse(await readFile(casesPath, 'utf8')));
  // A generous timeout: a lookup on a slow machine would be a miss; the bench needs every vector.
  const embedder = createLocalEmbedder({ timeoutMs: 60_000 });
  // The embedder only uses the call to bill an embedding alias; the local model ignores it.
  const noCall = {} as GatewayCall;
  const loadStarted = process.hrtime.bigint();
  await embedder.warmUp(120_000);
  await embedder.embed('warm up', noCall);
  const modelLoadMs = microsecondsSince(loadStarted) / 1000;
  const embedTimes: number[] = [];
  const embed = async (text: string): Promise<Float32Array> => {
    const started = process.hrtime.bigint();
    const vector = await embedder.embed(text, noCall);
    embedTimes.push(microsecondsSince(started) / 1000);
    return vector;
  };
  const bases: Probe[] = [];
  const paraphrases: Probe[] = [];
  const nearMisses: Probe[] = [];
  for (const [base, item] of items.entries()) {
    bases.push({ base, kind: undefined, vector: await embed(item.question), salient: salientTokens(item.question) });
    for (const text of item.paraphrases)
      paraphrases.push({ base, kind: undefined, vector: await embed(text), salient: salientTokens(text) });
    for (const miss of item.nearMisses)
      nearMisses.push({ base, kind: miss.kind, vector: await embed(miss.text), salient: salientTokens(miss.text) });
  }
  await embedder.close();
  const nearMissesByKind: Record<string, number> = {};
  for (const probe of nearMisses) nearMissesByKind[probe.kind ?? ''] = (nearMissesByKind[probe.kind ?? ''] ?? 0) + 1;
  const rows: SemanticRow[] = [];
  for (const subset of subsets) {
    const probes = {
      paraphrases: paraphrases.filter((probe) => inSubset(probe.base, subset)),
      nearMisses: nearMisses.filter((probe) => inSubset(probe.base, subset)),
    };
    // Every base stays indexed: a probe may still be wrongly served another half's answer.
    for (const guard of guardLevels)
      for (const threshold of thresholds) rows.push({ ...score({ bases, ...probes, threshold, guard }), subset });
  }
  return {
    bases: bases.length,
    paraphrases: paraphrases.length,
    nearMisses: nearMisses.length,
    nearMissesByKind,
    embedMs: percentiles(embedTimes),
    modelLoadMs,
    rows,
  };
}

function score(input: {
  bases: Probe[];
  paraphrases: Probe[];
  nearMisses: Probe[];
  threshold: number;
  guard: GuardLevel;
}): Omit<SemanticRow, 'subset'> {
  const index = new SemanticIndex({ maxEntries: input.bases.length, now: () => 0 });
  for (const base of input.bases)
    index.add({
      partition: 'bench',
      vector: base.vector,
      salient: base.salient,
      storeKey: String(base.base),
      expiresAt: Number.POSITIVE_INFINITY,
    });
  const lookup = (probe: Probe) =>
    index.find({
      partition: 'bench',
      vector: probe.vector,
      salient: probe.salient,
      threshold: input.threshold,
      guard: input.guard,
    }).entry;
  let hits = 0;
  let wrong = 0;
  for (const probe of input.paraphrases) {
    const entry = lookup(probe);
    if (entry === undefined) continue;
    if (entry.storeKey === String(probe.base)) hits += 1;
    else wrong += 1;
  }
  const falseHitsByKind: Record<string, number> = {};
  let falseHits = 0;
  for (const probe of input.nearMisses) {
    if (lookup(probe) === undefined) continue;
    falseHits += 1;
    falseHitsByKind[probe.kind ?? ''] = (falseHitsByKind[probe.kind ?? ''] ?? 0) + 1;
  }
  return {
    threshold: input.threshold,
    guard: input.guard,
    paraphraseHitRate: hits / input.paraphrases.length,
    paraphraseWrongRate: wrong / input.paraphrases.length,
    falseHitRate: falseHits / input.nearMisses.length,
    falseHitsByKind,
  };
}
