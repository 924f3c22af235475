import type { SqlParam, SqlStatement } from '../../../../contract/index.js';
import type { ToolCaller } from '../../index.js';
import { coerceSqlValue } from './coerce-sql-value.js';
import { callerIdentityRequired, invalidToolArgument } from './sql-tool-errors.js';

type Source = NonNullable<SqlParam['from']>;

const identityOf: Record<Source, (caller: ToolCaller) => string | undefined> = {
  'caller.user': (caller) => caller.user,
  'caller.agent': (caller) => caller.agent,
  'caller.team': (caller) => caller.teamName,
  'caller.org': (caller) => caller.orgId,
  'caller.key': (caller) => caller.keyId,
};

/**
 * The values for `$1..$N`, in the statement's order. Parameters bound from the caller come from the caller and
 * nothing else: an argument with such a name is refused outright (it is not in the schema, and a model that sends
 * one is trying to pick whose rows it reads). Any other argument the statement does not declare is refused too.
 */
export function bindSqlParams(
  statement: SqlStatement,
  args: Readonly<Record<string, unknown>>,
  caller: ToolCaller,
): Array<string | boolean | null> {
  const declared = new Map(statement.params.map((param) => [param.name, param]));
  for (const field of Object.keys(args)) {
    const param = declared.get(field);
    if (param === undefined) throw invalidToolArgument(field, 'is not a parameter of this tool');
    if (param.from !== undefined) {
      throw invalidToolArgument(field, `is bound from the caller's identity (${param.from}) and cannot be set`);
    }
  }
  return statement.params.map((param) =>
    param.from === undefined ? modelValue(param, args[param.name]) : callerValue(param, param.from, caller),
  );
}

function modelValue(param: SqlParam, value: unknown): string | boolean | null {
  if (value === undefined || value === null) {
    if (param.optional) return null;
    throw invalidToolArgument(param.name, value === null ? 'must not be null' : 'is required');
  }
  const coerced = coerceSqlValue(param.type, value);
  if (!coerced.ok) throw invalidToolArgument(param.name, coerced.problem);
  return coerced.value;
}

function callerValue(param: SqlParam, source: Source, caller: ToolCaller): string | boolean {
  const identity = identityOf[source](caller);
  if (identity === undefined || identity === '') {
    throw callerIdentityRequired(param.name, `is bound from ${source}, and this call has none`);
  }
  const coerced = coerceSqlValue(param.type, identity);
  if (!coerced.ok) throw callerIdentityRequired(param.name, `is bound from ${source}, which ${coerced.problem}`);
  return coerced.value;
}
