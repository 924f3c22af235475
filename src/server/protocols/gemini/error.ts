/** Reading a Gemini upstream's error body (`{ error: { code, message, status, details } }`). */
import type { PodiumError } from '../../../contract/index.js';
import type { UpstreamErrorOptions } from '../openai/error-body.js';
import { asRecord, stringField } from '../shared/record.js';
import { fallbackMessage, parseErrorBody, podiumErrorFromUpstream } from '../shared/upstream-error.js';

/** `"34.4s"` (a protobuf Duration in JSON) → 34400. */
export function parseDurationMs(duration: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  return match?.[1] === undefined ? undefined : Math.round(Number(match[1]) * 1000);
}

function details(inner: Record<string, unknown> | undefined): Array<Record<string, unknown>> {
  const list = inner?.details;
  return Array.isArray(list) ? list.map(asRecord).filter((detail) => detail !== undefined) : [];
}

/**
 * Reads a Gemini error into a PodiumError. The wait of a 429 is in a `google.rpc.RetryInfo` detail
 * (`retryDelay: "34.4s"`), not in a header. Gemini answers a bad API key with 400 and an
 * `API_KEY_INVALID` reason; that is Podium's credential refused, and is read as a 401.
 */
export function errorFromGeminiBody(status: number, body: unknown, options: UpstreamErrorOptions = {}): PodiumError {
  const parsed = parseErrorBody(body);
  // Streaming endpoints wrap the error in an array.
  const root = asRecord(Array.isArray(parsed) ? parsed[0] : parsed);
  const inner = asRecord(root?.error);
  let retryDelayMs: number | undefined;
  let keyRefused = false;
  for (const detail of details(inner)) {
    const type = stringField(detail, '@type') ?? '';
    const delay = stringField(detail, 'retryDelay');
    if (type.endsWith('google.rpc.RetryInfo') && delay !== undefined) retryDelayMs = parseDurationMs(delay);
    if (stringField(detail, 'reason') === 'API_KEY_INVALID') keyRefused = true;
  }
  return podiumErrorFromUpstream({
    status: keyRefused ? 401 : status,
    message: stringField(inner, 'message') ?? fallbackMessage(status, parsed),
    type: stringField(inner, 'status'),
    retryAfterMs: options.retryAfterMs ?? retryDelayMs,
    body: parsed,
  });
}
