/** The human-readable table printed before the JSON line. */
import type { Figures, Report, TargetName } from './build-report.js';
import { alignColumns, show } from '../shared/text-table.js';

const columns = ['target', 'conns', 'req/s', 'p50 ms', 'p99 ms', '+p50 ms', '+p99 ms', 'CPU ms/req', 'other CPU %', 'errors'] as const;

function row(name: TargetName, figures: Figures): string[] {
  return [
    name,
    String(figures.connections),
    show(figures.rps, 0),
    show(figures.p50Ms, 3),
    show(figures.p99Ms, 3),
    show(figures.addedP50Ms, 3),
    show(figures.addedP99Ms, 3),
    show(figures.cpuMsPerRequest, 4),
    show(figures.otherCpuPercent, 0),
    String(figures.errors),
  ];
}

/** Aligned columns: the target's name left, figures right. */
export function formatTable(report: Report): string {
  const rows: string[][] = [[...columns]];
  for (const name of ['direct', 'yardstick', 'podium'] as const) {
    const figures = report[name];
    if (figures) rows.push(row(name, figures.c1), row(name, figures.c50));
  }
  const lines = alignColumns(rows, 1);
  const { ratios, met } = report;
  const otherMax = Math.max(0, ...(['direct', 'yardstick', 'podium'] as const).flatMap((name) => (report[name] ? [report[name].c1.otherCpuPercent, report[name].c50.otherCpuPercent] : [])));
  const summary = [
    ...(otherMax > 10 ? [`WARNING: other processes took up to ${otherMax.toFixed(0)}% of the machine's CPU during a phase: these figures are skewed; rerun on a quiet machine`] : []),
    `ratios podium/yardstick: req/s@50 ${show(ratios.rpsC50, 2)}, CPU/req@50 ${show(ratios.cpuPerRequest, 2)}, added p50@1 ${show(ratios.addedP50C1, 2)}`,
    met
      ? `targets: req/s@50 ≥ ${report.targets.rpsC50} ${met.rpsC50 ? 'met' : 'NOT met'}; CPU ≤ ${report.targets.cpuMsPerRequest} ms/req ${met.cpuMsPerRequest ? 'met' : 'NOT met'}; added p50@1 ≤ ${report.targets.addedP50MsC1} ms ${met.addedP50MsC1 ? 'met' : 'NOT met'}`
      : 'targets: podium not measured',
  ];
  return [...lines, '', ...summary].join('\n');
}
