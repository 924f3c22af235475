/** `POST /v1/messages/count_tokens` over the gateway's counter; errors in Anthropic's shape. */
import { PodiumError, toPodiumError } from '../../contract/index.js';
import { estimateCall } from '../budgets/index.js';
import { countTokens, type ModelCatalog } from '../gateway/index.js';
import type { IdentityService } from '../identity/index.js';
import { credentialOf } from './credential.js';
import { errorResponse } from './error-shapes.js';
import { readBody } from './read-body.js';
import type { RouteHandler } from './router.js';

/** The budgets' o200k prompt count, without their margin for other vendors' tokenizers: a best estimate, not a bound. */
const countLocally = (body: Record<string, unknown>): number =>
  estimateCall({ body, defaultMaxOutputTokens: 0, openAITokenizer: true }).inputTokens;

/** The handler of `POST /v1/messages/count_tokens`. */
export function countTokensHandler(options: {
  catalog: ModelCatalog;
  identity: IdentityService;
  maxBodyBytes: number;
}): RouteHandler {
  return async ({ request, response }) => {
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    try {
      const rawBody = await readBody(request, options.maxBodyBytes);
      const credential = credentialOf(request.headers);
      if (!credential)
        throw new PodiumError(
          'missing_api_key',
          "You didn't provide an API key. Provide your Podium key in an x-api-key header.",
        );
      const caller = await options.identity.authenticate(credential);
      const answer = await countTokens({
        catalog: options.catalog,
        caller,
        rawBody,
        headers: request.headers,
        signal: controller.signal,
        countLocally,
      });
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(answer.body)),
        ...answer.headers,
      });
      response.end(answer.body);
    } catch (caught) {
      if (response.headersSent || response.destroyed) return;
      const error = toPodiumError(caught);
      const { status, body } = errorResponse(error, 'anthropic');
      const headers: Record<string, string> = {
        ...error.headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      };
      if (error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
      response.writeHead(status, headers);
      response.end(body);
    }
  };
}
