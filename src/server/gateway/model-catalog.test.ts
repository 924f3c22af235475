import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../pricing/index.js';
import { createProvider, type Provider } from '../providers/index.js';
import { maxDirectRoutes, ModelCatalog, orderTargets } from './model-catalog.js';

const providers = new Map<string, Provider>([
  ['a', createProvider('a', { type: 'openai', apiKey: 'k', connections: 1 })],
  ['b', createProvider('b', { type: 'anthropic', apiKey: 'k', connections: 1 })],
]);
const gateway = {
  maxBodyBytes: 1,
  timeoutMs: 120_000,
  retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
  defaultMaxTokens: 1,
};
const catalog = new ModelCatalog(
  {
    gateway,
    providers: { a: { timeoutMs: 5000 }, b: {} },
    models: {
      mixed: {
        strategy: 'weighted',
        targets: [
          { provider: 'a', model: 'gpt-4o-mini', weight: 3, timeoutMs: undefined },
          { provider: 'b', model: 'claude-haiku-4-5', weight: 1, timeoutMs: 900 },
        ],
      },
    },
  },
  providers,
  createPriceTable({ aliasPrices: {}, overrides: {} }),
);

describe('ModelCatalog', () => {
  it('memoises a bounded number of caller-chosen provider/model routes, and still resolves the rest', () => {
    const own = new ModelCatalog(
      { gateway, providers: { a: {}, b: {} }, models: {} },
      providers,
      createPriceTable({ aliasPrices: {}, overrides: {} }),
    );
    for (let index = 0; index < maxDirectRoutes + 500; index += 1) own.resolve(`a/model-${index}-${'x'.repeat(100)}`);
    // Private, read on purpose: the bound is the feature (each name a caller sends must not stay in memory forever).
    expect(own['routes'].size).toBe(maxDirectRoutes);
    expect(own.resolve(`a/model-${maxDirectRoutes + 499}`).targets[0]?.model).toBe(`model-${maxDirectRoutes + 499}`);
  });

  it('names an unknown model in its error without echoing a huge name whole', () => {
    const huge = 'm'.repeat(100_000);
    expect(() => catalog.resolve(huge)).toThrow(/^The model `m{200}…` does not exist/);
  });

  it('resolves timeouts target > provider > gateway and attaches built-in prices', () => {
    const route = catalog.resolve('mixed');
    expect(route.targets.map((target) => target.timeoutMs)).toEqual([5000, 900]);
    expect(route.targets.map((target) => target.price?.input)).toEqual([0.15, 1]);
  });

  it('resolves the idle timeout after headers target > provider > gateway, else the resolved timeoutMs', () => {
    const idleCatalog = new ModelCatalog(
      {
        gateway: { timeoutMs: 120_000, idleTimeoutMs: 30_000 },
        providers: { a: { idleTimeoutMs: 4000 }, b: {} },
        models: {
          idle: {
            strategy: 'fallback',
            targets: [
              { provider: 'a', model: 'gpt-4o-mini', weight: 1, idleTimeoutMs: 700 },
              { provider: 'a', model: 'gpt-4o-mini', weight: 1 },
              { provider: 'b', model: 'claude-haiku-4-5', weight: 1 },
            ],
          },
        },
      },
      providers,
      createPriceTable({ aliasPrices: {}, overrides: {} }),
    );
    expect(idleCatalog.resolve('idle').targets.map((target) => target.idleTimeoutMs)).toEqual([700, 4000, 30_000]);
    expect(catalog.resolve('mixed').targets.map((target) => target.idleTimeoutMs)).toEqual([5000, 900]);
  });

  it('weighted: picks the first target in proportion to weight, then falls back through the rest', () => {
    const route = catalog.resolve('mixed');
    expect(orderTargets(route, () => 0.7).map((target) => target.provider.name)).toEqual(['a', 'b']);
    expect(orderTargets(route, () => 0.8).map((target) => target.provider.name)).toEqual(['b', 'a']);
    let first = 0;
    for (let index = 0; index < 1000; index += 1)
      if (orderTargets(route, () => index / 1000)[0]?.provider.name === 'a') first += 1;
    expect(first).toBe(750);
  });

  it('addresses provider/model directly, and names the field for an unknown model', () => {
    expect(catalog.resolve('b/claude-sonnet-4-5-20250929').targets[0]).toMatchObject({
      model: 'claude-sonnet-4-5-20250929',
      timeoutMs: 120_000,
    });
    expect(() => catalog.resolve('c/whatever')).toThrow(
      expect.objectContaining({ code: 'model_not_found', param: 'model' }),
    );
  });
});
