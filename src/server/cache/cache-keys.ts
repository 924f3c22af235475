/**
 * What makes two requests "the same" for the cache. The exact key hashes the normalised request; the
 * semantic partition hashes everything except the conversation, which is compared by meaning instead.
 * Both always carry the surface, whether the answer is streamed, the requested alias and the tenant
 * (organisation and team): a team never receives an answer produced for another team.
 */
import { createHash } from 'node:crypto';
import { tryCanonicalJson, type Surface } from '../../contract/index.js';
import type { GatewayCall } from '../gateway/index.js';
import type { Conversation } from './conversation.js';

/** Bumped when the key recipe changes, so old entries are simply never found again. */
const keyVersion = 'v1';

/** Fields that identify or route the caller but never change the model's answer. */
const ignoredFields = ['stream', 'user', 'safety_identifier', 'prompt_cache_key'];

/** Where each surface keeps the conversation (compared by embedding in the semantic cache). */
const conversationFields: Record<Surface, readonly string[]> = {
  'openai-chat': ['messages'],
  'anthropic-messages': ['messages', 'system'],
  'openai-responses': ['input', 'instructions'],
  'openai-embeddings': ['input'],
};

function answerRelevantBody(call: GatewayCall, drop: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { ...call.body };
  for (const field of ignoredFields) delete body[field];
  for (const field of drop) delete body[field];
  // stream_options changes the events of a stream (a usage chunk, obfuscation padding), so it is part of a
  // streamed request's identity; on a whole answer it does nothing.
  if (!call.stream) delete body.stream_options;
  const metadata = body.metadata;
  if (metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) && 'user_id' in metadata) {
    const { user_id: _endUser, ...rest } = metadata as Record<string, unknown>;
    body.metadata = rest;
  }
  return body;
}

function scopeOf(call: GatewayCall): unknown[] | undefined {
  if (call.caller === undefined || call.requestedModel === undefined) return undefined;
  return [keyVersion, call.surface, call.stream, call.requestedModel, call.caller.orgId, call.caller.teamId];
}

const digest = (parts: readonly unknown[]): string =>
  createHash('sha256').update(JSON.stringify(parts)).digest('base64url');

/**
 * The exact-cache key of a call; undefined when the call has no tenant or alias yet (nothing to scope it by), or
 * its body holds a number JSON cannot carry (`1e999` parses to Infinity): not cached rather than keyed as `null`.
 */
export function exactCacheKey(call: GatewayCall): string | undefined {
  const scope = scopeOf(call);
  if (scope === undefined) return undefined;
  const body = tryCanonicalJson(answerRelevantBody(call, []));
  return body === undefined ? undefined : `x:${digest([...scope, body])}`;
}

/**
 * The partition a semantic lookup scans: same tenant, alias, surface and stream, same parameters
 * (tools, response format, temperature, max tokens…), same system prompt and same sequence of roles.
 * Only the wording of the turns is left to the embedding.
 */
export function semanticPartitionKey(call: GatewayCall, conversation: Conversation): string | undefined {
  const scope = scopeOf(call);
  if (scope === undefined) return undefined;
  const parameters = tryCanonicalJson(answerRelevantBody(call, conversationFields[call.surface]));
  if (parameters === undefined) return undefined;
  return `s:${digest([...scope, parameters, conversation.system, conversation.turns.map((turn) => turn.role)])}`;
}
