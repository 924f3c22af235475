/**
 * Headers a model never sets, whatever the document declares: credentials and identity
 * (`authorization`, `cookie`, `proxy-authorization`), routing (`host`), framing that Podium computes
 * (`content-length`, `transfer-encoding`, `connection`, `content-type`), and every header the operator
 * configured for the upstream (its credentials, from secrets), which always win.
 */
const alwaysBlocked = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'upgrade',
  'te',
  'trailer',
  'keep-alive',
  'expect',
] as const;

/** The lower-cased names a model may not set for an upstream configured with `configured` headers. */
export function blockedHeaders(configured: Readonly<Record<string, string>>): ReadonlySet<string> {
  return new Set([...alwaysBlocked, ...Object.keys(configured).map((name) => name.toLowerCase())]);
}
