import { describe, expect, it } from 'vitest';
import { toolCharge, toolCosts } from './tool-costs.js';

describe('tool costs', () => {
  it('prefers the exact name, then the longest pattern; an unlisted tool costs one request and $0', () => {
    const cost = toolCosts({
      'crm__*': { usd: 0.1, requests: 1 },
      'crm__refund*': { usd: 1, requests: 2 },
      crm__refund_all: { usd: 5, requests: 3 },
      'a.b__*': { usd: 7, requests: 1 },
    });
    expect(cost('crm__refund_all')).toEqual({ usd: 5, requests: 3 });
    expect(cost('crm__refund_one')).toEqual({ usd: 1, requests: 2 });
    expect(cost('crm__lookup')).toEqual({ usd: 0.1, requests: 1 });
    // Pattern characters other than `*` are literal.
    expect(cost('axb__x')).toEqual({ usd: 0, requests: 1 });
    expect(toolCharge(cost('docs__search'))).toEqual({ usd: 0, tokens: 0, requests: 1 });
  });
});
