/** The routing admin API under /api/v1: the shadow-sampling report (quality kept and money saved per routed alias). */
import { shadowReportQuerySchema, type ShadowReport, type ShadowReportQuery } from '../../contract/index.js';
import type { AdminCredential } from '../identity/index.js';
import { credentialOf } from './credential.js';
import { sendError, sendJson } from './http-server.js';
import { parseInput } from './parse-input.js';
import type { Router } from './router.js';

export interface RoutingReportRouteOptions {
  admin: AdminCredential;
  /** Builds the report for a validated query (routing's shadow reporter). */
  report: (query: ShadowReportQuery) => Promise<ShadowReport>;
}

/** Adds `GET /api/v1/routing/report?alias=&since=&until=`; requires the admin key. */
export function addRoutingReportRoutes(router: Router, options: RoutingReportRouteOptions): void {
  router.add('GET', '/api/v1/routing/report', async ({ request, response, query }) => {
    try {
      options.admin.verify(credentialOf(request.headers));
      sendJson(
        response,
        200,
        await options.report(parseInput(shadowReportQuerySchema, Object.fromEntries(query), 'query')),
      );
    } catch (error) {
      request.resume();
      sendError(response, error, 'admin');
    }
  });
}
