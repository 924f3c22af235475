/**
 * Who is behind an admin-API mutation, for its audit entry: the admin credential (named by a keyed fingerprint,
 * never the secret), a virtual key (its id), or a signed approval link (its approver). Only credentials that
 * verify are named: an unauthenticated request leaves no entry (the route answers 401 and nothing changed).
 */
import { createHmac } from 'node:crypto';
import { approvalLinkQuerySchema } from '../../contract/index.js';
import type { ApprovalLinks } from '../governance/approvals/index.js';
import type { AdminCredential, Caller } from '../identity/index.js';
import { credentialOf } from './credential.js';
import type { RouteInput, RouteName } from './router.js';

/** The credential behind an action. */
export interface AdminActor {
  kind: 'admin' | 'key' | 'link';
  /** `admin_<16 hex>` (HMAC of the admin key under a server-secret key), a key id, or a link's approver. */
  id: string;
  /** The organisation whose audit chain records the action. */
  tenant: string;
}

export interface IdentifyAdminActorOptions {
  admin: AdminCredential;
  authenticate: (secret: string) => Promise<Caller>;
  links: Pick<ApprovalLinks, 'verify'>;
  organizationId: string;
  /** Key for the admin credential's fingerprint: derived from the server secret, so a weak admin key cannot be brute-forced from the trail. */
  fingerprintKey: Buffer;
}

/** The route whose credential is the signed link in its query. */
const linkRoute = '/api/v1/approvals/:id/act';

/** Returns the verified actor of a request, or undefined when its credential does not verify. */
export function identifyAdminActor(
  options: IdentifyAdminActorOptions,
): (route: RouteName, input: RouteInput) => Promise<AdminActor | undefined> {
  return async (route, input) => {
    if (route.path === linkRoute) {
      const query = approvalLinkQuerySchema.safeParse(Object.fromEntries(input.query));
      if (!query.success) return undefined;
      try {
        options.links.verify({ id: input.params.id ?? '', ...query.data });
      } catch {
        return undefined;
      }
      return { kind: 'link', id: query.data.approver, tenant: options.organizationId };
    }
    const secret = credentialOf(input.request.headers);
    if (secret === undefined) return undefined;
    if (secret.startsWith('pk-')) {
      const caller = await options.authenticate(secret).catch(() => undefined);
      return caller && { kind: 'key', id: caller.keyId, tenant: caller.orgId };
    }
    try {
      options.admin.verify(secret);
    } catch {
      return undefined;
    }
    return {
      kind: 'admin',
      id: `admin_${createHmac('sha256', options.fingerprintKey).update(secret).digest('hex').slice(0, 16)}`,
      tenant: options.organizationId,
    };
  };
}
