/**
 * Serializes one Server-Sent Event. JSON payloads have no raw newlines, so the common case is a
 * single template string; text with newlines is split into several `data:` lines, as the format
 * requires, and the receiver joins them back with `\n`.
 */
export function formatSse(data: string, event?: string): string {
  const head = event === undefined ? '' : `event: ${event}\n`;
  if (!data.includes('\n') && !data.includes('\r')) return `${head}data: ${data}\n\n`;
  let body = '';
  for (const line of data.split(/\r\n|\r|\n/)) body += `data: ${line}\n`;
  return `${head}${body}\n`;
}
