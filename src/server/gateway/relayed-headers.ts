/**
 * The upstream response headers a drop-in client relies on, relayed from the target that served the
 * call: rate-limit state (OpenAI's `x-ratelimit-*`, Anthropic's `anthropic-ratelimit-*`), the
 * provider's request id (for support tickets), and on errors `retry-after`. A fixed list of names,
 * values bounded and printable: nothing else of the upstream's headers reaches the client.
 */

const rateLimitNames = [
  'x-ratelimit-limit-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-requests',
  'x-ratelimit-reset-tokens',
  'anthropic-ratelimit-requests-limit',
  'anthropic-ratelimit-requests-remaining',
  'anthropic-ratelimit-requests-reset',
  'anthropic-ratelimit-tokens-limit',
  'anthropic-ratelimit-tokens-remaining',
  'anthropic-ratelimit-tokens-reset',
  'anthropic-ratelimit-input-tokens-limit',
  'anthropic-ratelimit-input-tokens-remaining',
  'anthropic-ratelimit-input-tokens-reset',
  'anthropic-ratelimit-output-tokens-limit',
  'anthropic-ratelimit-output-tokens-remaining',
  'anthropic-ratelimit-output-tokens-reset',
  'x-request-id',
  'request-id',
] as const;

const errorOnlyNames = ['retry-after', 'retry-after-ms'] as const;

/** Every name that may be relayed: for stores that must not replay another call's rate-limit state. */
export const relayedHeaderNames: ReadonlySet<string> = new Set<string>([...rateLimitNames, ...errorOnlyNames]);

const maxValueLength = 256;
const printable = /^[\x20-\x7e]*$/;

type Headers = Readonly<Record<string, string | string[] | undefined>>;

function add(out: Record<string, string>, headers: Headers, name: string): void {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.length > maxValueLength || !printable.test(value)) return;
  out[name] = value;
}

/** The allowed headers of an upstream response; `error` adds `retry-after` (meaningful only on a refusal). */
export function relayedHeaders(headers: Headers, options: { error: boolean }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of rateLimitNames) if (headers[name] !== undefined) add(out, headers, name);
  if (options.error) for (const name of errorOnlyNames) if (headers[name] !== undefined) add(out, headers, name);
  return out;
}
