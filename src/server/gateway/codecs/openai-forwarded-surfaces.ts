/**
 * `/v1/responses` and `/v1/embeddings`: forwarded to OpenAI-family providers only (no canonical
 * translation — the Responses API's item model and embeddings have no counterpart elsewhere).
 */
import {
  errorFromOpenAIBody,
  parseOpenAIEmbeddingsRequest,
  parseOpenAIResponsesRequest,
  usageFromOpenAIEmbeddings,
  usageFromOpenAIResponse,
  usageFromOpenAIResponsesData,
} from '../../protocols/index.js';
import type { Usage } from '../../../contract/index.js';
import type { SurfaceCodec, UsageTap } from '../codec.js';
import { spliceModel } from './splice-model.js';

/** Responses streams carry usage in their terminal event; `error` / `response.failed` events mark a failure. */
function createResponsesUsageTap(): UsageTap {
  let usage: Usage | undefined;
  let failure: string | undefined;
  return {
    observe(event) {
      usage = usageFromOpenAIResponsesData(event.data) ?? usage;
      if (event.event === 'error' || event.event === 'response.failed')
        failure = errorFromOpenAIBody(500, JSON.parse(event.data)).message;
      return true;
    },
    usage: () => usage,
    failure: () => failure,
  };
}

export const openAIResponsesSurface: SurfaceCodec = {
  surface: 'openai-responses',
  operation: 'responses',
  passThroughProtocol: 'openai-chat',
  admit(body) {
    const parsed = parseOpenAIResponsesRequest(body);
    return { model: parsed.model, stream: parsed.stream === true };
  },
  prepareBody: spliceModel,
  usageFromBody: usageFromOpenAIResponse,
  createUsageTap: createResponsesUsageTap,
};

export const openAIEmbeddingsSurface: SurfaceCodec = {
  surface: 'openai-embeddings',
  operation: 'embeddings',
  passThroughProtocol: 'openai-chat',
  admit(body) {
    return { model: parseOpenAIEmbeddingsRequest(body).model, stream: false };
  },
  prepareBody: spliceModel,
  usageFromBody: usageFromOpenAIEmbeddings,
  createUsageTap: () => ({ observe: () => true, usage: () => undefined, failure: () => undefined }),
};
