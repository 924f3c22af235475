/**
 * Payment method look-ups and gift card balance changes, with the failures Python would raise
 * where the data is inconsistent (a KeyError the env prints as `Error: '<key>'`).
 */
import { pythonRound2 } from '../python-float.js';
import { pythonStringRepr } from '../python-string-repr.js';
import { writableUser } from '../retail-database.js';
import type { RetailDatabase, RetailPaymentMethod } from '../retail-database.js';

/** Thrown where the Python tool would raise; the tool answers `Error: <message>`. */
export class RetailToolFault extends Error {}

/** `data["users"][userId]["payment_methods"][paymentMethodId]`, or the KeyError it raises. */
export function paymentMethodOf(
  database: RetailDatabase,
  userId: string,
  paymentMethodId: string,
): RetailPaymentMethod {
  // Writable: the caller may change the method's balance.
  const user = writableUser(database, userId);
  if (user === undefined) throw new RetailToolFault(pythonStringRepr(userId));
  const method = user.payment_methods.get(paymentMethodId);
  if (method === undefined) throw new RetailToolFault(pythonStringRepr(paymentMethodId));
  return method;
}

/** `user_id`'s payment methods, as `paymentMethodOf` reaches them. */
export function hasPaymentMethod(database: RetailDatabase, userId: string, paymentMethodId: string): boolean {
  const user = database.users.get(userId);
  if (user === undefined) throw new RetailToolFault(pythonStringRepr(userId));
  return user.payment_methods.has(paymentMethodId);
}

/** `balance += amount; balance = round(balance, 2)` on a gift card (KeyError 'balance' on any other method). */
export function addToBalance(method: RetailPaymentMethod, amount: number | bigint): void {
  if (method.source !== 'gift_card') throw new RetailToolFault("'balance'");
  method.balance = roundedSum(method.balance, amount);
}

/** `round(a + b, 2)` in Python: int + int stays an int (round leaves it), anything else is a rounded float. */
export function roundedSum(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a + b;
  return pythonRound2(Number(a) + Number(b));
}

/** Python's unary minus on an int or a float. */
export function negated(value: number | bigint): number | bigint {
  return typeof value === 'bigint' ? -value : -value;
}

/** Runs a tool body, turning a Python-style fault into the env's `Error: …` text. */
export function answerFaults(run: () => string): string {
  try {
    return run();
  } catch (error) {
    if (error instanceof RetailToolFault) return `Error: ${error.message}`;
    throw error;
  }
}
