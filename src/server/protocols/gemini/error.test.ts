import { describe, expect, it } from 'vitest';
import { fixtureJson, wireDataDir, wireJson, wireSuiteTitle } from '../recorded.test-suite.js';
import { errorFromGeminiBody, parseDurationMs } from './error.js';

describe('errorFromGeminiBody', () => {
  it('reads the RetryInfo delay of a 429 as retryAfterMs', () => {
    expect(errorFromGeminiBody(429, fixtureJson('gemini/error-429-resource-exhausted.json'))).toMatchObject({
      code: 'rate_limited',
      isRetryable: true,
      retryAfterMs: 17_000,
      message: 'Resource has been exhausted (e.g. check quota).',
    });
  });

  it('reads an invalid API key (a 400 from Gemini) as the gateway’s credentials refused', () => {
    const body = {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
        ],
      },
    };
    expect(errorFromGeminiBody(400, body)).toMatchObject({ code: 'upstream_error', status: 502 });
  });

  it('reads the array-wrapped errors of streaming endpoints', () => {
    expect(
      errorFromGeminiBody(503, [{ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }]),
    ).toMatchObject({
      code: 'upstream_unavailable',
      message: 'The model is overloaded.',
    });
  });

  it('parses protobuf durations', () => {
    expect(parseDurationMs('34.4s')).toBe(34_400);
    expect(parseDurationMs('2s')).toBe(2000);
    expect(parseDurationMs('soon')).toBeUndefined();
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('errorFromGeminiBody on recorded traffic', wire), () => {
  it('google-429-retry-info', () => {
    expect(errorFromGeminiBody(429, wireJson(wire ?? '', 'google/google-429-retry-info.json'))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 34_400,
    });
  });
});
