/**
 * An HTTP response as the tool's result, in MCP's shape:
 *   - 2xx JSON: the JSON as text, and as `structuredContent` when it is an object;
 *   - 2xx text-like (`text/*`, XML, YAML…): the text; anything else (an image, a PDF): a notice,
 *     since bytes mean nothing to a model;
 *   - anything else (4xx, 5xx, an unfollowed redirect): `isError` naming the status, with a bounded
 *     excerpt of the body, credentials removed. It is the tool failing, which the model should see
 *     (a 404 for a wrong id), not Podium failing.
 */
import { textResult, type ToolResult } from '../../tool-result.js';
import { isJsonMediaType } from './openapi-document-schema.js';

/** Characters of a non-2xx body shown to the model. */
export const maxErrorExcerpt = 2000;

export interface ReceivedResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly bytes: Buffer;
  /** The body was longer than what was read (only for non-2xx, where reading stops at the excerpt). */
  readonly truncated: boolean;
}

/** The result of one call. `redact` removes credentials from an error excerpt. */
export function responseToToolResult(response: ReceivedResponse, redact: (text: string) => string): ToolResult {
  const text = response.bytes.toString('utf8');
  if (response.status < 200 || response.status > 299) {
    const excerpt = redact(text.slice(0, maxErrorExcerpt)).trim();
    const more = response.truncated || text.length > maxErrorExcerpt ? ' […]' : '';
    return textResult(`HTTP ${response.status}${excerpt === '' ? '' : `: ${excerpt}${more}`}`, true);
  }
  if (response.bytes.length === 0) return textResult(`HTTP ${response.status} (no content)`);
  const contentType = response.contentType ?? '';
  if (isJsonMediaType(contentType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return textResult(text);
    }
    const result = textResult(JSON.stringify(parsed));
    const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    return isObject ? { ...result, structuredContent: parsed as Record<string, unknown> } : result;
  }
  if (contentType === '' || isTextLike(contentType)) return textResult(text);
  const essence = contentType.split(';')[0]?.trim().slice(0, 100) ?? '';
  return textResult(`HTTP ${response.status}: ${response.bytes.length} bytes of ${essence}, not shown`);
}

function isTextLike(contentType: string): boolean {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence.startsWith('text/') || /[/+](xml|yaml|x-yaml|javascript|csv|x-www-form-urlencoded)$/.test(essence);
}
