/**
 * What every call through the pipeline has, whatever its kind: who makes it, how it is labelled, what
 * admission took (budget holds), what it cost in the units budgets count, and how it ended. A model
 * call (`ModelCall`) adds messages, alias, route and codec; a tool call or a run step adds its own
 * fields. The governance stages (identify, policy, budget, settle, record) are written against this
 * base, so a new kind of call goes through them instead of growing a parallel pipeline.
 */
import type { PodiumError } from '../../contract/index.js';
import type { Caller } from '../identity/index.js';

/**
 * Which kind of call this is. `model.call` is the only kind served today; the tool gateway (`tool.call`)
 * and durable runs (`run.step`) are new kinds going through the same stages.
 */
export type CallKind = 'model.call' | 'tool.call' | 'run.step' | (string & {});

/** What the call used, in each unit budgets count: USD is null when the call has no price. */
export interface CallCharge {
  usd: number | null;
  tokens: number;
  requests: number;
}

/**
 * Something admission took that must be settled once usage is known, or given back when the call
 * ends without it (a budget reservation). Stages that take one push it on `call.holds`.
 */
export interface CallHold {
  /** Usage (and cost) are known: charge what was used. Called at most once. */
  settle(call: CallBase): void;
  /** The call is over; gives back whatever was not settled. Called exactly once, last. */
  finish(call: CallBase): void;
}

export interface CallBase<Kind extends CallKind = CallKind> {
  readonly id: string;
  readonly kind: Kind;
  readonly receivedAt: Date;
  /** performance.now() when the call arrived. */
  readonly startedAt: number;
  /** The presented credential (Bearer or x-api-key), not yet checked. */
  readonly credential: string | undefined;
  /** Request headers, for stages that read Podium's own (`x-podium-user`, `x-podium-tags`, `x-podium-agent`). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The end user on whose behalf the call is made. */
  endUser: string | undefined;
  /** Request metadata tags (`x-podium-tags: env=prod,feature=search`). */
  tags: Record<string, string> | undefined;
  caller: Caller | undefined;
  /** USD; null when the call has no price; undefined before settlement. */
  costUsd: number | null | undefined;
  /** What budgets charge, set by the kind's settlement once usage is known; undefined: nothing to charge. */
  charge: CallCharge | undefined;
  /**
   * Settled with a charge, so budgets count it (see `chargesBudgets`): recorded in the ledger so a rebuild of
   * the counters from it counts exactly what live counting did — never refused or failed calls.
   */
  charged: boolean;
  /** Reservations and the like taken at admission (see CallHold). */
  holds: CallHold[];
  status: number;
  error: PodiumError | undefined;
  /** Human-readable warnings returned to the caller in `x-podium-warning`. */
  warnings: string[];
  /** Aborted when the client goes away; set by the pipeline before admission. */
  signal: AbortSignal | undefined;
}
