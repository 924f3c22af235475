/** The audit admin API under /api/v1: pages of a tenant's chain, heads, stored checkpoints, the signing key. */
import { z } from 'zod';
import { PodiumError, type AuditPublicKey } from '../../contract/index.js';
import type { AuditStore } from '../governance/audit/index.js';
import type { AdminCredential } from '../identity/index.js';
import { credentialOf } from './credential.js';
import { sendError, sendJson } from './http-server.js';
import { parseInput } from './parse-input.js';
import type { RouteInput, Router } from './router.js';

export interface AuditRouteOptions {
  admin: AdminCredential;
  /** The audit repository (reads only). */
  audit: Pick<AuditStore, 'list' | 'heads' | 'checkpoints'>;
  /** The key checkpoints are signed with; absent, `/audit/public-key` answers 404. */
  publicKey?: AuditPublicKey | undefined;
}

/** Largest page: 5,000 entries of a few hundred bytes stay a few MB of JSON. */
export const maxAuditPageSize = 5000;

const entriesQuerySchema = z.strictObject({
  tenant: z.string().min(1),
  /** The last seq already read; 0 for the first page. */
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(maxAuditPageSize).default(1000),
});
const checkpointsQuerySchema = z.strictObject({ tenant: z.string().min(1).optional() });

/** Checks the admin key, answers what `action` returns; every failure in the admin error shape. */
function route(admin: AdminCredential, action: (input: RouteInput) => unknown) {
  return async (input: RouteInput): Promise<void> => {
    try {
      admin.verify(credentialOf(input.request.headers));
      sendJson(input.response, 200, await action(input));
    } catch (error) {
      input.request.resume();
      sendError(input.response, error, 'admin');
    }
  };
}

/** Adds the audit routes; every one requires the admin key. Read-only: entries are appended by Podium itself. */
export function addAuditRoutes(router: Router, options: AuditRouteOptions): void {
  const { admin, audit } = options;
  router
    .add(
      'GET',
      '/api/v1/audit/entries',
      route(admin, async ({ query }) => {
        const page = parseInput(entriesQuerySchema, Object.fromEntries(query), 'query');
        const data = await audit.list(page);
        const last = data.at(-1);
        return { data, nextAfter: data.length < page.limit || last === undefined ? null : last.seq };
      }),
    )
    .add(
      'GET',
      '/api/v1/audit/heads',
      route(admin, async () => ({ data: await audit.heads() })),
    )
    .add(
      'GET',
      '/api/v1/audit/checkpoints',
      route(admin, async ({ query }) => ({
        data: await audit.checkpoints(parseInput(checkpointsQuerySchema, Object.fromEntries(query), 'query').tenant),
      })),
    )
    .add(
      'GET',
      '/api/v1/audit/public-key',
      route(admin, () => {
        if (options.publicKey === undefined)
          throw new PodiumError('not_found', 'this Podium signs no audit checkpoints');
        return options.publicKey;
      }),
    );
}
