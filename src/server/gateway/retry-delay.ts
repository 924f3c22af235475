/** Exponential back-off with full jitter, overridden by the upstream's own `retry-after`, always capped. */
export interface RetrySettings {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export function retryDelay(options: {
  attempt: number;
  retryAfterMs: number | undefined;
  settings: RetrySettings;
  random: () => number;
}): number {
  const { attempt, retryAfterMs, settings } = options;
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, settings.maxDelayMs);
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2);
}
