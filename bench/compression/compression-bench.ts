/**
 * `npm run bench:compression`: the drop strategy of context compression on our own test set
 * (conversations.json: long synthetic conversations whose last question needs a fact stated in the
 * system prompt, a recent turn or an old turn), at a few budgets. Reports tokens saved, whether the
 * needed fact survived (by where it was stated), structural violations (must be 0) and the time
 * compression takes. The last line is one JSON object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyCompression, dialectFor, planCompression } from '../../src/server/compression/index.js';
import { reportBenchFailure } from '../shared/report-failure.js';
import { alignColumns, show } from '../shared/text-table.js';
import type { BenchConversation, FactCategory } from './bench-conversation.js';
import { structureViolations } from './structure-violations.js';

const budgets = [2500, 1500, 1000, 500] as const;
const keepLastMessages = 6;
const categories: readonly FactCategory[] = ['system', 'recent', 'old'];
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

interface BudgetFigures {
  maxInputTokens: number;
  compressed: number;
  tokensBefore: number;
  tokensAfter: number;
  savedPercent: number;
  /** Share of conversations at or under the budget afterwards (the rest hit keepLastMessages). */
  fitPercent: number;
  /** Share of conversations, by category, whose needed fact is still in the request. */
  factKeptPercent: Record<FactCategory, number>;
  violations: number;
  msPerConversation: number;
}

function measure(set: readonly BenchConversation[], maxInputTokens: number): BudgetFigures {
  let compressed = 0;
  let before = 0;
  let after = 0;
  let fits = 0;
  let violations = 0;
  let elapsed = 0;
  const kept: Record<FactCategory, { kept: number; total: number }> = {
    system: { kept: 0, total: 0 },
    recent: { kept: 0, total: 0 },
    old: { kept: 0, total: 0 },
  };
  for (const entry of set) {
    const dialect = dialectFor(entry.surface);
    if (!dialect) throw new Error(`${entry.id}: no dialect for ${entry.surface}`);
    const started = performance.now();
    const plan = planCompression({ body: entry.body, dialect, maxInputTokens, keepLastMessages });
    const result =
      plan.dropped.length > 0 ? applyCompression(plan) : { body: entry.body, tokensAfter: plan.tokensBefore };
    elapsed += performance.now() - started;
    if (plan.dropped.length > 0) compressed += 1;
    before += plan.tokensBefore;
    after += result.tokensAfter;
    if (result.tokensAfter <= maxInputTokens) fits += 1;
    violations += structureViolations({
      original: entry.body,
      compressed: result.body,
      surface: entry.surface,
      keepLastMessages,
    }).length;
    const tally = kept[entry.category];
    tally.total += 1;
    if (JSON.stringify(result.body).includes(entry.needle)) tally.kept += 1;
  }
  const share = (part: number, whole: number): number => (whole === 0 ? 0 : round((part / whole) * 100));
  return {
    maxInputTokens,
    compressed,
    tokensBefore: before,
    tokensAfter: after,
    savedPercent: share(before - after, before),
    fitPercent: share(fits, set.length),
    factKeptPercent: {
      system: share(kept.system.kept, kept.system.total),
      recent: share(kept.recent.kept, kept.recent.total),
      old: share(kept.old.kept, kept.old.total),
    },
    violations,
    msPerConversation: round(elapsed / set.length, 2),
  };
}

function main(): void {
  const set = JSON.parse(readFileSync(join(import.meta.dirname, 'conversations.json'), 'utf8')) as BenchConversation[];
  const sizes = measure(set, Number.MAX_SAFE_INTEGER);
  const figures = budgets.map((budget) => measure(set, budget));
  process.stdout.write(
    `compression bench: ${set.length} conversations (${categories.map((category) => `${set.filter((entry) => entry.category === category).length} ${category}`).join(', ')}), ` +
      `${Math.round(sizes.tokensBefore / set.length)} prompt tokens on average, strategy drop, keepLastMessages ${keepLastMessages}\n\n`,
  );
  const header = [
    'budget',
    'compressed',
    'tokens before',
    'tokens after',
    'saved %',
    'fits %',
    'fact kept: system %',
    'recent %',
    'old %',
    'violations',
    'ms/conv',
  ];
  const rows = figures.map((row) => [
    String(row.maxInputTokens),
    `${row.compressed}/${set.length}`,
    String(row.tokensBefore),
    String(row.tokensAfter),
    show(row.savedPercent, 1),
    show(row.fitPercent, 1),
    show(row.factKeptPercent.system, 1),
    show(row.factKeptPercent.recent, 1),
    show(row.factKeptPercent.old, 1),
    String(row.violations),
    show(row.msPerConversation, 2),
  ]);
  process.stdout.write(`${alignColumns([header, ...rows], 1).join('\n')}\n\n`);
  process.stdout.write(
    'Facts stated in old turns are what `drop` loses by design; `summarize` (a model call, not run here) exists to keep them.\n',
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'compression', conversations: set.length, strategy: 'drop', keepLastMessages, budgets: figures })}\n`,
  );
  if (figures.some((row) => row.violations > 0)) process.exitCode = 1;
}

try {
  main();
} catch (error) {
  reportBenchFailure('compression', error);
  process.exitCode = 1;
}
