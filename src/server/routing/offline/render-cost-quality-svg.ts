import { mixingCurve, qualityAtCost, upperEnvelope, type CostQuality } from './cost-quality-curve.js';
import type { EvaluationReport } from './evaluate-policies.js';
import { placeLabel, textWidth, type Box } from './place-label.js';

/** Options of {@link renderCostQualitySvg}. */
export interface CostQualitySvgOptions {
  /** Spend limit drawn as a vertical line, in % of the reference's cost, with what the router and the single models reach there (default 10). */
  budgetPercent?: number | undefined;
}

const policyStyle: Record<string, { colour: string; name: string; line: boolean }> = {
  'always-reference': { colour: '#111827', name: 'always the reference', line: false },
  'best-single-model': { colour: '#6b7280', name: 'single models (and mixes)', line: true },
  // The mixes lie on the single models' curve: dots that check it, no second line over it.
  'random-mix': { colour: '#a3a3a3', name: 'random mixes, measured', line: false },
  'agreement-cascade': { colour: '#d97706', name: 'agreement cascades', line: true },
  'validity-cascade': { colour: '#0891b2', name: 'validity cascades', line: true },
  'learned-router': { colour: '#2563eb', name: 'learned router (λ sweep)', line: true },
  oracle: { colour: '#16a34a', name: 'oracle (a bound)', line: false },
};
const budgetColour = '#dc2626';
/** Where the log cost axis starts at the latest: points that cost nothing (RouteLLM's weak model) sit on it. */
const axisFloorPercent = 0.1;
const width = 800;
const height = 500;
const margin = { left: 64, right: 220, top: 60, bottom: 54 };
const plot: Box = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };

// A white outline under the glyphs keeps labels legible where they cross a line or a dot.
const halo = ' stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';
const escapeXml = (text: string): string => text.replace(/[<>&"]/g, (char) => `&#${char.charCodeAt(0)};`);
const percent = (value: number): string => `${value.toFixed(1)} %`;
const tickLabel = (cost: number): string => `${cost < 1 ? cost.toFixed(1) : cost.toFixed(0)} %`;
const shorten = (text: string, length = 34): string => (text.length <= length ? text : `${text.slice(0, length - 1)}…`);
const text = (input: { x: number; y: number; body: string; attributes?: string }): string =>
  `<text x="${input.x.toFixed(1)}" y="${input.y.toFixed(1)}"${input.attributes ?? ''}>${escapeXml(input.body)}</text>`;

/** Log-cost across, quality up: the chart's two scales, fitted to every point of the report and to 100 %. */
function scales(report: EvaluationReport) {
  const points = report.curves.flatMap((curve) => curve.points);
  const costs = points.map((point) => Math.max(point.costPercent, axisFloorPercent));
  const qualities = points.map((point) => point.qualityPercent);
  const [minX, maxX] = [Math.log10(Math.min(...costs, 100)), Math.log10(Math.max(...costs, 100))];
  const [minY, maxY] = [
    Math.floor(Math.min(...qualities, 100) / 10) * 10,
    Math.ceil(Math.max(...qualities, 100) / 10) * 10,
  ];
  return {
    minX,
    maxX,
    minY,
    maxY,
    x: (cost: number): number =>
      plot.left +
      ((Math.log10(Math.max(cost, axisFloorPercent)) - minX) / (maxX - minX || 1)) * (plot.right - plot.left),
    y: (quality: number): number => plot.bottom - ((quality - minY) / (maxY - minY || 1)) * (plot.bottom - plot.top),
  };
}

function axes(report: EvaluationReport, scale: ReturnType<typeof scales>): string[] {
  const parts: string[] = [];
  for (let quality = scale.minY; quality <= scale.maxY; quality += 10) {
    parts.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${scale.y(quality)}" y2="${scale.y(quality)}" stroke="#e5e7eb"/>`,
      text({ x: plot.left - 6, y: scale.y(quality) + 4, body: `${quality} %`, attributes: ' text-anchor="end"' }),
    );
  }
  for (const cost of [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]) {
    if (Math.log10(cost) < scale.minX - 1e-9 || Math.log10(cost) > scale.maxX + 1e-9) continue;
    parts.push(
      `<line x1="${scale.x(cost)}" x2="${scale.x(cost)}" y1="${plot.top}" y2="${plot.bottom}" stroke="#e5e7eb"/>`,
      text({ x: scale.x(cost), y: plot.bottom + 14, body: tickLabel(cost), attributes: ' text-anchor="middle"' }),
    );
  }
  const hundred =
    report.costUnit === 'usd'
      ? `100 % = $${(report.referenceMeanCost * 1000).toFixed(2)} per 1,000 prompts`
      : '100 % = every prompt sent to it';
  const unit = report.costUnit === 'usd' ? 'dollars' : 'calls';
  parts.push(
    text({
      x: (plot.left + plot.right) / 2,
      y: height - 12,
      body: `cost, % of ${report.reference}'s ${unit} (${hundred}; log scale)`,
      attributes: ' text-anchor="middle"',
    }),
    `<text transform="translate(16 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(`quality, % of ${report.reference}'s mean score`)}</text>`,
  );
  return parts;
}

function budgetLine(input: {
  report: EvaluationReport;
  scale: ReturnType<typeof scales>;
  budgetPercent: number;
  taken: Box[];
}): string[] {
  const { report, scale, budgetPercent } = input;
  // Off the axis (or not a positive number) there is nothing to mark.
  if (!(budgetPercent > 0) || Math.log10(budgetPercent) < scale.minX || Math.log10(budgetPercent) > scale.maxX)
    return [];
  const x = scale.x(budgetPercent);
  const reached = (policy: string): number | null =>
    qualityAtCost(report.curves.find((curve) => curve.policy === policy)?.points ?? [], budgetPercent);
  const router = reached('learned-router');
  const single = reached('best-single-model');
  const lines = [`budget: ${budgetPercent} % of the reference's cost`];
  if (router !== null) lines.push(`learned router ${percent(router)}`);
  if (single !== null) lines.push(`single models ${percent(single)}`);
  const anchor = x > (plot.left + plot.right) / 2 ? 'end' : 'start';
  const textX = anchor === 'start' ? x + 5 : x - 5;
  const parts = [
    `<line data-budget-percent="${budgetPercent}" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${plot.top}" y2="${plot.bottom}" stroke="${budgetColour}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
  ];
  lines.forEach((line, index) => {
    const y = plot.top + 12 + index * 13;
    parts.push(text({ x: textX, y, body: line, attributes: ` text-anchor="${anchor}" fill="${budgetColour}"${halo}` }));
    const lineWidth = textWidth(line, 11);
    input.taken.push({
      left: anchor === 'start' ? textX : textX - lineWidth,
      right: anchor === 'start' ? textX + lineWidth : textX,
      top: y - 11,
      bottom: y + 2,
    });
  });
  return parts;
}

function curves(report: EvaluationReport, scale: ReturnType<typeof scales>): string[] {
  const parts: string[] = [];
  const xy = (point: CostQuality): string =>
    `${scale.x(point.costPercent).toFixed(1)},${scale.y(point.qualityPercent).toFixed(1)}`;
  for (const curve of report.curves) {
    const style = policyStyle[curve.policy] ?? { colour: '#9333ea', name: curve.policy, line: true };
    // On a log cost axis a mix of two points is a curve, not the chord between them: draw it sampled.
    if (style.line && upperEnvelope(curve.points).length > 1) {
      parts.push(
        `<polyline data-policy="${escapeXml(curve.policy)}" fill="none" stroke="${style.colour}" stroke-width="2" points="${mixingCurve(curve.points, { floorPercent: axisFloorPercent }).map(xy).join(' ')}"/>`,
      );
    }
    for (const point of curve.points) {
      parts.push(
        `<circle cx="${scale.x(point.costPercent).toFixed(1)}" cy="${scale.y(point.qualityPercent).toFixed(1)}" r="3" fill="${style.colour}"><title>${escapeXml(`${point.label}: ${percent(point.qualityPercent)} quality at ${percent(point.costPercent)} cost`)}</title></circle>`,
      );
    }
  }
  return parts;
}

function labels(input: { report: EvaluationReport; scale: ReturnType<typeof scales>; taken: Box[] }): string[] {
  const { report, scale, taken } = input;
  const parts: string[] = [];
  const operating = report.operatingPoint;
  const [ox, oy] = [scale.x(operating.costPercent), scale.y(operating.qualityPercent)];
  taken.push({ left: ox - 7, right: ox + 7, top: oy - 7, bottom: oy + 7 });
  const caption = operatingCaption({ report, at: { x: ox, y: oy }, taken });
  const frontier = report.curves.find((curve) => curve.policy === 'best-single-model')?.points ?? [];
  const reference = report.curves.find((curve) => curve.policy === 'always-reference')?.points ?? [];
  // The reference is named too when a cheaper model beats it (it is then off the frontier).
  const singles = [...frontier, ...reference.filter((point) => !frontier.some((model) => model.label === point.label))];
  for (const point of report.curves.flatMap((curve) => curve.points)) {
    const [x, y] = [scale.x(point.costPercent), scale.y(point.qualityPercent)];
    taken.push({ left: x - 3, right: x + 3, top: y - 3, bottom: y + 3 });
  }
  for (const point of singles) {
    const label = placeLabel({
      x: scale.x(point.costPercent),
      y: scale.y(point.qualityPercent),
      text: shorten(point.label),
      fontSize: 10,
      taken,
      bounds: plot,
    });
    parts.push(
      text({
        x: label.x,
        y: label.y,
        body: shorten(point.label),
        attributes: ` class="model-label" font-size="10" fill="#374151" text-anchor="${label.anchor}"${halo}`,
      }),
    );
  }
  parts.push(
    `<path data-operating-point="" d="M${ox.toFixed(1)} ${(oy - 7).toFixed(1)} l7 7 l-7 7 l-7 -7 z" fill="white" stroke="#111827" stroke-width="2"/>`,
  );
  parts.push(...caption);
  return parts;
}

/**
 * The operating point's figures, in the plot's lower right (high cost and low quality: the corner no
 * useful point sits in) with a leader to the marker; in the upper left when the marker is there itself.
 */
function operatingCaption(input: { report: EvaluationReport; at: { x: number; y: number }; taken: Box[] }): string[] {
  const operating = input.report.operatingPoint;
  const lines = [
    'operating point (λ picked on train):',
    `${percent(operating.qualityPercent)} quality at ${percent(operating.costPercent)} cost,`,
    `${percent(operating.nonRegressionPercent)} non-regression`,
  ];
  const captionWidth = Math.max(...lines.map((line) => textWidth(line, 11)));
  const lowerRight = { left: plot.right - 8 - captionWidth, top: plot.bottom - 8 - lines.length * 14 };
  const marker = input.at;
  const clash = marker.x > lowerRight.left - 10 && marker.y > lowerRight.top - 10;
  const corner = clash ? { left: plot.left + 8, top: plot.top + 52 } : lowerRight;
  input.taken.push({
    left: corner.left,
    right: corner.left + captionWidth,
    top: corner.top,
    bottom: corner.top + lines.length * 14 + 2,
  });
  const anchorX = Math.min(Math.max(marker.x, corner.left), corner.left + captionWidth);
  const anchorY = clash ? corner.top + lines.length * 14 + 2 : corner.top - 4;
  const parts = [
    `<line x1="${marker.x.toFixed(1)}" y1="${marker.y.toFixed(1)}" x2="${anchorX.toFixed(1)}" y2="${anchorY.toFixed(1)}" stroke="#111827" stroke-width="0.8"/>`,
  ];
  lines.forEach((line, index) =>
    parts.push(
      text({
        x: corner.left,
        y: corner.top + 11 + index * 14,
        body: line,
        attributes: `${index === 0 ? ' font-weight="bold"' : ''}${halo}`,
      }),
    ),
  );
  return parts;
}

function legend(report: EvaluationReport, budgetPercent: number): string[] {
  const parts: string[] = [];
  const left = width - margin.right + 14;
  const row = (index: number): number => margin.top + 6 + index * 18;
  report.curves.forEach((curve, index) => {
    const style = policyStyle[curve.policy] ?? { colour: '#9333ea', name: curve.policy, line: true };
    parts.push(
      `<rect x="${left}" y="${row(index) - 8}" width="10" height="10" fill="${style.colour}"/>`,
      text({ x: left + 16, y: row(index) + 1, body: style.name }),
    );
  });
  const next = report.curves.length;
  parts.push(
    `<path d="M${left + 5} ${row(next) - 9} l6 6 l-6 6 l-6 -6 z" fill="white" stroke="#111827" stroke-width="1.5"/>`,
    text({ x: left + 16, y: row(next) + 1, body: 'operating point (λ from train)' }),
    `<line x1="${left + 5}" x2="${left + 5}" y1="${row(next + 1) - 9}" y2="${row(next + 1) + 3}" stroke="${budgetColour}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
    text({ x: left + 16, y: row(next + 1) + 1, body: `budget (${budgetPercent} % of the reference)` }),
  );
  return parts;
}

/**
 * Renders a report's cost–quality chart as a standalone SVG for the person who pays the bill: cost
 * (% of the reference's, log scale) across, quality (% of the reference's) up; each policy's points,
 * its reachable curve (mixes of neighbouring points, sampled: curved on a log axis), the single models
 * named, the router's operating point and a budget line with what each reaches there; titled with the
 * dataset and the prompts evaluated. Hand-written so the project needs no charting dependency.
 */
export function renderCostQualitySvg(report: EvaluationReport, options: CostQualitySvgOptions = {}): string {
  const budgetPercent = options.budgetPercent ?? 10;
  const scale = scales(report);
  const taken: Box[] = [];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    text({
      x: margin.left,
      y: 22,
      body: `${report.dataset}: ${report.split}, ${report.prompts.toLocaleString('en-US')} prompts`,
      attributes: ' font-size="14" font-weight="bold"',
    }),
    text({
      x: margin.left,
      y: 40,
      body: `Both axes relative to always using ${report.reference}; mixing two points reaches the curve between them`,
      attributes: ' fill="#4b5563"',
    }),
    ...axes(report, scale),
    ...budgetLine({ report, scale, budgetPercent, taken }),
    ...curves(report, scale),
    ...labels({ report, scale, taken }),
    ...legend(report, budgetPercent),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}
