/**
 * The JSON shape a request asks for, read from the parsed body: OpenAI chat `response_format`, or
 * Anthropic Messages `output_config.format` (and the structured-outputs beta's `output_format`).
 */
import type { Surface } from '../../contract/index.js';

export type RequestedFormat =
  /** The answer must be a JSON object. */
  | { type: 'json_object' }
  /** The answer must validate against `schema` (any JSON value when the request gave none). */
  | {
      type: 'json_schema';
      name: string;
      schema: Record<string, unknown> | undefined;
      /** Where the request carries the schema, for errors (default `response_format.json_schema`). */
      field?: string | undefined;
    };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Undefined when the request asks for free text (or its surface is not enforced). */
export function requestedFormat(request: {
  surface: Surface;
  body: Readonly<Record<string, unknown>>;
}): RequestedFormat | undefined {
  if (request.surface === 'anthropic-messages') return anthropicFormat(request.body);
  if (request.surface !== 'openai-chat') return undefined;
  const format = request.body.response_format;
  if (!isRecord(format)) return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type !== 'json_schema' || !isRecord(format.json_schema)) return undefined;
  const { name, schema } = format.json_schema;
  return {
    type: 'json_schema',
    name: typeof name === 'string' ? name : 'response',
    schema: isRecord(schema) ? schema : undefined,
  };
}

function anthropicFormat(body: Readonly<Record<string, unknown>>): RequestedFormat | undefined {
  const nested = isRecord(body.output_config) && isRecord(body.output_config.format);
  const format = nested && isRecord(body.output_config) ? body.output_config.format : body.output_format;
  if (!isRecord(format) || format.type !== 'json_schema') return undefined;
  return {
    type: 'json_schema',
    name: 'response',
    schema: isRecord(format.schema) ? format.schema : undefined,
    field: nested ? 'output_config.format' : 'output_format',
  };
}
