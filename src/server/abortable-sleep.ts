/** A wait that a client's hang-up or a shutdown cuts short: retry back-off, budget queues. */
import { setTimeout as sleepFor } from 'node:timers/promises';

export const abortableSleep = (milliseconds: number, signal: AbortSignal): Promise<void> =>
  sleepFor(milliseconds, undefined, { signal }).then(() => undefined);
