/**
 * The port for Podium's own calls through the model-call pipeline (compression summaries, cascade tiers,
 * shadow samples, repairs, embeddings through an alias). Those stages and wrappers are part of the
 * pipeline they call back into, so the port is created first, handed to them, and bound once when the
 * pipeline exists; a call before that is a wiring mistake and says so.
 */
import type { Gateway } from './gateway.js';
import { runInternalCall, type InternalCallRequest, type InternalCallResult } from './run-internal-call.js';

export class InternalCalls {
  private bound: Gateway | undefined;

  /** Binds the port to the pipeline it calls into; once. */
  bind(gateway: Gateway): void {
    if (this.bound) throw new Error('InternalCalls is already bound to a gateway');
    this.bound = gateway;
  }

  /** The bound pipeline, for consumers that take a `() => Gateway`; throws before `bind`. */
  readonly gateway = (): Gateway => {
    if (!this.bound) {
      throw new Error(
        'an internal call (compression, cascade, shadow sample, embedding) was made before the model-call pipeline was built: bind InternalCalls first',
      );
    }
    return this.bound;
  };

  /** Runs one internal call to completion; never throws once bound (a failure is in `response.error`). */
  run(request: InternalCallRequest): Promise<InternalCallResult> {
    return runInternalCall(this.gateway(), request);
  }
}
