/**
 * Whether a JSON Schema compiles (Ajv, as the server validates with): a bad schema in a decision's
 * context is a configuration or request error naming its path, not a failure on the first proposal.
 * Ajv is pure computation (no I/O), so the contract may hold it.
 */
import { Ajv } from 'ajv';

// The same options as the server's context checker: a schema that compiles here compiles there.
const ajv = new Ajv({ allErrors: true, strict: false });

/** Why the schema does not compile, or undefined when it does. */
export function jsonSchemaProblem(schema: Readonly<Record<string, unknown>>): string | undefined {
  try {
    ajv.compile(schema);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    // Compiled only to be checked: keep nothing (schemas with the same $id may come again, changed).
    ajv.removeSchema(schema);
  }
}
