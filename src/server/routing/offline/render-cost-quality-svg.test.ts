import { describe, expect, it } from 'vitest';
import { renderCostQualitySvg } from './render-cost-quality-svg.js';
import { tinyEvaluationReport } from './tiny-evaluation-report.test-suite.js';

const report = tinyEvaluationReport('tiny <set>');
const svg = renderCostQualitySvg(report);

/** A dot's pixel position, found by the start of its tooltip (a model name or a λ label). */
function dot(label: string): { x: number; y: number } {
  const match = new RegExp(`<circle cx="([\\d.]+)" cy="([\\d.]+)" r="3" fill="[^"]+"><title>${label}: `).exec(svg);
  if (match === null) throw new Error(`no dot for ${label}`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

function polyline(policy: string): { x: number; y: number }[] {
  const match = new RegExp(`<polyline data-policy="${policy}"[^>]* points="([^"]+)"`).exec(svg);
  if (match === null) throw new Error(`no line for ${policy}`);
  return (match[1] ?? '').split(' ').map((pair) => {
    const [x, y] = pair.split(',').map(Number);
    return { x: x ?? Number.NaN, y: y ?? Number.NaN };
  });
}

describe('renderCostQualitySvg', () => {
  it('titles the chart with the dataset, the split evaluated and its size, and labels both axes with units', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(
      '>tiny &#60;set&#62;: validation split (20 % held out by seed &#34;test&#34;), 1,234 prompts</text>',
    );
    expect(svg).toContain(">cost, % of ref's dollars (100 % = $4.20 per 1,000 prompts; log scale)</text>");
    expect(svg).toContain(">quality, % of ref's mean score</text>");
    expect(svg).not.toContain('validation prompts');
  });

  it('names every single model beside its dot', () => {
    const labels = [...svg.matchAll(/<text [^>]*class="model-label"[^>]*>([^<]+)<\/text>/g)].map((match) => match[1]);
    expect(labels).toEqual(['cheap', 'mid', 'ref']);
  });

  it('draws the single models’ frontier as the mixing curve on the log axis, sampled between adjacent models', () => {
    const line = polyline('best-single-model');
    const models = [
      { ...dot('cheap'), cost: 2 },
      { ...dot('mid'), cost: 20 },
      { ...dot('ref'), cost: 100 },
    ];
    for (let index = 1; index < models.length; index += 1) {
      const [left, right] = [models[index - 1], models[index]];
      if (left === undefined || right === undefined) throw new Error('models');
      const between = line.filter((point) => point.x > left.x + 0.05 && point.x < right.x - 0.05);
      expect(between.length).toBeGreaterThan(2);
      let bend = 0;
      for (const point of between) {
        // Where this x sits on the log axis, and the quality a random mix reaches at that cost (linear in cost).
        const cost = left.cost * (right.cost / left.cost) ** ((point.x - left.x) / (right.x - left.x));
        const expectedY = left.y + ((cost - left.cost) / (right.cost - left.cost)) * (right.y - left.y);
        expect(Math.abs(point.y - expectedY)).toBeLessThan(0.2);
        const chordY = left.y + ((point.x - left.x) / (right.x - left.x)) * (right.y - left.y);
        bend = Math.max(bend, Math.abs(point.y - chordY));
      }
      // Not the straight chord the old chart drew.
      expect(bend).toBeGreaterThan(5);
    }
  });

  it('marks the operating point and the budget line, with what the router and the single models reach on it', () => {
    const router = dot('λ=1');
    expect(svg).toContain(`<path data-operating-point="" d="M${router.x.toFixed(1)} ${(router.y - 7).toFixed(1)} l7 7`);
    expect(svg).toContain('>operating point (λ picked on train):</text>');
    expect(svg).toContain('>80.0 % quality at 10.0 % cost,</text>');
    // The budget (10 % by default) is where this router operates: the line passes through its point.
    expect(svg).toContain(`<line data-budget-percent="10" x1="${router.x.toFixed(1)}" x2="${router.x.toFixed(1)}"`);
    expect(svg).toContain(">budget: 10 % of the reference's cost</text>");
    expect(svg).toContain('>learned router 80.0 %</text>');
    // Between cheap (2 %, 60 %) and mid (20 %, 85 %): 60 + 25 × 8 / 18.
    expect(svg).toContain('>single models 71.1 %</text>');
    expect(renderCostQualitySvg(report, { budgetPercent: 5 })).toContain('<line data-budget-percent="5"');
  });
});
