/** Stage: alias → ordered provider targets. */
import type { AdmissionStage } from '../gateway.js';
import type { ModelCatalog } from '../model-catalog.js';

export function resolveRoute(catalog: ModelCatalog): AdmissionStage {
  return (call) => {
    if (call.requestedModel !== undefined) call.route = catalog.resolve(call.requestedModel);
  };
}
