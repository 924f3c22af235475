/**
 * One webhook delivery: POST JSON, retried with exponential back-off while the receiver may recover. The one
 * delivery of budget alerts, approval notifications and callbacks, and audit checkpoints; `fetch` is the
 * outbound guard's, so every delivery is refused private addresses unless `outbound.allow` lists them.
 */

export interface WebhookRetry {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt: a receiver that hangs must not hold the delivery forever. */
  timeoutMs: number;
}

export const defaultWebhookRetry: WebhookRetry = {
  attempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
};

export interface PostWebhookOptions {
  url: string;
  headers: Readonly<Record<string, string>> | undefined;
  body: unknown;
  fetch: typeof fetch;
  sleep: (milliseconds: number) => Promise<void>;
  retry: WebhookRetry;
  /** Names the webhook in errors (`budget alert webhook`, `audit checkpoint webhook`…). */
  label: string;
}

/** A receiver's answer worth another try: it may be overloaded, restarting or throttling us. */
const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * Webhook URLs often carry their secret in the path (Slack's do), so errors name only the origin.
 */
const origin = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
};

/** `retry-after` in seconds (the form webhook receivers send), if present. */
function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after') ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Posts `body` until a 2xx, a non-retryable answer or the last attempt.
 * @throws Error naming the webhook's origin, the attempts made and the last failure.
 */
export async function postWebhook(options: PostWebhookOptions): Promise<void> {
  const { retry } = options;
  const text = JSON.stringify(options.body);
  let failure = '';
  let attempts = 0;
  for (let attempt = 0; attempt < retry.attempts; attempt += 1) {
    attempts += 1;
    let wait: number | undefined;
    try {
      const response = await options.fetch(options.url, {
        method: 'POST',
        headers: { ...options.headers, 'content-type': 'application/json' },
        body: text,
        signal: AbortSignal.timeout(retry.timeoutMs),
      });
      // Drain the body so the connection can be reused; its content is not ours to read.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      failure = `HTTP ${response.status}`;
      if (!retryable(response.status)) break;
      wait = retryAfterMs(response);
    } catch (error) {
      failure = (error instanceof Error ? error.message : String(error)).replaceAll(options.url, origin(options.url));
    }
    if (attempt + 1 < retry.attempts)
      await options.sleep(Math.min(retry.maxDelayMs, wait ?? retry.baseDelayMs * 2 ** attempt));
  }
  throw new Error(`${options.label} at ${origin(options.url)} failed after ${attempts} attempt(s): ${failure}`);
}
