/** The report behind `GET /api/v1/routing/report`: the window resolved, the store read, the figures built. */
import type { ShadowReport, ShadowReportQuery } from '../../../contract/index.js';
import type { ShadowResultRepository } from './shadow-result-repository.js';
import { buildShadowReport } from './build-shadow-report.js';

/** The default window: the last 30 days, a month of traffic for a monthly bill. */
const defaultWindowMs = 30 * 24 * 60 * 60 * 1000;

export interface ShadowReporterOptions {
  results: Pick<ShadowResultRepository, 'aggregate' | 'routedCalls'>;
  /** The configured reference of a routed alias (`router.reference`). */
  referenceOf?: (alias: string) => string | undefined;
  now?: () => Date;
}

/** Builds the report function; `since` defaults to 30 days before `until`, `until` to now. */
export function createShadowReporter(
  options: ShadowReporterOptions,
): (query: ShadowReportQuery) => Promise<ShadowReport> {
  const now = options.now ?? (() => new Date());
  return async (query) => {
    const until = query.until === undefined ? now() : new Date(query.until);
    const since = query.since === undefined ? new Date(until.getTime() - defaultWindowMs) : new Date(query.since);
    const window = { alias: query.alias, since: since.toISOString(), until: until.toISOString() };
    const [aggregates, routed] = await Promise.all([
      options.results.aggregate(window),
      options.results.routedCalls(window),
    ]);
    return buildShadowReport({
      since: window.since,
      until: window.until,
      aggregates,
      routed,
      referenceOf: options.referenceOf,
    });
  };
}
