/**
 * The same validation as enforcement, in the shape a cascade's `verify: schema` asks for: the
 * problems with an answer to a request's `response_format` (a JSON object when it names none).
 */
import { PodiumError } from '../../contract/index.js';
import { requestedFormat } from './requested-format.js';
import { SchemaValidator } from './schema-validator.js';

/** Problems as `path message` lines; empty when the answer is valid. Never throws. */
export type StructuredAnswerCheck = (input: { body: Readonly<Record<string, unknown>>; answer: string }) => string[];

/** Builds the check over one compiled-schema cache (share the enforcer's to compile each schema once). */
export function createStructuredAnswerCheck(validator: SchemaValidator = new SchemaValidator()): StructuredAnswerCheck {
  return ({ body, answer }) => {
    try {
      const check = validator.prepare(requestedFormat({ surface: 'openai-chat', body }) ?? { type: 'json_object' });
      const verdict = check(answer);
      return verdict.ok ? [] : verdict.problems.map((problem) => `${problem.path} ${problem.message}`);
    } catch (error) {
      // A schema Ajv refuses cannot be satisfied: the answer is not accepted on it.
      return [error instanceof PodiumError ? error.message : String(error)];
    }
  };
}
