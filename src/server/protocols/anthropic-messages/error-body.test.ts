import { describe, expect, it } from 'vitest';
import { PodiumError, type ErrorCode } from '../../../contract/index.js';
import { fixtureJson, fixtureText } from '../recorded.test-suite.js';
import { anthropicErrorBody, errorFromAnthropicBody } from './error-body.js';

describe('anthropicErrorBody', () => {
  it.each<[ErrorCode, string]>([
    ['invalid_request', 'invalid_request_error'],
    ['invalid_api_key', 'authentication_error'],
    ['model_not_allowed', 'permission_error'],
    ['model_not_found', 'not_found_error'],
    ['body_too_large', 'request_too_large'],
    ['rate_limited', 'rate_limit_error'],
    ['internal_error', 'api_error'],
    ['upstream_unavailable', 'overloaded_error'],
    ['upstream_timeout', 'timeout_error'],
  ])('writes %s as %s', (code, type) => {
    expect(anthropicErrorBody(new PodiumError(code, 'Something happened.'))).toEqual({
      type: 'error',
      error: { type, message: 'Something happened.' },
    });
  });

  it('follows a relayed status: a 529 is overloaded_error', () => {
    expect(anthropicErrorBody(new PodiumError('upstream_error', 'Overloaded', { status: 529 })).error.type).toBe(
      'overloaded_error',
    );
  });

  it('has the shape Anthropic sends', () => {
    const real = fixtureJson('anthropic/error-529-overloaded.json') as { type: string; error: Record<string, unknown> };
    const ours = anthropicErrorBody(new PodiumError('upstream_error', 'Overloaded', { status: 529 }));
    expect(ours).toEqual({ type: real.type, error: real.error });
  });
});

describe('errorFromAnthropicBody', () => {
  it('a refused provider key is not the client’s 401', () => {
    expect(errorFromAnthropicBody(401, fixtureText('anthropic/error-401-authentication.json'))).toMatchObject({
      code: 'upstream_error',
      status: 502,
      isRetryable: false,
    });
  });

  it('a rate limit is retryable, with the header’s wait', () => {
    const error = errorFromAnthropicBody(429, fixtureJson('anthropic/error-429-rate-limit.json'), {
      retryAfterMs: 12_000,
    });
    expect(error).toMatchObject({ code: 'rate_limited', isRetryable: true, retryAfterMs: 12_000 });
    expect(error.message).toMatch(/^This request would exceed the rate limit/);
  });

  it('an overload is retryable', () => {
    expect(errorFromAnthropicBody(529, fixtureJson('anthropic/error-529-overloaded.json'))).toMatchObject({
      code: 'upstream_unavailable',
      message: 'Overloaded',
      isRetryable: true,
    });
  });
});
