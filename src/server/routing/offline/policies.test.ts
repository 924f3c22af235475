import { describe, expect, it } from 'vitest';
import { agreementCascade } from './agreement-cascade.js';
import { validityCascade } from './validity-cascade.js';
import { alwaysModel, oracle, randomMix } from './baseline-policies.js';
import { tinyTable } from './tiny-table.test-suite.js';

describe('baseline policies and cascades on the tiny table', () => {
  const table = tinyTable();
  it('oracle takes the cheapest model that is right on each prompt', () => {
    const outcome = oracle(table);
    expect([...outcome.score]).toEqual([1, 1, 1, 1]);
    expect([...outcome.cost]).toEqual([1, 3, 1, 3]);
  });

  it('random mix at share 0 and 1 is the single model; in between it mixes the two', () => {
    expect(randomMix({ table, cheap: 1, expensive: 0, share: 0 })).toEqual(alwaysModel(table, 1));
    expect(randomMix({ table, cheap: 1, expensive: 0, share: 1 })).toEqual(alwaysModel(table, 0));
  });

  it('agreement cascade keeps agreed answers and escalates the rest', () => {
    // cheap and mid agree on prompt 0 only (A/A): keep cheap's answer there, escalate 1–3 to ref.
    const outcome = agreementCascade({ table, first: 1, second: 2, escalation: 0 });
    expect([...outcome.score]).toEqual([1, 1, 1, 0]);
    expect([...outcome.cost]).toEqual([4, 14, 14, 14]);
  });

  it('validity cascade keeps well-formed cheap answers and escalates malformed ones', () => {
    const malformed = {
      ...table,
      answers: [table.answers?.[0] ?? [], ['A', undefined, 'C', ''], table.answers?.[2] ?? []],
    };
    const outcome = validityCascade({ table: malformed, first: 1, escalation: 0 });
    // cheap answered 0 and 2 (kept: right on both); 1 and 3 are malformed → ref (right on 1, wrong on 3).
    expect([...outcome.score]).toEqual([1, 1, 1, 0]);
    expect([...outcome.cost]).toEqual([1, 11, 1, 11]);
  });
});
