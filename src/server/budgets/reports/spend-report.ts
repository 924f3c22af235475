/** Chargeback: spend by team, project, key, model, provider, tier or end user over a calendar period. */
import type { SpendReport, SpendReportQuery } from '../../../contract/index.js';
import type { SpendReportRepository } from './spend-report-repository.js';
import { periodRange } from './period-range.js';

/**
 * Turns the period into instants in the query's time zone and reads the ledger over them.
 * @throws PodiumError `invalid_request` naming `period` or `timezone`.
 */
export async function spendReport(
  query: Pick<SpendReportQuery, 'by' | 'period' | 'timezone'>,
  options: { repository: Pick<SpendReportRepository, 'spend'> },
): Promise<SpendReport> {
  const { from, to } = periodRange({ period: query.period, timeZone: query.timezone });
  const { rows, totalUsd } = await options.repository.spend({
    by: query.by,
    from: from.toISOString(),
    to: to.toISOString(),
  });
  return { by: query.by, period: query.period, from: from.toISOString(), to: to.toISOString(), rows, totalUsd };
}
