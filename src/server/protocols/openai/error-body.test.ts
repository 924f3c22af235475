import { describe, expect, it } from 'vitest';
import { PodiumError, type ErrorCode } from '../../../contract/index.js';
import { fixtureJson, fixtureText, wireDataDir, wireJson, wireSuiteTitle } from '../recorded.test-suite.js';
import { errorFromOpenAIBody, openAIErrorBody } from './error-body.js';

describe('openAIErrorBody', () => {
  it.each<[ErrorCode, string, string | null]>([
    ['invalid_request', 'invalid_request_error', null],
    ['invalid_api_key', 'invalid_request_error', 'invalid_api_key'],
    ['model_not_found', 'invalid_request_error', 'model_not_found'],
    ['rate_limited', 'requests', 'rate_limit_exceeded'],
    ['internal_error', 'server_error', null],
    ['upstream_unavailable', 'server_error', null],
  ])('writes %s as type %s, code %s', (code, type, openAICode) => {
    const body = openAIErrorBody(
      new PodiumError(code, 'Something happened.', {
        param: code === 'invalid_request' ? 'messages[0].role' : undefined,
      }),
    );
    expect(body).toEqual({
      error: {
        message: 'Something happened.',
        type,
        param: code === 'invalid_request' ? 'messages[0].role' : null,
        code: openAICode,
      },
    });
  });

  it('has the same shape as the errors OpenAI sends', () => {
    const real = fixtureJson('openai/error-401-invalid-api-key.json') as { error: Record<string, unknown> };
    const ours = openAIErrorBody(new PodiumError('invalid_api_key', 'Incorrect API key provided.'));
    expect(Object.keys(ours.error).sort()).toEqual(Object.keys(real.error).sort());
    expect(ours.error.type).toBe(real.error.type);
    expect(ours.error.code).toBe(real.error.code);
  });
});

describe('errorFromOpenAIBody', () => {
  it('does not relay the provider key hint of a 401 to the client', () => {
    const error = errorFromOpenAIBody(401, fixtureText('openai/error-401-invalid-api-key.json'));
    expect(error).toMatchObject({ code: 'upstream_error', status: 502, isRetryable: false });
    expect(error.message).not.toContain('sk-');
    expect(error.cause).toMatchObject({ error: { code: 'invalid_api_key' } });
  });

  it('reads an unknown model as model_not_found with the provider message', () => {
    expect(errorFromOpenAIBody(404, fixtureJson('openai/error-404-model-not-found.json'))).toMatchObject({
      code: 'model_not_found',
      status: 404,
      message: 'The model `gpt-9-ultra` does not exist or you do not have access to it.',
    });
  });

  it('reads a rate limit as retryable, with the wait written in the message', () => {
    expect(errorFromOpenAIBody(429, fixtureJson('openai/error-429-rate-limit.json'))).toMatchObject({
      code: 'rate_limited',
      isRetryable: true,
      retryAfterMs: 261,
    });
    expect(
      errorFromOpenAIBody(429, fixtureJson('openai/error-429-rate-limit.json'), { retryAfterMs: 1000 }).retryAfterMs,
    ).toBe(1000);
  });

  it('reads a server error as retryable', () => {
    expect(errorFromOpenAIBody(500, fixtureJson('openai/error-500-server-error.json'))).toMatchObject({
      code: 'upstream_error',
      isRetryable: true,
      message: 'The server had an error while processing your request. Sorry about that!',
    });
  });

  it('keeps a 400 as the client’s fault, with its param', () => {
    const body = {
      error: {
        message: "Unsupported parameter: 'max_tokens'.",
        type: 'invalid_request_error',
        param: 'max_tokens',
        code: 'unsupported_parameter',
      },
    };
    expect(errorFromOpenAIBody(400, body)).toMatchObject({ code: 'invalid_request', status: 400, param: 'max_tokens' });
  });

  it('reads bodies that are not OpenAI-shaped', () => {
    expect(errorFromOpenAIBody(502, '<html>Bad Gateway</html>').message).toBe(
      'Upstream returned HTTP 502: <html>Bad Gateway</html>',
    );
    expect(errorFromOpenAIBody(503, { error: 'model is loading' })).toMatchObject({
      code: 'upstream_unavailable',
      message: 'model is loading',
    });
    expect(errorFromOpenAIBody(500, new TextEncoder().encode('{"message":"boom"}')).message).toBe('boom');
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('errorFromOpenAIBody on recorded traffic', wire), () => {
  it('an exhausted quota is a 429 that waiting does not fix', () => {
    const error = errorFromOpenAIBody(429, wireJson(wire ?? '', 'openai/responses/openai-error.1.json'));
    expect(error).toMatchObject({ code: 'rate_limited', isRetryable: false });
    expect(error.message).toMatch(/^You exceeded your current quota/);
  });
});
