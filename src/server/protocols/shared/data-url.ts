/** `data:` URLs, the canonical form of inline images (ImagePart.url), split into what Anthropic and Gemini send. */

export interface InlineData {
  mediaType: string;
  /** Base64, as it appeared in the URL. */
  data: string;
}

/** Splits `data:image/png;base64,iVBOR…`; undefined for any other URL (or a data URL that is not base64). */
export function parseDataUrl(url: string): InlineData | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma === -1) return undefined;
  const header = url.slice(5, comma);
  if (!header.endsWith(';base64')) return undefined;
  return { mediaType: header.slice(0, -7) || 'application/octet-stream', data: url.slice(comma + 1) };
}

/** Builds the data URL for inline base64 content. */
export function toDataUrl(inline: InlineData): string {
  return `data:${inline.mediaType};base64,${inline.data}`;
}
