/** The presented secret: `Authorization: Bearer …` (OpenAI clients) or `x-api-key` (Anthropic clients). */
import type { IncomingHttpHeaders } from 'node:http';

export function credentialOf(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const space = authorization.indexOf(' ');
    if (space > 0 && authorization.slice(0, space).toLowerCase() === 'bearer') {
      const token = authorization.slice(space + 1).trim();
      if (token !== '') return token;
    }
  }
  const apiKey = headers['x-api-key'];
  const value = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}
