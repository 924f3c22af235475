import type { ShadowAliasReport, ShadowChoiceReport, ShadowEstimate, ShadowReport } from '../contract/index.js';
import { formatTable, formatTimestamp } from './format-table.js';

const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const counts = new Intl.NumberFormat('en-US');

/** Dollars with cents; three significant digits below a dollar, so a per-call cost does not read as $0.00. */
const usd = (value: number): string => {
  const amount = Math.abs(value) >= 1 || value === 0 ? cents.format(Math.abs(value)) : small.format(Math.abs(value));
  return `${value < 0 ? '-' : ''}$${amount}`;
};
const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;

/** A value and its 95 % interval, e.g. `80.0 % (71.1–86.7)`; the bare value when the interval is unknown. */
function withInterval(estimate: ShadowEstimate | null, format: (value: number) => string): string | null {
  if (estimate === null) return null;
  if (estimate.low === null || estimate.high === null || estimate.method === 'exact') return format(estimate.value);
  const bare = (value: number) => format(value).replace(/ %$/, '');
  return `${format(estimate.value)} (${bare(estimate.low)}–${bare(estimate.high)})`;
}

const costPair = (figures: Pick<ShadowChoiceReport, 'cost'>): string | null =>
  figures.cost.meanServedUsd === null || figures.cost.meanReferenceUsd === null
    ? null
    : `${usd(figures.cost.meanServedUsd)} / ${usd(figures.cost.meanReferenceUsd)}`;

function choiceRow(choice: ShadowChoiceReport): (string | number | null)[] {
  const reference = choice.servedByReference ? 'reference' : null;
  return [
    choice.choice,
    counts.format(choice.routedCalls),
    counts.format(choice.samples),
    reference ?? withInterval(choice.qualityKept, percent),
    reference ?? withInterval(choice.nonRegression, percent),
    reference ?? withInterval(choice.cost.savings, percent),
    costPair(choice),
    withInterval(choice.cost.savedUsd, usd),
  ];
}

function aliasSection(alias: ShadowAliasReport): string {
  const reference = alias.references.length === 0 ? 'no samples' : `reference ${alias.references.join(', ')}`;
  const graders = alias.graders.length === 0 ? '' : ` · grader ${alias.graders.join(', ')}`;
  const lines = [
    `${alias.alias} (${reference}${graders}): ${counts.format(alias.routedCalls)} routed calls, ${counts.format(alias.samples)} samples (${counts.format(alias.ungraded)} ungraded)`,
  ];
  const summary: [string, string | null][] = [
    ['quality kept', withInterval(alias.qualityKept, percent)],
    [
      'non-regression',
      alias.nonRegression &&
        `${withInterval(alias.nonRegression, percent)}, ${alias.nonRegression.kept} of ${alias.nonRegression.of}`,
    ],
    [
      'savings per call',
      alias.cost.savings && `${withInterval(alias.cost.savings, percent)}, ${costPair(alias)} served / reference`,
    ],
    [
      'money saved',
      alias.cost.savedUsd &&
        `${withInterval(alias.cost.savedUsd, usd)}${alias.unmeasuredCalls > 0 ? ` (${counts.format(alias.unmeasuredCalls)} calls unmeasured)` : ''}`,
    ],
  ];
  for (const [label, value] of summary) lines.push(`  ${label.padEnd(17)}${value ?? '-'}`);
  const table = formatTable(
    ['CHOICE', 'CALLS', 'SAMPLES', 'QUALITY KEPT', 'NON-REGRESSION', 'SAVINGS', 'COST/CALL SERVED / REF', 'SAVED'],
    alias.choices.map(choiceRow),
  );
  return `${lines.join('\n')}\n\n${table.replace(/^/gm, '  ').trimEnd()}\n`;
}

/** The report as text: per alias a summary with 95 % intervals, then one row per choice. */
export function formatShadowReport(report: ShadowReport): string {
  const header = `Shadow sampling ${formatTimestamp(report.since)} → ${formatTimestamp(report.until)} UTC; intervals are 95 %.\n`;
  if (report.aliases.length === 0) return `${header}\nNo routed calls or shadow samples in this window.\n`;
  return `${header}\n${report.aliases.map(aliasSection).join('\n')}`;
}
