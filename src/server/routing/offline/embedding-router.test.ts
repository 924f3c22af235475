import { describe, expect, it } from 'vitest';
import { earlyLetter, fakeEmbedding, hiddenTraitTable } from './hidden-trait-table.test-suite.js';
import { compileRouter, type LinearRouter } from '../learned-router/linear-router.js';
import { embedPrompts, type EmbedTexts } from './prompt-embeddings.js';
import { choicesAt, predictTable, trainLinearRouter } from './train-linear-router.js';

const embed: EmbedTexts = (texts) => Promise.resolve(texts.map(fakeEmbedding));
const split = { seed: 'test', validationShare: 0 };
const train = hiddenTraitTable(400, 1);
const unseen = hiddenTraitTable(100, 2);
/** Table columns: 0 = big, 1 = small. The right call is small exactly when small is right. */
const rightChoices = unseen.prompts.map((prompt) => (earlyLetter(prompt.text) ? 1 : 0));
const share = (choices: Int32Array): number =>
  [...choices].filter((choice, row) => choice === rightChoices[row]).length / rightChoices.length;
/** What `podium route train` writes: four decimals per number. */
const roundTrip = (router: LinearRouter): unknown =>
  JSON.parse(
    JSON.stringify(router, (_key, value: unknown) =>
      typeof value === 'number' ? Math.round(value * 1e4) / 1e4 : value,
    ),
  );

describe('learned router with embedding features', async () => {
  const embeddings = await embedPrompts({ prompts: train.prompts, embed, model: 'fake', batchSize: 64 });
  const unseenVectors = (await embedPrompts({ prompts: unseen.prompts, embed, model: 'fake' })).vectors;
  const withEmbeddings = trainLinearRouter({ table: train, reference: 'big', featureBits: 10, split, embeddings });
  const textOnly = trainLinearRouter({ table: train, reference: 'big', featureBits: 10, split });

  it('embeds in batches, unit length', () => {
    expect(embeddings.vectors).toHaveLength(400);
    const [first] = embeddings.vectors;
    expect(Math.hypot(...(first ?? []))).toBeCloseTo(1, 6);
  });

  it('routes prompts it never saw by what only the embedding shows; the text-only router cannot', () => {
    const routed = choicesAt(
      predictTable(compileRouter(roundTrip(withEmbeddings)), unseen, unseenVectors),
      withEmbeddings.lambda,
    );
    expect(share(routed)).toBeGreaterThanOrEqual(0.97);
    const guessed = choicesAt(predictTable(compileRouter(roundTrip(textOnly)), unseen), textOnly.lambda);
    expect(share(guessed)).toBeLessThan(0.75);
  });

  it('records the embedder and per-model embedding weights; text-only files have neither', () => {
    expect(withEmbeddings.embedding).toEqual({ model: 'fake', dimensions: 3 });
    for (const model of withEmbeddings.models) {
      expect(model.weights).toHaveLength(1 << 10);
      expect(model.embeddingWeights).toHaveLength(3);
    }
    expect('embedding' in textOnly).toBe(false);
    expect(textOnly.models.every((model) => !('embeddingWeights' in model))).toBe(true);
  });

  it('round-trips through compileRouter, and refuses a file whose weights do not match its embedding', () => {
    const compiled = compileRouter(roundTrip(withEmbeddings));
    expect(compiled.weights[0]).toHaveLength((1 << 10) + 3);
    const broken = {
      ...withEmbeddings,
      models: withEmbeddings.models.map(({ embeddingWeights: _dropped, ...model }) => model),
    };
    expect(() => compileRouter(broken)).toThrow(/0 embedding weights, expected 3/);
  });

  it('needs the embeddings to score prompts', () => {
    expect(() => predictTable(compileRouter(withEmbeddings), unseen)).toThrow(
      /needs a 3-dimension embedding \(fake\), got none/,
    );
  });

  it('rejects an embedder that returns vectors of mixed lengths', async () => {
    let calls = 0;
    const uneven: EmbedTexts = (texts) =>
      Promise.resolve(texts.map(() => new Array<number>(++calls > 1 ? 4 : 3).fill(1)));
    await expect(embedPrompts({ prompts: unseen.prompts.slice(0, 2), embed: uneven, model: 'x' })).rejects.toThrow(
      /4-dimension vector after 3-dimension ones/,
    );
  });
});
