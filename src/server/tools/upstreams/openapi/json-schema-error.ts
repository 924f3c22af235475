/**
 * Whether a tool's schema is valid JSON Schema, checked against the meta-schema at load time: a
 * typo in the document (`type: strng`) should stop the upstream with a message naming the
 * operation, not fail every call later in validation. Only the meta-schema check (no code
 * generation), so a document with thousands of operations still loads quickly; formats are not
 * checked here (the validator decides which it knows), and nothing is logged.
 */
import { Ajv } from 'ajv';

const ajv = new Ajv({ strict: false, logger: false, validateFormats: false });

/** Why `schema` is not valid JSON Schema (bounded), or undefined when it is. */
export function jsonSchemaError(schema: Readonly<Record<string, unknown>>): string | undefined {
  if (ajv.validateSchema(schema) === true) return undefined;
  return ajv.errorsText(ajv.errors, { dataVar: 'schema' }).slice(0, 500);
}
