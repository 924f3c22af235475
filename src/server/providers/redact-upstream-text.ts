/**
 * Scrubs what must never reach a caller from an upstream's own text: an error message or body can
 * echo the URL it was sent to, the host, or part of the credential (a misconfigured proxy, a vLLM
 * stack trace, OpenAI quoting a key).
 */

/** Header names whose values are credentials. */
const secretHeader = /auth|key|token|secret/i;
/** Shorter strings would redact ordinary words. */
const minimumLength = 4;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A function replacing the provider's base URL, origin, host and credential values in text. */
export function createRedactor(options: {
  name: string;
  baseUrl: string;
  headers: Readonly<Record<string, string>>;
}): (text: string) => string {
  const url = new URL(options.baseUrl);
  const places = [options.baseUrl.replace(/\/+$/, ''), url.origin, url.host, url.hostname];
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(options.headers)) {
    if (!secretHeader.test(name)) continue;
    secrets.push(value);
    const token = /^bearer\s+(.+)$/i.exec(value)?.[1];
    if (token) secrets.push(token);
  }
  const longestFirst = (values: string[]) =>
    [...new Set(values.filter((value) => value.length >= minimumLength))].sort((a, b) => b.length - a.length);
  const placePattern = longestFirst(places).map(escape).join('|');
  const secretPattern = longestFirst(secrets).map(escape).join('|');
  const placeRegex = placePattern ? new RegExp(placePattern, 'gi') : undefined;
  const secretRegex = secretPattern ? new RegExp(secretPattern, 'g') : undefined;
  const placeholder = `[provider ${options.name}]`;
  return (text) => {
    let out = text;
    if (secretRegex) out = out.replace(secretRegex, '[redacted]');
    if (placeRegex) out = out.replace(placeRegex, placeholder);
    return out;
  };
}
