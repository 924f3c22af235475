/** Stage: the key may only call the models it was granted. */
import { PodiumError } from '../../../contract/index.js';
import type { AdmissionStage } from '../gateway.js';

export const authorizeModel: AdmissionStage = (call) => {
  // Podium's own calls for a parent that passed this check (a cascade's tiers, the shadow reference, a
  // judge) go to models the configuration chose, not the client: a key allowed `smart` may use its candidates.
  if (call.internal !== undefined) return;
  const allowed = call.caller?.allowedModels;
  if (allowed && call.requestedModel !== undefined && !allowed.has(call.requestedModel)) {
    throw new PodiumError(
      'model_not_allowed',
      `This key may not call model \`${call.requestedModel}\`; allowed: ${[...allowed].join(', ')}.`,
      {
        param: 'model',
      },
    );
  }
};
