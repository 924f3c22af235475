/**
 * `npm run bench:routing`: trains and evaluates the routing policies on the shared offline data
 * (MMLU-Pro, ZeroEval mixed and per task, RouteLLM's MMLU / GSM8K / MT-Bench), prints one table per dataset, and ends
 * with one JSON line of the validation-split figures, the targets and whether each is met.
 *
 * Data: PODIUM_ROUTING_DATA, else ../shared/data/routing next to the repository. `--svg-dir <dir>`
 * also writes one cost–quality SVG and PNG per dataset.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  describeSplit,
  evaluatePolicies,
  formatEvaluation,
  loadRoutingData,
  qualityAtCost,
  readRouterFile,
  renderCostQualityPng,
  renderCostQualitySvg,
  routellmPublishedCpt50,
  routellmStrongModel,
  selectPrompts,
  splitTrainValidation,
  trainLinearRouter,
  writeRouterFile,
  type EvaluationReport,
  type RoutingTable,
} from '../../src/server/routing/offline/index.js';

const repositoryRoot = resolve(import.meta.dirname, '../..');
const dataRoot = process.env.PODIUM_ROUTING_DATA ?? resolve(repositoryRoot, '../shared/data/routing');
const { values } = parseArgs({ options: { 'svg-dir': { type: 'string' } } });
const split = { seed: 'podium-routing', validationShare: 0.2 };
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

const routellmTargets = { mmlu: 20, gsm8k: 20, mt_bench: 10 } as const;

function mostAccurate(table: RoutingTable): string {
  const means = table.score.map((column) => column.reduce((sum, value) => sum + value, 0) / column.length);
  return table.models[means.indexOf(Math.max(...means))] ?? '';
}

async function run(input: {
  path: string;
  reference?: string;
  name: string;
  task?: string;
}): Promise<EvaluationReport> {
  const started = performance.now();
  const { table, warnings } = await loadRoutingData({ path: input.path, task: input.task });
  const rows = splitTrainValidation(table, split);
  const train = selectPrompts(table, rows.train);
  const reference = input.reference ?? mostAccurate(train);
  const router = trainLinearRouter({ table: train, reference, split });
  // Through the file's text, as `podium route eval` reads what `train` wrote.
  const compiled = readRouterFile(writeRouterFile(router));
  const report = {
    ...evaluatePolicies({ table: selectPrompts(table, rows.validation), compiled, split: describeSplit(split) }),
    dataset: input.name,
  };
  process.stdout.write(
    `\n${formatEvaluation(report)}(${rows.train.length} train prompts; ${warnings.length} loader notes; ${round((performance.now() - started) / 1000)} s)\n`,
  );
  if (values['svg-dir'] !== undefined) {
    await mkdir(values['svg-dir'], { recursive: true });
    await writeFile(join(values['svg-dir'], `${input.name}.svg`), renderCostQualitySvg(report));
    await writeFile(join(values['svg-dir'], `${input.name}.png`), await renderCostQualityPng(report));
  }
  return report;
}

function curveOf(report: EvaluationReport, policy: string) {
  const curve = report.curves.find((candidate) => candidate.policy === policy);
  if (curve === undefined) throw new Error(`${report.dataset}: no ${policy} curve`);
  return curve;
}

function summary(report: EvaluationReport) {
  const router = curveOf(report, 'learned-router');
  const oracle = curveOf(report, 'oracle').points[0];
  const cascade = report.curves.find((curve) => curve.policy === 'agreement-cascade');
  const validity = report.curves.find((curve) => curve.policy === 'validity-cascade');
  return {
    prompts: report.prompts,
    reference: report.reference,
    operatingPoint: {
      quality: round(report.operatingPoint.qualityPercent),
      cost: round(report.operatingPoint.costPercent, 2),
      nonRegression: round(report.operatingPoint.nonRegressionPercent),
    },
    routerQualityAt10PercentCost: round(qualityAtCost(router.points, 10) ?? 0),
    bestSingleQualityAt10PercentCost: round(qualityAtCost(curveOf(report, 'best-single-model').points, 10) ?? 0),
    frontierMargin: round(report.frontierMargin),
    apgr: round(router.apgr, 3),
    cpt50: round(router.cpt50),
    cpt80: round(router.cpt80),
    cascadeCpt80: cascade === undefined ? null : round(cascade.cpt80),
    validityCascadeCpt80: validity === undefined ? null : round(validity.cpt80),
    oracle: oracle === undefined ? null : { quality: round(oracle.qualityPercent), cost: round(oracle.costPercent, 2) },
  };
}

if (!existsSync(dataRoot)) {
  process.stdout.write(`routing data not found at ${dataRoot} (set PODIUM_ROUTING_DATA); nothing measured\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'routing', skipped: true, dataRoot })}\n`);
} else {
  const mmluPro = summary(
    await run({ path: join(dataRoot, 'mmlu-pro'), reference: 'gemini-3.1-pro-preview', name: 'mmlu-pro' }),
  );
  const zeroeval = summary(await run({ path: join(dataRoot, 'zeroeval'), name: 'zeroeval' }));
  // Each ZeroEval task on its own as well, with every model evaluated on it: the mixed table above keeps
  // only the models run on all three tasks (27 of 60).
  const zeroevalTasks: Record<string, unknown> = {};
  for (const task of ['gsm', 'math-l5', 'crux'])
    zeroevalTasks[task] = summary(await run({ path: join(dataRoot, 'zeroeval'), task, name: `zeroeval-${task}` }));
  const routellm: Record<string, unknown> = {};
  for (const benchmark of ['mmlu', 'gsm8k', 'mt_bench'] as const) {
    const report = await run({
      path: join(dataRoot, 'routellm/routellm/evals', benchmark),
      reference: routellmStrongModel,
      name: `routellm-${benchmark}`,
    });
    const cpt50 = round(curveOf(report, 'learned-router').cpt50);
    routellm[benchmark] = {
      ...summary(report),
      cpt50,
      routellmPublishedCpt50: routellmPublishedCpt50[benchmark],
      target: routellmTargets[benchmark],
      met: cpt50 <= routellmTargets[benchmark],
    };
  }
  const point = mmluPro.operatingPoint;
  const targets = {
    mmluProQuality95AtCost10: {
      value: `${point.quality}% at ${point.cost}%`,
      met: point.quality >= 95 && point.cost <= 10,
    },
    mmluProNonRegression90: { value: point.nonRegression, met: point.nonRegression >= 90 },
    mmluProAboveFrontier: { value: mmluPro.frontierMargin, met: mmluPro.frontierMargin > 0 },
  };
  process.stdout.write(
    `${JSON.stringify({ bench: 'routing', split: 'validation', mmluPro, zeroeval, zeroevalTasks, routellm, targets })}\n`,
  );
}
