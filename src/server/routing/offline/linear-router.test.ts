import { describe, expect, it } from 'vitest';
import { chooseModel, compileRouter, routerFeatures } from '../learned-router/linear-router.js';
import type { RoutingPrompt, RoutingTable } from './routing-table.js';
import { choicesAt, predictTable, trainLinearRouter } from './train-linear-router.js';

/** Algebra prompts only the big model solves; trivia both solve; big costs 10× small. */
function syntheticTable(count: number, offset: number): RoutingTable {
  const prompts = Array.from({ length: count }, (_, index) => {
    const hard = index % 2 === 0;
    const text = hard
      ? `solve the integral equation number ${index + offset}`
      : `name the capital city of country ${index + offset}`;
    return { id: `s${index + offset}`, text, inputTokens: 20 };
  });
  const hard = prompts.map((_, index) => index % 2 === 0);
  return {
    name: 'synthetic',
    models: ['big', 'small'],
    prompts,
    score: [Float64Array.from(prompts, () => 1), Float64Array.from(hard, (isHard) => (isHard ? 0 : 1))],
    cost: [Float64Array.from(prompts, () => 10), Float64Array.from(prompts, () => 1)],
    costUnit: 'usd',
  };
}

describe('learned linear router', () => {
  const router = trainLinearRouter({
    table: syntheticTable(200, 0),
    reference: 'big',
    featureBits: 10,
    split: { seed: 'test', validationShare: 0 },
  });

  it('learns from the words which prompts need the big model, on prompts it never saw', () => {
    const unseen = syntheticTable(20, 10_000);
    const choices = choicesAt(predictTable(compileRouter(router), unseen), router.lambda);
    expect([...choices]).toEqual(unseen.prompts.map((_, index) => (index % 2 === 0 ? 0 : 1)));
  });

  it('survives a JSON round trip and routes one prompt the same way', () => {
    const compiled = compileRouter(JSON.parse(JSON.stringify(router)));
    const prompt = { id: 'x', text: 'name the capital city of country 77', inputTokens: 20 };
    expect(
      compiled.router.models[chooseModel({ compiled, features: routerFeatures(router, prompt), inputTokens: 20 })]
        ?.name,
    ).toBe('small');
    expect(compiled.router.models.map((model) => model.name)).toEqual(['small', 'big']);
  });

  it('sees what a live request carries, not the dataset label the gateway never receives', () => {
    const text = 'solve the integral equation number 3';
    const labelledPrompt: RoutingPrompt = { id: 'a', text, category: 'math', inputTokens: 20 };
    const unlabelledPrompt: RoutingPrompt = { id: 'b', text, inputTokens: 20 };
    const labelled = routerFeatures(router, labelledPrompt);
    const unlabelled = routerFeatures(router, unlabelledPrompt);
    expect([...labelled.indices]).toEqual([...unlabelled.indices]);
  });

  it('at a huge cost weight routes everything to the cheapest model', () => {
    const choices = choicesAt(predictTable(compileRouter(router), syntheticTable(10, 500)), 1e6);
    expect(new Set(choices)).toEqual(new Set([1]));
  });

  it('rejects a file that is not a router', () => {
    expect(() => compileRouter({ kind: 'something-else' })).toThrow();
  });
});
