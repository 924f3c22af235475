import type { CurvePoint } from './cost-quality-curve.js';
import type { EvaluationReport, PolicyCurve } from './evaluate-policies.js';

/**
 * The point that stands for a policy in a one-line summary: its cheapest point reaching
 * `targetQualityPercent` of the reference, else its best-quality point.
 */
export function representativePoint(curve: PolicyCurve, targetQualityPercent = 95): CurvePoint | undefined {
  const reaching = curve.points
    .filter((point) => point.qualityPercent >= targetQualityPercent)
    .sort((a, b) => a.costPercent - b.costPercent);
  return reaching[0] ?? [...curve.points].sort((a, b) => b.qualityPercent - a.qualityPercent)[0];
}

const fixed = (value: number, digits = 1): string => value.toFixed(digits);

function align(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((cells) => cells[column]?.length ?? 0)));
  return rows
    .map((cells) =>
      cells
        .map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

/** A report as a plain-text table: one row per policy (its representative point) plus the router's operating point. */
export function formatEvaluation(report: EvaluationReport): string {
  const rows = [['policy', 'point', 'quality %', 'cost %', 'non-regr %', 'APGR', 'CPT(50%)', 'CPT(80%)']];
  for (const curve of report.curves) {
    const point = representativePoint(curve);
    if (point === undefined) continue;
    rows.push([
      curve.policy,
      point.label.slice(0, 48),
      fixed(point.qualityPercent),
      fixed(point.costPercent, 2),
      fixed(point.nonRegressionPercent),
      fixed(curve.apgr, 3),
      fixed(curve.cpt50),
      fixed(curve.cpt80),
    ]);
  }
  const operating = report.operatingPoint;
  rows.push([
    'learned-router',
    operating.label,
    fixed(operating.qualityPercent),
    fixed(operating.costPercent, 2),
    fixed(operating.nonRegressionPercent),
    '',
    '',
    '',
  ]);
  const unit = report.costUnit === 'usd' ? 'dollar cost' : 'share of strong-model calls';
  return `${report.dataset}: ${report.prompts} prompts; reference ${report.reference}, weak baseline ${report.weak}; cost = ${unit}
${align(rows)}
learned router vs best single model at equal cost: ${report.frontierMargin >= 0 ? 'above' : 'below'} by at least ${fixed(Math.abs(report.frontierMargin))} quality points
${publishedLine(report)}`;
}

/** Ours beside RouteLLM's best published CPT(50%), on RouteLLM's own benchmarks only. */
function publishedLine(report: EvaluationReport): string {
  const published = report.routellmPublished;
  const router = report.curves.find((curve) => curve.policy === 'learned-router');
  if (published === undefined || router === undefined) return '';
  const verdict = router.cpt50 <= published.cpt50 ? 'at or below' : 'above';
  return `CPT(50%) learned router ${fixed(router.cpt50)} % vs RouteLLM's published best ${fixed(published.cpt50)} % of GPT-4 calls on ${published.benchmark} (ours is ${verdict} it; lower is better)\n`;
}
