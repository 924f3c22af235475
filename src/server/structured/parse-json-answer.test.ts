import { describe, expect, it } from 'vitest';
import { parseJsonAnswer } from './parse-json-answer.js';

describe('parseJsonAnswer', () => {
  it('reads plain and fenced JSON answers', () => {
    expect(parseJsonAnswer('{"a":1}')).toMatchObject({ ok: true, value: { a: 1 }, unwrapped: false });
    expect(parseJsonAnswer('```json\n{"a":1}\n```')).toMatchObject({ ok: true, value: { a: 1 }, unwrapped: true });
  });

  it('refuses an answer nested deeper than requests may be, so validators never recurse into it', () => {
    const answer = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(parseJsonAnswer(answer)).toEqual({
      ok: false,
      message: expect.stringMatching(/^the answer is not JSON \(nested deeper than 64 levels at a\.0\.0/) as unknown,
    });
  });
});
