import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact-upstream-text.js';

describe('createRedactor', () => {
  const redact = createRedactor({
    name: 'vllm',
    baseUrl: 'http://10.0.3.7:8000/v1/',
    headers: { authorization: 'Bearer sk-local-0123456789', 'x-tenant': 'acme' },
  });

  it('replaces the base URL, origin, host:port and bare address, longest first', () => {
    expect(redact('POST http://10.0.3.7:8000/v1/chat/completions failed')).toBe(
      'POST [provider vllm]/chat/completions failed',
    );
    expect(redact('connect ECONNREFUSED 10.0.3.7:8000')).toBe('connect ECONNREFUSED [provider vllm]');
    expect(redact('upstream 10.0.3.7 said no')).toBe('upstream [provider vllm] said no');
  });

  it('replaces credential header values and the token inside a Bearer value, and leaves other headers alone', () => {
    expect(redact('Incorrect API key provided: sk-local-0123456789')).toBe('Incorrect API key provided: [redacted]');
    expect(redact('header was "Bearer sk-local-0123456789"')).toBe('header was "[redacted]"');
    expect(redact('tenant acme')).toBe('tenant acme');
  });

  it('matches host names whatever their case', () => {
    const named = createRedactor({ name: 'corp', baseUrl: 'https://LLM.corp.example', headers: {} });
    expect(named('cannot reach llm.corp.example')).toBe('cannot reach [provider corp]');
  });
});
