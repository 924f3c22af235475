import { describe, expect, it } from 'vitest';
import { stripSecrets } from './strip-secrets.js';

describe('stripSecrets', () => {
  it('removes configured secrets, URL userinfo and query strings', () => {
    const text = stripSecrets('POST https://bob:pw@api.example.com/mcp?key=abc123 failed with Bearer tok-9876', [
      'tok-9876',
    ]);
    expect(text).toBe('POST https://[redacted]@api.example.com/mcp?[redacted] failed with Bearer [redacted]');
  });

  it('bounds the message', () => {
    expect(stripSecrets('x'.repeat(5000), []).length).toBeLessThanOrEqual(501);
  });
});
