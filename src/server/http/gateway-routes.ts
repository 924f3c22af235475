/** The model API: /v1 endpoints handed to the gateway pipeline, plus /v1/models and count_tokens. */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PodiumError, toPodiumError, type Surface } from '../../contract/index.js';
import { createGatewayCall, type Gateway, type ModelCatalog } from '../gateway/index.js';
import type { Caller, IdentityService } from '../identity/index.js';
import { countTokensHandler } from './count-tokens-handler.js';
import { credentialOf } from './credential.js';
import { errorShapeOf } from './error-shapes.js';
import { sendError, sendJson } from './http-server.js';
import { NodeResponseSink } from './node-response-sink.js';
import { anthropicModel, modelHandler, openAIModel } from './model-handler.js';
import { readBody } from './read-body.js';
import type { RouteHandler, Router } from './router.js';

const emptyBody = Buffer.alloc(0);

export interface GatewayRouteOptions {
  gateway: Gateway;
  catalog: ModelCatalog;
  identity: IdentityService;
  maxBodyBytes: number;
}

async function authenticateFirst(identity: IdentityService, credential: string | undefined): Promise<Caller> {
  if (!credential) {
    throw new PodiumError(
      'missing_api_key',
      "You didn't provide an API key. Provide your Podium key in an Authorization header (Bearer pk-...) or an x-api-key header.",
    );
  }
  return identity.authenticate(credential);
}

function callHandler(surface: Surface, options: GatewayRouteOptions): RouteHandler {
  const shape = errorShapeOf(surface);
  return async ({ request, response }) => {
    const call = createGatewayCall({
      id: `req_${randomUUID().replaceAll('-', '')}`,
      surface,
      credential: credentialOf(request.headers),
      headers: request.headers,
      rawBody: emptyBody,
      startedAt: performance.now(),
    });
    try {
      // Who is calling, from the headers alone: an unauthenticated client never gets to make us buffer a body.
      call.caller = await authenticateFirst(options.identity, call.credential);
      call.rawBody = await readBody(request, options.maxBodyBytes);
    } catch (error) {
      call.error = toPodiumError(error);
      // The body is left unread: answer and close rather than drain whatever the client keeps sending.
      if (!request.complete) response.setHeader('connection', 'close');
    }
    await options.gateway.handle(call, new NodeResponseSink(response, call, shape));
  };
}

/** GET /v1/models in the OpenAI list shape, or Anthropic's when the client sends `anthropic-version`. */
function modelsHandler(options: GatewayRouteOptions): RouteHandler {
  return async ({ request, response }) => {
    const anthropic = request.headers['anthropic-version'] !== undefined;
    try {
      const credential = credentialOf(request.headers);
      if (!credential) throw new PodiumError('missing_api_key', "You didn't provide an API key.");
      const caller = await options.identity.authenticate(credential);
      const models = options.catalog
        .list()
        .filter((model) => !caller.allowedModels || caller.allowedModels.has(model.id));
      if (anthropic) {
        const data = models.map(anthropicModel);
        sendJson(response, 200, {
          data,
          has_more: false,
          first_id: data[0]?.id ?? null,
          last_id: data.at(-1)?.id ?? null,
        });
        return;
      }
      sendJson(response, 200, { object: 'list', data: models.map(openAIModel) });
    } catch (error) {
      sendError(response, error, anthropic ? 'anthropic' : 'openai');
    }
  };
}

export function addGatewayRoutes(router: Router, options: GatewayRouteOptions): void {
  router
    .add('POST', '/v1/chat/completions', callHandler('openai-chat', options))
    .add('POST', '/v1/responses', callHandler('openai-responses', options))
    .add('POST', '/v1/embeddings', callHandler('openai-embeddings', options))
    .add('POST', '/v1/messages', callHandler('anthropic-messages', options))
    .add('POST', '/v1/messages/count_tokens', countTokensHandler(options))
    .add('GET', '/v1/models', modelsHandler(options))
    .add('GET', '/v1/models/:id', modelHandler(options));
}
