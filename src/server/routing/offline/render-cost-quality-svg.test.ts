import { describe, expect, it } from 'vitest';
import { renderCostQualitySvg } from './render-cost-quality-svg.js';
import { tinyEvaluationReport } from './tiny-evaluation-report.test-suite.js';

describe('renderCostQualitySvg', () => {
  const report = tinyEvaluationReport('tiny <set>');
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
