/**
 * A `requests` budget on the caller's team, charged per tool call through `tools.costs`, refuses tool calls
 * once spent (429 in `_meta["podium/error"]`, naming the budget).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPodium } from '../testkit/index.js';
import { connectMcp, podiumErrorOf, retailDataPresent, startRetailPodium, textOf } from './retail-podium.test-suite.js';

const cedar =
  '@id("retail-permit") permit (principal, action == Podium::Action::"tool.call", resource) when { context.upstream == "retail" };';

let podium: TestPodium;

beforeAll(async () => {
  if (!retailDataPresent) return;
  podium = await startRetailPodium({
    cedar,
    toolsYaml: '  costs:\n    retail__list_all_product_types: { requests: 10 }\n',
    extraYaml: `budgets:
  counters: memory
  definitions:
    - { id: team-tool-calls, scope: { kind: team, value: test }, unit: requests, limit: 20, period: day, mode: hard }
`,
  });
}, 60_000);
afterAll(async () => podium?.close());

describe.skipIf(!retailDataPresent)('a requests budget on the team', () => {
  // list_all_product_types costs 10 of the 25: two calls spend it, the third is refused.
  it('admits calls up to the limit, then refuses with 429 without calling the upstream', async () => {
    const client = await connectMcp(podium, 'modern');
    try {
      const call = () => client.callTool({ name: 'retail__list_all_product_types', arguments: {} });
      const admitted = [await call(), await call()];
      expect(admitted.map((result) => result.isError ?? false)).toEqual([false, false]);
      const refused = await call();
      expect(podiumErrorOf(refused).status).toBe(429);
      expect(textOf(refused)).toContain('team-tool-calls');
    } finally {
      await client.close();
    }
  });
});
