import { describe, expect, it } from 'vitest';
import type { EvaluationReport } from './evaluate-policies.js';
import { renderCostQualitySvg } from './render-cost-quality-svg.js';

const point = (label: string, costPercent: number, qualityPercent: number) => ({ label, costPercent, qualityPercent, gapRecovered: 0, nonRegressionPercent: 0 });

describe('renderCostQualitySvg', () => {
  const report: EvaluationReport = {
    dataset: 'tiny <set>',
    prompts: 4,
    reference: 'ref',
    weak: 'cheap',
    costUnit: 'usd',
    curves: [
      { policy: 'learned-router', points: [point('λ=0', 100, 100), point('λ=1', 10, 80)], apgr: 0, cpt50: 0, cpt80: 0 },
      { policy: 'oracle', points: [point('oracle', 5, 120)], apgr: 0, cpt50: 0, cpt80: 0 },
    ],
    operatingPoint: point('λ=1', 10, 80),
    frontierMargin: 0,
  };
  const svg = renderCostQualitySvg(report);
  it('draws one line per multi-point policy and one dot per point, with a legend', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('>learned-router</text>');
  });
  it('escapes text', () => {
    expect(svg).toContain('tiny &#60;set&#62;');
  });
});
