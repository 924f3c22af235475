/** zod at the admin boundary: the first problem becomes a 400 that names the field. */
import type { z } from 'zod';
import { PodiumError } from '../../contract/index.js';

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

/** Parses a JSON request body; a malformed body is a 400 naming the problem. */
export function parseJsonBody(buffer: Buffer): unknown {
  if (buffer.length === 0) return {};
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch (error) {
    throw new PodiumError('invalid_json', `request body is not valid JSON: ${(error as Error).message}`);
  }
}
