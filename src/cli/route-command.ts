import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LoadedTable, PromptEmbeddings, RoutingPrompt } from '../server/routing/offline/index.js';
import type { CliContext, CommandGroup, CommandRun } from './cli-context.js';
import { CliError } from './cli-error.js';
import { expectPositionals, parseOrUsage, printUsage, requireOption, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';
import { routeReportCommand } from './route-report-command.js';

const usage = `Usage:
  podium route train --data <path> --reference <model> [--out router.json] [--target-quality 95]
                     [--validation-share 0.2] [--seed podium-routing] [--embeddings local] [--prices <csv>]
                     [--task <task>]
  podium route eval  --data <path> --router <router.json> [--svg <out.svg>] [--png <out.png>] [--budget 10]
                     [--json] [--all] [--prices <csv>] [--task <task>]
  podium route report [--alias <alias>] [--since <ISO>] [--until <ISO>] [--json]

Offline routing: fits a router on recorded outcomes of models on prompts, then reports every policy
(always-reference, best single model, random mix, agreement cascades, the learned router, the oracle)
on the prompts held out from training. Runs locally; no server involved.

Online: \`report\` asks the running Podium at PODIUM_URL (admin key: PODIUM_ADMIN_KEY) what shadow sampling
measured per routed alias and choice: quality kept and non-regression against the reference, savings per
call and money saved, with 95 % intervals (default window: the last 30 days; see docs/shadow-sampling.md).

  --data <path>         your outcomes, one row per prompt and model: a .jsonl file, or a CSV with
                        model and score (or correct) columns (prompt_id, prompt, model, score,
                        input_tokens, output_tokens, cost_usd, category, answer);
                        or a folder with questions.jsonl + correct.csv (+ output_tokens.csv, pred.csv);
                        or a RouteLLM eval folder, or a wide CSV (prompt,<model>,<model>…), where
                        cost counts calls of the reference. Scores: 1/0, true/false, yes/no or a
                        number; empty = no result. See docs/routing.md
  --prices <csv>        model,input_usd_per_1M_tokens,output_usd_per_1M_tokens (default: prices.csv
                        beside the data or in its parent folder; not needed when rows have cost_usd)
  --task <task>         only the prompts of one task of data that mixes several (ZeroEval's gsm,
                        math-l5, crux; a category); each task keeps the models evaluated on it
  --reference <model>   the model whose quality and cost the others are measured against
  --target-quality <%>  the router's operating point: cheapest setting reaching this share of the
                        reference's quality on train (default 95)
  --embeddings local    train on each prompt's embedding (the bundled offline model) besides its
                        words; slow: ~10–20 ms of CPU per prompt (minutes for 10,000 prompts), and
                        eval embeds its prompts the same way. The gateway then needs
                        router.embedding: local and makes one embedding call per routed request
  --svg, --png <file>   write the cost–quality chart as an SVG or a PNG (2× size, system fonts): every
                        policy, the single models named, the router's operating point
  --budget <%>          the chart's budget line, in % of the reference's cost (default 10)
  --all                 evaluate on every prompt (new data the router never saw) instead of the
                        validation split recorded in the router
`;

const resolvePath = (context: CliContext, path: string): string =>
  isAbsolute(path) ? path : resolve(context.cwd, path);

// Loaded on demand: the other commands never pay for the routing code.
const routing = () => import('../server/routing/offline/index.js');

const train: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(usage, () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        reference: { type: 'string' },
        out: { type: 'string', default: 'router.json' },
        'target-quality': { type: 'string', default: '95' },
        'validation-share': { type: 'string', default: '0.2' },
        seed: { type: 'string', default: 'podium-routing' },
        embeddings: { type: 'string' },
        prices: { type: 'string' },
        task: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help === true) return printUsage(context, usage);
  expectPositionals(positionals, [], usage);
  const data = resolvePath(context, requireOption(values.data, '--data', usage));
  const reference = requireOption(values.reference, '--reference', usage);
  const split = { seed: values.seed, validationShare: Number(values['validation-share']) };
  if (values.embeddings !== undefined) checkEmbeddings(values.embeddings);
  const { selectPrompts, splitTrainValidation, trainLinearRouter, writeRouterFile } = await routing();
  const { table } = await loadData(context, { path: data, reference, prices: values.prices, task: values.task });
  const rows = splitTrainValidation(table, split);
  const train = selectPrompts(table, rows.train);
  const embeddings = values.embeddings === undefined ? undefined : await embedLocally(context, train.prompts);
  const router = trainLinearRouter({
    table: train,
    reference,
    targetQualityPercent: Number(values['target-quality']),
    split,
    embeddings,
  });
  const out = resolvePath(context, values.out);
  await writeFile(out, writeRouterFile(router));
  context.stdout.write(
    `trained on ${rows.train.length} of ${table.prompts.length} prompts (${rows.validation.length} held out); candidates: ${router.models.map((model) => model.name).join(', ')}; λ=${router.lambda.toPrecision(3)}\nwrote ${out}\n`,
  );
  return 0;
};

const evaluate: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(usage, () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        router: { type: 'string' },
        svg: { type: 'string' },
        png: { type: 'string' },
        budget: { type: 'string', default: '10' },
        json: { type: 'boolean' },
        all: { type: 'boolean' },
        prices: { type: 'string' },
        task: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help === true) return printUsage(context, usage);
  expectPositionals(positionals, [], usage);
  const data = resolvePath(context, requireOption(values.data, '--data', usage));
  const routerPath = resolvePath(context, requireOption(values.router, '--router', usage));
  const chart = { budgetPercent: Number(values.budget) };
  if (!(chart.budgetPercent > 0))
    throw new CliError(`--budget ${values.budget}: give a percentage of the reference's cost above 0, such as 10`);
  const {
    describeSplit,
    evaluatePolicies,
    formatEvaluation,
    readRouterFile,
    renderCostQualityPng,
    renderCostQualitySvg,
    selectPrompts,
    splitTrainValidation,
  } = await routing();
  let compiled;
  try {
    compiled = readRouterFile(await readFile(routerPath, 'utf8'));
  } catch (error) {
    throw new CliError(
      `${routerPath} is not a router file: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const { table } = await loadData(context, {
    path: data,
    reference: compiled.router.reference,
    prices: values.prices,
    task: values.task,
  });
  const rows =
    values.all === true
      ? table.prompts.map((_, row) => row)
      : splitTrainValidation(table, compiled.router.split).validation;
  if (rows.length === 0) throw new CliError('no prompts to evaluate (the validation split is empty; try --all)');
  const evaluated = selectPrompts(table, rows);
  const model = compiled.router.embedding?.model;
  if (model !== undefined) checkEmbeddings(model);
  const embeddings = model === undefined ? undefined : (await embedLocally(context, evaluated.prompts)).vectors;
  const split = describeSplit(values.all === true ? 'all' : compiled.router.split);
  const report = evaluatePolicies({ table: evaluated, compiled, embeddings, split });
  if (values.svg !== undefined) await writeFile(resolvePath(context, values.svg), renderCostQualitySvg(report, chart));
  if (values.png !== undefined)
    await writeFile(resolvePath(context, values.png), await renderCostQualityPng(report, chart));
  if (values.json === true) printJson(context, report);
  else context.stdout.write(formatEvaluation(report));
  return 0;
};

/** Loads the data with the reference threaded through (a wide CSV's cost axis is its calls) and prints the loader's warnings. */
async function loadData(
  context: CliContext,
  input: { path: string; reference: string; prices: string | undefined; task: string | undefined },
): Promise<LoadedTable> {
  const { loadRoutingData } = await routing();
  const pricesPath = input.prices === undefined ? undefined : resolvePath(context, input.prices);
  const loaded = await loadRoutingData({ path: input.path, reference: input.reference, pricesPath, task: input.task });
  for (const warning of loaded.warnings) context.stderr.write(`warning: ${warning}\n`);
  return loaded;
}

function checkEmbeddings(model: string): void {
  if (model !== 'local')
    throw new CliError(`embeddings "${model}": only local (the bundled offline model) can embed prompts here`);
}

/** Embeds prompts with the bundled model, in batches, with progress on stderr: ~10–20 ms of CPU each. */
async function embedLocally(context: CliContext, prompts: readonly RoutingPrompt[]): Promise<PromptEmbeddings> {
  const { createLocalTextEmbedder, embedPrompts } = await routing();
  context.stderr.write(`embedding ${prompts.length} prompts with the local model (~10–20 ms each)\n`);
  return embedPrompts({
    prompts,
    embed: createLocalTextEmbedder(),
    model: 'local',
    batchSize: 64,
    onProgress: (done, total) => {
      if (done % 1024 === 0 || done === total) context.stderr.write(`  ${done}/${total}\n`);
    },
  });
}

/** `podium route train|eval|report`: fit and measure routing policies offline; read what shadow sampling measured online. */
export const routeCommand: CommandGroup = {
  name: 'route',
  summary:
    'train and evaluate routing policies offline, report shadow-sampled quality and savings (podium route train|eval|report)',
  usage,
  run: (context, args) =>
    runSubcommand({
      context,
      args,
      group: 'route',
      usage,
      subcommands: { train, eval: evaluate, report: routeReportCommand(usage) },
    }),
};
