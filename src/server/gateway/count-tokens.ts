/**
 * `POST /v1/messages/count_tokens`, Anthropic's free prompt count. An alias served by Anthropic asks
 * Anthropic (its tokenizer is not public); any other alias is counted locally with the o200k
 * tokenizer the budgets use, and says so in `x-podium-token-count: estimate`. No ledger row: nothing
 * is generated or billed. Identification and the key's allowed models apply as for every call.
 */
import { z } from 'zod';
import { PodiumError } from '../../contract/index.js';
import { errorFromAnthropicBody, parseAnthropicCountTokensRequest } from '../protocols/index.js';
import type { Caller } from '../identity/index.js';
import { forwardedHeaders } from './forwarded-headers.js';
import type { ModelCatalog } from './model-catalog.js';
import { parseJsonOrUndefined, readUpstreamBody } from './read-upstream-body.js';
import { relayedHeaders } from './relayed-headers.js';
import { spliceJsonField } from './splice-json-field.js';
import { retryAfterFromHeaders, UpstreamStatusError } from './upstream-status-error.js';

export interface CountTokensInput {
  catalog: ModelCatalog;
  caller: Caller;
  rawBody: Buffer;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  signal: AbortSignal;
  /** The local estimate of a validated body's prompt tokens. */
  countLocally: (body: Record<string, unknown>) => number;
}

export interface CountTokensAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** A count is a few bytes of JSON; anything near this is not one. */
const maxAnswerBytes = 64 * 1024;
const countSchema = z.looseObject({ input_tokens: z.int().nonnegative() });

/** Counts the prompt tokens of a Messages body for the model it names. */
export async function countTokens(input: CountTokensInput): Promise<CountTokensAnswer> {
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody.toString('utf8'));
  } catch {
    throw new PodiumError('invalid_json', 'The request body is not valid JSON.');
  }
  const body = parseAnthropicCountTokensRequest(json);
  const allowed = input.caller.allowedModels;
  if (allowed && !allowed.has(body.model)) {
    throw new PodiumError(
      'model_not_allowed',
      `This key may not call model \`${body.model}\`; allowed: ${[...allowed].join(', ')}.`,
      { param: 'model' },
    );
  }
  const target = input.catalog.resolve(body.model).targets[0];
  if (!target || !target.provider.operations.has('count_tokens')) {
    return {
      status: 200,
      body: JSON.stringify({ input_tokens: input.countLocally(body) }),
      headers: { 'x-podium-token-count': 'estimate' },
    };
  }
  const provider = target.provider;
  const text = input.rawBody.toString('utf8');
  const response = await provider.send({
    operation: 'count_tokens',
    model: target.model,
    body: body.model === target.model ? text : spliceJsonField(text, 'model', JSON.stringify(target.model)),
    stream: false,
    signal: input.signal,
    timeoutMs: target.timeoutMs,
    idleTimeoutMs: target.idleTimeoutMs,
    headers: forwardedHeaders(input.headers, provider),
  });
  const answer = await readUpstreamBody(response.body, { maxBytes: maxAnswerBytes, provider: provider.name });
  const parsed = parseJsonOrUndefined(answer);
  if (response.status >= 400) {
    const details = errorFromAnthropicBody(response.status, parsed);
    throw new UpstreamStatusError({
      upstreamStatus: response.status,
      body: Buffer.from(provider.redact(answer.toString('utf8'))),
      protocol: provider.chatProtocol,
      provider: provider.name,
      message: provider.redact(details.message),
      retryAfterMs: retryAfterFromHeaders(response.headers, Date.now()) ?? details.retryAfterMs,
      retryable: details.isRetryable,
      headers: relayedHeaders(response.headers, { error: true }),
    });
  }
  if (!countSchema.safeParse(parsed).success) {
    throw new PodiumError(
      'upstream_protocol_error',
      `provider "${provider.name}" answered count_tokens without an input_tokens count`,
    );
  }
  return {
    status: 200,
    body: answer.toString('utf8'),
    headers: { ...relayedHeaders(response.headers, { error: false }), 'x-podium-provider': provider.name },
  };
}
