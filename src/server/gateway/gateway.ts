/**
 * The backbone: every call runs the same small stages in order — admission (identify → validate →
 * authorise → route → data protection → policy → budget reservation), execution (for a model call: the
 * provider call with retries and fallback, inside its wrappers), settlement (price, settle budgets) as
 * soon as usage is known, and completion (record, audit) once the response is over, whatever happened.
 * The order is declared once, in `src/server/pipeline/`. The class is generic over the kind of call:
 * a model call (`Gateway`), and later a tool call or a run step, go through the same loop and the same
 * governance stages; capabilities join as stages and none goes around the pipeline.
 */
import { toPodiumError, type PodiumError } from '../../contract/index.js';
import type { CallBase } from './call.js';
import type { GatewayCall } from './gateway-call.js';
import type { ResponseSink } from './response-sink.js';
import type { UpstreamStatusError } from './upstream-status-error.js';

/** May throw a PodiumError to refuse the call. */
export type AdmissionStage<C extends CallBase = GatewayCall> = (call: C) => void | Promise<void>;
/** Runs once usage is known, before a non-streamed response is sent (so its cost can be a header). */
export type SettlementStage<C extends CallBase = GatewayCall> = (call: C) => void;
/** Runs after the response is over, successful or not; must not throw. */
export type CompletionStage<C extends CallBase = GatewayCall> = (call: C) => void;

/** Where a call's answer goes: the pipeline only needs to know whether it started and how to refuse. */
export interface CallSink {
  readonly signal: AbortSignal;
  /** True once the answer has started: from then on a failure cannot be retried elsewhere. */
  readonly started: boolean;
  fail(error: PodiumError): void;
}

/** Does the call's work (a provider call, a tool call); calls `settle` once usage is known. */
export type CallExecutor<C extends CallBase, S extends CallSink> = (
  call: C,
  sink: S,
  settle: (call: C) => void,
) => Promise<void>;

export interface PipelineStages<C extends CallBase, S extends CallSink> {
  admission: readonly AdmissionStage<C>[];
  executor: CallExecutor<C, S>;
  settlement: readonly SettlementStage<C>[];
  completion: readonly CompletionStage<C>[];
  onStageError?: (error: unknown) => void;
}

/** The model call's stages: what `declareModelCallPipeline` returns and `Gateway` runs. */
export type GatewayStages = PipelineStages<GatewayCall, ResponseSink>;

const isPromise = (value: unknown): value is Promise<void> =>
  typeof (value as Promise<void> | undefined)?.then === 'function';

/** Runs calls of one kind through their stages. */
export class Pipeline<C extends CallBase, S extends CallSink> {
  private readonly settle: (call: C) => void;

  constructor(private readonly stages: PipelineStages<C, S>) {
    this.settle = (call) => {
      for (const stage of stages.settlement) stage(call);
    };
  }

  /**
   * Serves one call end to end. Never throws: a failure is answered through `sink.fail` in the
   * caller's API shape and recorded like any other outcome. A failure found by the edge before
   * the pipeline (e.g. an oversized body) arrives as `call.error` and is answered the same way.
   */
  async handle(call: C, sink: S): Promise<void> {
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

/** The model-call pipeline: what the HTTP surfaces and Podium's internal calls go through. */
export class Gateway extends Pipeline<GatewayCall, ResponseSink> {}
