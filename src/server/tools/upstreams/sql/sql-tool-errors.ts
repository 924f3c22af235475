/**
 * The two refusals a SQL tool makes before touching the database. Conceptually `invalid_tool_arguments` (400)
 * and `caller_identity_required` (403); the contract's ErrorCode has neither yet, so they travel as the nearest
 * existing codes with the same status and `param` naming the field. Once the contract adds them, only this
 * file changes.
 */
import { PodiumError } from '../../../../contract/index.js';

/** An argument the model sent is missing, unknown, of the wrong type or not the model's to set (400). */
export function invalidToolArgument(field: string, problem: string): PodiumError {
  return new PodiumError('invalid_request', `Invalid tool arguments: \`${field}\` ${problem}`, {
    param: `arguments.${field}`,
  });
}

/** A parameter bound from the caller's identity, and the caller has none (403): the query would not be scoped. */
export function callerIdentityRequired(param: string, problem: string): PodiumError {
  return new PodiumError('permission_denied', `Caller identity required: parameter \`${param}\` ${problem}`, {
    param,
  });
}
