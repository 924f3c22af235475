/**
 * How long an MCP upstream waits before its next reconnect attempt: exponential from 250 ms, capped at
 * 30 s, with jitter so a fleet of Podium replicas does not hammer a recovering server in lockstep.
 */
export const reconnectBaseDelayMs = 250;
export const reconnectMaxDelayMs = 30_000;

/**
 * The delay before reconnect attempt `attempt` (0 for the first retry). "Equal jitter": half the
 * exponential step is kept so the back-off still grows, the other half is random.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 20);
  const step = Math.min(reconnectMaxDelayMs, reconnectBaseDelayMs * 2 ** exponent);
  const jitter = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (step / 2) * jitter);
}
