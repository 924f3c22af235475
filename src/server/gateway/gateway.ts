/**
 * The backbone: every model call runs the same small stages in order —
 * admission (identify → validate → authorise → route; later: policy, budget reservation),
 * execution (provider call with retries and fallback), settlement (price; later: settle budgets)
 * as soon as usage is known, and completion (record) once the response is over, whatever happened.
 * Capabilities join as stages; none goes around the pipeline.
 */
import { toPodiumError } from '../../contract/index.js';
import type { Executor } from './execute-call.js';
import type { GatewayCall } from './gateway-call.js';
import type { ResponseSink } from './response-sink.js';
import type { UpstreamStatusError } from './upstream-status-error.js';

/** May throw a PodiumError to refuse the call. */
export type AdmissionStage = (call: GatewayCall) => void | Promise<void>;
/** Runs once usage is known, before a non-streamed response is sent (so its cost can be a header). */
export type SettlementStage = (call: GatewayCall) => void;
/** Runs after the response is over, successful or not; must not throw. */
export type CompletionStage = (call: GatewayCall) => void;

export interface GatewayStages {
  admission: readonly AdmissionStage[];
  executor: Executor;
  settlement: readonly SettlementStage[];
  completion: readonly CompletionStage[];
  onStageError?: (error: unknown) => void;
}

const isPromise = (value: unknown): value is Promise<void> => typeof (value as Promise<void> | undefined)?.then === 'function';

export class Gateway {
  private readonly settle: (call: GatewayCall) => void;

  constructor(private readonly stages: GatewayStages) {
    this.settle = (call) => {
      for (const stage of stages.settlement) stage(call);
    };
  }

  /**
   * Serves one call end to end. Never throws: a failure is answered through `sink.fail` in the
   * caller's API shape and recorded like any other outcome. A failure found by the edge before
   * the pipeline (e.g. an oversized body) arrives as `call.error` and is answered the same way.
   */
  async handle(call: GatewayCall, sink: ResponseSink): Promise<void> {
    call.signal = sink.signal;
    try {
      if (call.error) throw call.error;
      for (const stage of this.stages.admission) {
        const result = stage(call);
        if (isPromise(result)) await result;
      }
      await this.stages.executor(call, sink, this.settle);
    } catch (caught) {
      const error = toPodiumError(caught);
      call.error = error;
      if (sink.signal.aborted) call.status = 499;
      else {
        call.status = sink.started ? 502 : ((error as Partial<UpstreamStatusError>).upstreamStatus ?? error.status);
        sink.fail(error);
      }
    } finally {
      for (const stage of this.stages.completion) {
        try {
          stage(call);
        } catch (error) {
          this.stages.onStageError?.(error);
        }
      }
    }
  }
}
