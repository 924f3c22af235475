import { describe, expect, it } from 'vitest';
import { shadowReportSchema } from '../../../contract/index.js';
import { startTestPodium, type TestPodium } from '../../testkit/index.js';

const completion = (text: string) => ({
  id: 'chatcmpl-e2e',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 },
});

/** A Podium whose routed alias `auto` always serves `small` and shadows every call to `large`. */
async function startShadowing(extraYaml?: string): Promise<TestPodium> {
  const podium = await startTestPodium({
    providers: { cheap: 'openai', big: 'openai' },
    modelsYaml: `
  small: { targets: [{ provider: cheap, model: gpt-4o-mini }], price: { input: 1, output: 2 } }
  large: { targets: [{ provider: big, model: gpt-4o }], price: { input: 10, output: 30 } }
  auto:
    router: { policy: rules, candidates: [small, large], reference: large, rules: [{ use: small }], shadow: { rate: 1, grader: exact } }
`,
    extraYaml,
  });
  podium.upstreams.cheap?.always({ json: completion('42') });
  podium.upstreams.big?.always({ json: completion('42') });
  return podium;
}

/** `count` calls of `auto`, each answered 200. */
async function callAuto(podium: TestPodium, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${podium.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${podium.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'q' }] }),
    });
    expect(response.status).toBe(200);
    await response.text();
  }
}

describe('shadow sampling wired in main', () => {
  it('shadows routed calls, records them and reports them', async () => {
    const podium = await startShadowing();
    try {
      await callAuto(podium, 3);
      let report;
      for (let tries = 0; tries < 100; tries += 1) {
        report = shadowReportSchema.parse((await podium.admin('GET', '/api/v1/routing/report?alias=auto')).json);
        if (report.aliases[0]?.samples === 3 && report.aliases[0]?.routedCalls === 3) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(report?.aliases[0]).toMatchObject({
        alias: 'auto',
        samples: 3,
        routedCalls: 3,
        qualityKept: { value: 1 },
      });
      expect(podium.upstreams.big?.requests).toHaveLength(3);
      const metrics = await (await fetch(`${podium.url}/metrics`)).text();
      expect(metrics).toContain('podium_shadow_samples_total{alias="auto",outcome="graded"} 3');
    } finally {
      await podium.close();
    }
  });

  it('caps shadowing with a budget of its own on the podium.internal=shadow tag, while client calls carry on', async () => {
    const podium = await startShadowing(`
budgets:
  definitions:
    - { id: shadow-calls, scope: { kind: tag, value: podium.internal=shadow }, unit: requests, limit: 2, period: day }
`);
    try {
      await callAuto(podium, 5);
      let metrics = '';
      for (let tries = 0; tries < 100 && !metrics.includes('outcome="failed"} 3'); tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        metrics = await (await fetch(`${podium.url}/metrics`)).text();
      }
      expect(metrics).toContain('podium_shadow_samples_total{alias="auto",outcome="graded"} 2');
      expect(metrics).toContain('podium_shadow_samples_total{alias="auto",outcome="failed"} 3');
      // Only the two shadows within the budget reached the reference; all five client calls were served.
      expect(podium.upstreams.big?.requests).toHaveLength(2);
      expect(podium.upstreams.cheap?.requests).toHaveLength(5);
    } finally {
      await podium.close();
    }
  });
});
