/**
 * `GET /v1/models/{id}`: one alias in the OpenAI shape, or Anthropic's when the client sends
 * `anthropic-version`; an unknown alias and one the key may not use are the same 404, in the
 * caller's shape, so a key cannot probe which aliases exist.
 */
import { PodiumError } from '../../contract/index.js';
import type { CatalogEntry, ModelCatalog } from '../gateway/index.js';
import type { IdentityService } from '../identity/index.js';
import { credentialOf } from './credential.js';
import { sendError, sendJson } from './http-server.js';
import type { RouteHandler } from './router.js';

/** Podium does not know when an alias was created; both APIs require the field. */
const created = 0;

/** The OpenAI `model` object. */
export const openAIModel = (model: CatalogEntry) => ({
  id: model.id,
  object: 'model',
  created,
  owned_by: model.ownedBy,
});

/** The Anthropic `model` object. */
export const anthropicModel = (model: CatalogEntry) => ({
  type: 'model',
  id: model.id,
  display_name: model.id,
  created_at: new Date(created).toISOString(),
});

/** The handler of `GET /v1/models/:id`. */
export function modelHandler(options: { catalog: ModelCatalog; identity: IdentityService }): RouteHandler {
  return async ({ request, response, params }) => {
    const anthropic = request.headers['anthropic-version'] !== undefined;
    try {
      const credential = credentialOf(request.headers);
      if (!credential) throw new PodiumError('missing_api_key', "You didn't provide an API key.");
      const caller = await options.identity.authenticate(credential);
      const id = params.id ?? '';
      const model = options.catalog.list().find((entry) => entry.id === id);
      if (!model || (caller.allowedModels && !caller.allowedModels.has(id))) {
        throw new PodiumError(
          'model_not_found',
          `The model \`${id.slice(0, 200)}\` does not exist or you do not have access to it.`,
          { param: 'model' },
        );
      }
      sendJson(response, 200, anthropic ? anthropicModel(model) : openAIModel(model));
    } catch (error) {
      sendError(response, error, anthropic ? 'anthropic' : 'openai');
    }
  };
}
