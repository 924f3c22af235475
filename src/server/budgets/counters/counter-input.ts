/**
 * Guards the drivers that send counter values as text (Redis arguments, SQL bigints): a fraction or an
 * unsafe integer would be rejected there with an unhelpful error, or silently rounded.
 */
import { PodiumError } from '../../../contract/index.js';

/** Throws unless `value` is an integer a double holds exactly. `what` names it in the message. */
export function assertCounterInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new PodiumError('internal_error', `budget counters take safe integers in base units; ${what} is ${value}`);
  }
}

/** Throws unless `value` is a whole number of seconds above zero (Redis EXPIRE refuses the rest). */
export function assertTtl(value: number | undefined, key: string): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
    throw new PodiumError('internal_error', `counter ttlSeconds must be a positive integer; "${key}" has ${value}`);
  }
}
