/**
 * Removes the configured header values (credentials from secrets) from text an upstream sent back:
 * an error body may echo the request's `Authorization` header, and that text goes to the model.
 */
const minimumLength = 4;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A function replacing every configured header value (and a bearer token alone) with `[redacted]`. */
export function createSecretRedactor(headers: Readonly<Record<string, string>>): (text: string) => string {
  const secrets = new Set<string>();
  for (const value of Object.values(headers)) {
    secrets.add(value);
    const token = /^\w+\s+(.+)$/.exec(value)?.[1];
    if (token !== undefined) secrets.add(token);
  }
  const pattern = [...secrets]
    .filter((secret) => secret.length >= minimumLength)
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  if (pattern === '') return (text) => text;
  const regex = new RegExp(pattern, 'g');
  return (text) => text.replace(regex, '[redacted]');
}
