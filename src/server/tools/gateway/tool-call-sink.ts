/** Where a tool call's outcome goes: the gateway reads the failure back and answers in its own terms. */
import type { PodiumError } from '../../../contract/index.js';
import type { CallSink } from '../../gateway/index.js';

export class ToolCallSink implements CallSink {
  /** A tool call answers once, at the end: nothing is streamed, so a failure can always still be reported. */
  readonly started = false;
  failure: PodiumError | undefined;

  constructor(readonly signal: AbortSignal) {}

  fail(error: PodiumError): void {
    this.failure = error;
  }
}
