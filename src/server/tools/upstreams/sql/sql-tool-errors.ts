/**
 * The two refusals a SQL tool makes before touching the database: `invalid_tool_arguments` (400) and a caller
 * without the identity a row-scoping parameter is bound from (`permission_denied`, 403), each naming the field.
 */
import { PodiumError } from '../../../../contract/index.js';

/** An argument the model sent is missing, unknown, of the wrong type or not the model's to set (400). */
export function invalidToolArgument(field: string, problem: string): PodiumError {
  return new PodiumError('invalid_tool_arguments', `Invalid tool arguments: \`${field}\` ${problem}`, {
    param: `arguments.${field}`,
  });
}

/** A parameter bound from the caller's identity, and the caller has none (403): the query would not be scoped. */
export function callerIdentityRequired(param: string, problem: string): PodiumError {
  return new PodiumError('permission_denied', `Caller identity required: parameter \`${param}\` ${problem}`, {
    param,
  });
}
