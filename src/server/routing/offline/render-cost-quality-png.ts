import type { EvaluationReport } from './evaluate-policies.js';
import { renderCostQualitySvg, type CostQualitySvgOptions } from './render-cost-quality-svg.js';

/** Options of {@link renderCostQualityPng}. */
export interface CostQualityPngOptions extends CostQualitySvgOptions {
  /** Pixels per SVG unit (default 2: sharp on high-density screens and in docs). */
  scale?: number | undefined;
  /** Use the machine's fonts for the text (default true); without any font the plot still renders, unlabelled. */
  loadSystemFonts?: boolean | undefined;
}

/**
 * Rasterises {@link renderCostQualitySvg}'s chart to PNG bytes with resvg. resvg (a native module)
 * is imported on first use, so neither the server nor the other CLI commands ever load it.
 */
export async function renderCostQualityPng(
  report: EvaluationReport,
  options: CostQualityPngOptions = {},
): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(renderCostQualitySvg(report, options), {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    // resvg maps the generic `sans-serif` to Arial, rarely installed on Linux; DejaVu Sans is on most
    // distributions (and the SVG lists it first anyway).
    font: { loadSystemFonts: options.loadSystemFonts ?? true, sansSerifFamily: 'DejaVu Sans' },
    logLevel: 'off',
  });
  return new Uint8Array(resvg.render().asPng());
}
