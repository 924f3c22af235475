import { describe, expect, it } from 'vitest';
import { PodiumError, sqlStatementSchema } from '../../../../contract/index.js';
import type { ToolCaller } from '../../index.js';
import { bindSqlParams } from './bind-sql-params.js';

const caller: ToolCaller = { orgId: 'org_1', keyId: 'key_1', teamName: 'support', user: '42', agent: 'helper' };

const statement = sqlStatementSchema.parse({
  sql: 'SELECT $1, $2, $3, $4, $5, $6',
  params: [
    { name: 'customer_id', type: 'integer', from: 'caller.user' },
    { name: 'limit', type: 'integer' },
    { name: 'min_total', type: 'number', optional: true },
    { name: 'paid', type: 'boolean', optional: true },
    { name: 'status', type: 'string' },
    { name: 'team', from: 'caller.team' },
  ],
});

function refusal(run: () => unknown): PodiumError {
  try {
    run();
  } catch (error) {
    if (error instanceof PodiumError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('bindSqlParams', () => {
  it('binds identity params from the caller and model params by strict type, in declaration order', () => {
    expect(bindSqlParams(statement, { limit: '12', status: 'open', paid: 'true' }, caller)).toEqual([
      '42',
      '12',
      null,
      true,
      'open',
      'support',
    ]);
    expect(bindSqlParams(statement, { limit: 3, status: 's', min_total: 9.5, paid: false }, caller)).toEqual([
      '42',
      '3',
      '9.5',
      false,
      's',
      'support',
    ]);
  });

  it('refuses a model argument naming a caller-bound param, naming the field', () => {
    const error = refusal(() => bindSqlParams(statement, { limit: 1, status: 's', customer_id: 7 }, caller));
    expect(error.status).toBe(400);
    expect(error.param).toBe('arguments.customer_id');
    expect(error.message).toContain('`customer_id` is bound from the caller');
  });

  it('refuses unknown, missing and mistyped arguments, naming the field', () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ limit: '12abc', status: 's' }, 'limit', 'must be an integer'],
      [{ limit: 1.5, status: 's' }, 'limit', 'must be an integer'],
      [{ limit: '99999999999999999999', status: 's' }, 'limit', 'must be an integer'],
      [{ limit: 1, status: 5 }, 'status', 'must be a string'],
      [{ limit: 1, status: 's', paid: 'yes' }, 'paid', 'must be a boolean'],
      [{ limit: 1, status: 's', min_total: 'NaN' }, 'min_total', 'must be a finite number'],
      [{ status: 's' }, 'limit', 'is required'],
      [{ limit: 1, status: 's', extra: 1 }, 'extra', 'is not a parameter of this tool'],
    ];
    for (const [args, field, problem] of cases) {
      const error = refusal(() => bindSqlParams(statement, args, caller));
      expect(error.status, field).toBe(400);
      expect(error.param).toBe(`arguments.${field}`);
      expect(error.message).toContain(`\`${field}\` ${problem}`);
    }
  });

  it('refuses with 403 when the caller lacks the bound identity or it does not fit the type', () => {
    const anonymous = refusal(() =>
      bindSqlParams(statement, { limit: 1, status: 's' }, { ...caller, user: undefined }),
    );
    expect(anonymous.status).toBe(403);
    expect(anonymous.param).toBe('customer_id');
    expect(anonymous.message).toContain('`customer_id` is bound from caller.user');
    const named = refusal(() => bindSqlParams(statement, { limit: 1, status: 's' }, { ...caller, user: 'alice' }));
    expect(named.status).toBe(403);
    expect(named.message).toContain('must be an integer');
  });
});
