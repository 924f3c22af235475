import { describe, expect, it } from 'vitest';
import { usageView } from './read-upstream-body.js';

describe('usageView', () => {
  it('cuts usage from the tail of a large body without needing the rest', () => {
    const vectors = Array.from({ length: 2000 }, (_, index) => index / 7);
    const body = JSON.stringify({
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: vectors }],
      model: 'm',
      usage: { prompt_tokens: 9, total_tokens: 9 },
    });
    expect(body.length).toBeGreaterThan(8192);
    expect(usageView(Buffer.from(body))).toEqual({ usage: { prompt_tokens: 9, total_tokens: 9 } });
  });

  it('parses small bodies whole, and falls back to a whole parse when usage is not last', () => {
    expect(usageView(Buffer.from('{"usage":{"a":1},"b":2}'))).toEqual({ usage: { a: 1 }, b: 2 });
    const large = JSON.stringify({
      usage: { prompt_tokens: 1 },
      nested: { usage: 'x'.repeat(9000) },
      tail: { deep: true },
    });
    expect(usageView(Buffer.from(large))).toMatchObject({ usage: { prompt_tokens: 1 } });
    expect(usageView(Buffer.from('not json'))).toBeUndefined();
  });
});
