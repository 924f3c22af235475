/** Stage: who is calling. Resolves the virtual key (from memory when warm) or refuses with 401. */
import { PodiumError } from '../../../contract/index.js';
import type { IdentityService } from '../../identity/index.js';
import type { CallBase } from '../call.js';
import type { AdmissionStage } from '../gateway.js';

/** Works for every kind of call: the credential and the caller are on `CallBase`. */
export function identifyCaller<C extends CallBase>(identity: Pick<IdentityService, 'authenticate'>): AdmissionStage<C> {
  return async (call) => {
    // The HTTP edge authenticates before reading the body; internal calls arrive unidentified.
    if (call.caller) return;
    if (!call.credential) {
      throw new PodiumError(
        'missing_api_key',
        "You didn't provide an API key. Provide your Podium key in an Authorization header (Bearer pk-...) or an x-api-key header.",
      );
    }
    call.caller = await identity.authenticate(call.credential);
  };
}
