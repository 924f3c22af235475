/** GET /metrics in Prometheus text format, behind a bearer token when one is configured. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { PodiumError } from '../../contract/index.js';
import type { Metrics } from '../telemetry/index.js';
import { credentialOf } from './credential.js';
import { sendError } from './http-server.js';
import type { Router } from './router.js';

export interface MetricsRouteOptions {
  metrics: Metrics;
  /** Required bearer token; undefined leaves /metrics open (for a scraper on a private network). */
  token: string | undefined;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export function addMetricsRoute(router: Router, options: MetricsRouteOptions): void {
  const expected = options.token === undefined ? undefined : digest(options.token);
  router.add('GET', '/metrics', ({ request, response }) => {
    if (expected) {
      const presented = credentialOf(request.headers);
      // Compared as digests: constant time, whatever the presented length.
      if (!presented || !timingSafeEqual(digest(presented), expected)) {
        sendError(
          response,
          new PodiumError(
            presented ? 'invalid_api_key' : 'missing_api_key',
            '/metrics requires "Authorization: Bearer <metrics token>".',
          ),
          'admin',
        );
        return;
      }
    }
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    response.end(options.metrics.render());
  });
}
