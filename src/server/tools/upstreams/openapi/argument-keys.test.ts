import { describe, expect, it } from 'vitest';
import { argumentKeys } from './argument-keys.js';

describe('argumentKeys', () => {
  it('uses bare names when they cannot collide', () => {
    expect(
      argumentKeys([
        { name: 'customerId', in: 'path' },
        { name: 'limit', in: 'query' },
        { name: 'X-Request-Id', in: 'header' },
      ]),
    ).toEqual(['customerId', 'limit', 'X-Request-Id']);
  });

  it('qualifies a name used twice, the name body, and a name with a dot, so no two keys are equal', () => {
    const keys = argumentKeys([
      { name: 'id', in: 'path' },
      { name: 'id', in: 'header' },
      { name: 'body', in: 'query' },
      { name: 'page.size', in: 'query' },
      // What a qualified key would look like, as a bare name: it has a dot, so it is qualified too.
      { name: 'query.body', in: 'query' },
    ]);
    expect(keys).toEqual(['path.id', 'header.id', 'query.body', 'query.page.size', 'query.query.body']);
    expect(new Set([...keys, 'body']).size).toBe(keys.length + 1);
  });
});
