/** The aliases whose data-protection rules apply to a call. */
import type { GatewayCall } from '../../gateway/index.js';

/**
 * The alias the client asked for and, when a routed alias chose another, the chosen one: both
 * aliases' rules apply, the strictest winning.
 */
export function callAliases(call: Pick<GatewayCall, 'requestedModel' | 'route'>): string[] {
  const asked = call.requestedModel;
  const served = call.route?.alias;
  if (asked === undefined) return served === undefined ? [] : [served];
  return served === undefined || served === asked ? [asked] : [asked, served];
}
