/** zod at one place of the document: a failure names that place and the field inside it. */
import type { z } from 'zod';
import { childAt, openApiDocumentError, type DocumentPlace } from './openapi-document-error.js';

/** `value` parsed by `schema`. @throws PodiumError `config_invalid` naming `at` and the field. */
export function parseAt<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: { place: DocumentPlace; at: string },
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = (issue?.path ?? []).reduce<string>((path, segment) => childAt(path, String(segment)), where.at);
  throw openApiDocumentError(where.place, at, issue?.message ?? 'invalid');
}
