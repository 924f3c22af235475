/** The human-readable table printed before the JSON line. */
import type { Figures, Report, TargetName } from './build-report.js';
import { alignColumns, show } from '../shared/text-table.js';

const columns = [
  'target',
  'conns',
  'req/s',
  'p50 ms',
  'p99 ms',
  '+p50 ms',
  '+p99 ms',
  'CPU ms/req',
  'other CPU %',
  'errors',
] as const;

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
  const otherMax = Math.max(
    0,
    ...(['direct', 'yardstick', 'podium'] as const).flatMap((name) =>
      report[name] ? [report[name].c1.otherCpuPercent, report[name].c50.otherCpuPercent] : [],
    ),
  );
  const summary = [
    ...(otherMax > 10
      ? [
          `WARNING: other processes took up to ${otherMax.toFixed(0)}% of the machine's CPU during a phase: these figures are skewed; rerun on a quiet machine`,
        ]
      : []),
    `ratios podium/yardstick: req/s@50 ${show(ratios.rpsC50, 2)}, CPU/req@50 ${show(ratios.cpuPerRequest, 2)}, added p50@1 ${show(ratios.addedP50C1, 2)}`,
    met
      ? `targets: req/s@50 ≥ ${report.targets.rpsC50} ${met.rpsC50 ? 'met' : 'NOT met'}; CPU ≤ ${report.targets.cpuMsPerRequest} ms/req ${met.cpuMsPerRequest ? 'met' : 'NOT met'}; added p50@1 ≤ ${report.targets.addedP50MsC1} ms ${met.addedP50MsC1 ? 'met' : 'NOT met'}`
      : 'targets: podium not measured',
  ];
  return [...lines, '', ...summary, ...footprintLines(report)].join('\n');
}

function footprintLines(report: Report): string[] {
  const { footprint, footprintTargets: goal } = report;
  if (!footprint) return [];
  const mark = (value: number | null, limit: number): string =>
    value === null ? '?' : value <= limit ? 'met' : 'NOT met';
  const addedP99 = report.podium?.c1.addedP99Ms ?? null;
  return [
    `memory, Podium + its PostgreSQL: idle ${show(footprint.idleRssMb, 0)} MB (Podium ${show(footprint.podiumIdleRssMb, 0)}, PSS ${show(footprint.idlePssMb, 0)}) ≤ ${goal.idleRssMb} ${mark(footprint.idleRssMb, goal.idleRssMb)}; end of 50 connections ${show(footprint.c50RssMb, 0)} MB (Podium ${show(footprint.podiumC50RssMb, 0)}, PSS ${show(footprint.c50PssMb, 0)}) ≤ ${goal.c50RssMb} ${mark(footprint.c50RssMb, goal.c50RssMb)}`,
    `start to first answered call: empty data dir ${show(footprint.firstStart.firstCallMs, 0)} ms (listening ${show(footprint.firstStart.listeningMs, 0)}) ≤ ${goal.firstStartMs} ${mark(footprint.firstStart.firstCallMs, goal.firstStartMs)}; restart ${show(footprint.restart.firstCallMs, 0)} ms (listening ${show(footprint.restart.listeningMs, 0)}) ≤ ${goal.restartMs} ${mark(footprint.restart.firstCallMs, goal.restartMs)}`,
    `added p99 at 1 connection: ${show(addedP99, 3)} ms ≤ ${goal.addedP99MsC1} ${mark(addedP99, goal.addedP99MsC1)}`,
  ];
}
