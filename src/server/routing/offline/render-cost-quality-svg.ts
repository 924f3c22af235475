import { upperEnvelope } from './cost-quality-curve.js';
import type { EvaluationReport } from './evaluate-policies.js';

const colours: Record<string, string> = {
  'always-reference': '#111827',
  'best-single-model': '#6b7280',
  'random-mix': '#a3a3a3',
  'agreement-cascade': '#d97706',
  'validity-cascade': '#0891b2',
  'learned-router': '#2563eb',
  oracle: '#16a34a',
};

const escapeXml = (text: string): string => text.replace(/[<>&"]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * Renders a report's cost–quality curves as a standalone SVG: cost (% of the reference, log scale)
 * across, quality (% of the reference) up; each policy's points as dots and its envelope as a line.
 * Hand-written so the project needs no charting dependency.
 */
export function renderCostQualitySvg(report: EvaluationReport): string {
  const width = 720;
  const height = 440;
  const margin = { left: 56, right: 200, top: 36, bottom: 44 };
  const points = report.curves.flatMap((curve) => curve.points);
  const costs = points.map((point) => Math.max(point.costPercent, 0.1));
  const qualities = points.map((point) => point.qualityPercent);
  const [minX, maxX] = [Math.log10(Math.min(...costs)), Math.log10(Math.max(...costs, 100))];
  const [minY, maxY] = [Math.floor(Math.min(...qualities) / 10) * 10, Math.ceil(Math.max(...qualities, 100) / 10) * 10];
  const x = (cost: number): number => margin.left + ((Math.log10(Math.max(cost, 0.1)) - minX) / (maxX - minX || 1)) * (width - margin.left - margin.right);
  const y = (quality: number): number => height - margin.bottom - ((quality - minY) / (maxY - minY || 1)) * (height - margin.top - margin.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${margin.left}" y="20" font-size="13">${escapeXml(`${report.dataset}: quality vs cost, relative to ${report.reference} (${report.prompts} validation prompts)`)}</text>`,
  ];
  for (let quality = minY; quality <= maxY; quality += 10) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(quality)}" y2="${y(quality)}" stroke="#e5e7eb"/>`, `<text x="${margin.left - 6}" y="${y(quality) + 4}" text-anchor="end">${quality}%</text>`);
  }
  for (const cost of [0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000]) {
    if (Math.log10(cost) < minX - 1e-9 || Math.log10(cost) > maxX + 1e-9) continue;
    parts.push(`<line x1="${x(cost)}" x2="${x(cost)}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#e5e7eb"/>`, `<text x="${x(cost)}" y="${height - margin.bottom + 14}" text-anchor="middle">${cost}%</text>`);
  }
  parts.push(`<text x="${(margin.left + width - margin.right) / 2}" y="${height - 8}" text-anchor="middle">cost, % of the reference (${report.costUnit === 'usd' ? 'dollars' : 'strong-model calls'}, log scale)</text>`);
  report.curves.forEach((curve, index) => {
    const colour = colours[curve.policy] ?? '#9333ea';
    const line = upperEnvelope(curve.points).map((point) => `${x(point.costPercent).toFixed(1)},${y(point.qualityPercent).toFixed(1)}`);
    if (line.length > 1) parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${line.join(' ')}"/>`);
    for (const point of curve.points) parts.push(`<circle cx="${x(point.costPercent).toFixed(1)}" cy="${y(point.qualityPercent).toFixed(1)}" r="3" fill="${colour}"><title>${escapeXml(point.label)}</title></circle>`);
    const legendY = margin.top + 10 + index * 18;
    parts.push(`<rect x="${width - margin.right + 14}" y="${legendY - 8}" width="10" height="10" fill="${colour}"/>`, `<text x="${width - margin.right + 30}" y="${legendY + 1}">${escapeXml(curve.policy)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
