import { describe, expect, it } from 'vitest';
import type { EvaluationReport } from './evaluate-policies.js';
import { formatEvaluation } from './format-evaluation.js';
import { routellmPublishedFor } from './routellm-published.js';

const gpt4 = 'gpt-4-1106-preview';

describe('routellmPublishedFor', () => {
  it("gives RouteLLM's published best CPT(50%) on its own benchmarks, measured in GPT-4 calls", () => {
    const on = (name: string) =>
      routellmPublishedFor({ table: { name, costUnit: 'reference-calls' }, reference: gpt4 });
    expect(on('mmlu')).toEqual({ benchmark: 'mmlu', cpt50: 35.4 });
    expect(on('gsm8k')).toEqual({ benchmark: 'gsm8k', cpt50: 33.6 });
    expect(on('gsm8k_responses')).toEqual({ benchmark: 'gsm8k', cpt50: 33.6 });
    expect(on('mt_bench')).toEqual({ benchmark: 'mt_bench', cpt50: 13.4 });
  });

  it('gives nothing for other data, another cost axis or another reference', () => {
    expect(
      routellmPublishedFor({ table: { name: 'mmlu-pro', costUnit: 'reference-calls' }, reference: gpt4 }),
    ).toBeUndefined();
    expect(routellmPublishedFor({ table: { name: 'mmlu', costUnit: 'usd' }, reference: gpt4 })).toBeUndefined();
    expect(
      routellmPublishedFor({ table: { name: 'mmlu', costUnit: 'reference-calls' }, reference: 'claude-opus' }),
    ).toBeUndefined();
  });
});

describe('formatEvaluation', () => {
  const point = { label: 'λ=1', costPercent: 40, qualityPercent: 95, gapRecovered: 0.8, nonRegressionPercent: 90 };
  const report: EvaluationReport = {
    dataset: 'gsm8k',
    split: 'all prompts',
    prompts: 10,
    reference: gpt4,
    referenceMeanCost: 1,
    weak: 'mixtral',
    costUnit: 'reference-calls',
    curves: [{ policy: 'learned-router', points: [point], apgr: 0.6, cpt50: 38.04, cpt80: 63.5 }],
    operatingPoint: point,
    frontierMargin: 0,
    routellmPublished: { benchmark: 'gsm8k', cpt50: 33.6 },
  };

  it("prints our CPT(50%) beside RouteLLM's published best on its benchmarks", () => {
    expect(formatEvaluation(report)).toContain(
      "\nCPT(50%) learned router 38.0 % vs RouteLLM's published best 33.6 % of GPT-4 calls on gsm8k (ours is above it; lower is better)\n",
    );
    const better = {
      ...report,
      curves: [{ policy: 'learned-router', points: [point], apgr: 0.6, cpt50: 31.2, cpt80: 60 }],
    };
    expect(formatEvaluation(better)).toContain(
      "learned router 31.2 % vs RouteLLM's published best 33.6 % of GPT-4 calls on gsm8k (ours is at or below it",
    );
  });

  it('prints no such line elsewhere', () => {
    expect(formatEvaluation({ ...report, routellmPublished: undefined })).not.toContain('RouteLLM');
  });
});
