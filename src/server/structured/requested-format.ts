/**
 * The JSON shape a request asks for, read from the parsed body. Only OpenAI chat bodies are read:
 * Anthropic's `output_format` is not parsed by the protocol codecs (a translated call would not
 * carry it upstream), so Anthropic Messages calls are not enforced.
 */
import type { Surface } from '../../contract/index.js';

export type RequestedFormat =
  /** The answer must be a JSON object. */
  | { type: 'json_object' }
  /** The answer must validate against `schema` (any JSON value when the request gave none). */
  | { type: 'json_schema'; name: string; schema: Record<string, unknown> | undefined };

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Undefined when the request asks for free text (or its surface is not enforced). */
export function requestedFormat(request: { surface: Surface; body: Readonly<Record<string, unknown>> }): RequestedFormat | undefined {
  if (request.surface !== 'openai-chat') return undefined;
  const format = request.body.response_format;
  if (!isRecord(format)) return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type !== 'json_schema' || !isRecord(format.json_schema)) return undefined;
  const { name, schema } = format.json_schema;
  return { type: 'json_schema', name: typeof name === 'string' ? name : 'response', schema: isRecord(schema) ? schema : undefined };
}
