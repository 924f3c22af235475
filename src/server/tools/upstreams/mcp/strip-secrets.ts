/**
 * Error text that leaves the upstream (health, logs, callers) must not carry what authenticates it:
 * configured header values, URL userinfo or query strings (tokens often ride there), env values.
 */
const maxMessageChars = 500;

/** Removes every configured secret and any URL credentials or query from `message`, then bounds it. */
export function stripSecrets(message: string, secrets: readonly string[]): string {
  let text = message;
  // Longest first: a secret that contains another is removed whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  }
  text = text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1[redacted]@')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s?#]*)\?[^\s#]*/gi, '$1?[redacted]');
  return text.length > maxMessageChars ? `${text.slice(0, maxMessageChars)}…` : text;
}
