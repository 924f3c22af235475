/** zod at the admin boundary: the first problem becomes a 400 that names the field. */
import type { z } from 'zod';
import { PodiumError } from '../../contract/index.js';
import { parseRequestJson } from '../gateway/index.js';

export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query'): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue?.path.map(String).join('.') ?? '';
  const message = issue ? `${where}${param ? `.${param}` : ''}: ${issue.message}` : `invalid ${where}`;
  return failWith(new PodiumError('invalid_request', message, { param: param || undefined }));
}

function failWith(error: PodiumError): never {
  throw error;
}

/** Parses a JSON request body (bounded depth, UTF-8 only); a malformed body is a 400 naming the problem. */
export function parseJsonBody(buffer: Buffer): unknown {
  if (buffer.length === 0) return {};
  return parseRequestJson(buffer);
}
