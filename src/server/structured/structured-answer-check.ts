/**
 * The same validation as enforcement, in the shape a cascade's `verify: schema` asks for: the
 * problems with an answer to a request's `response_format` (a JSON object when it names none).
 */
import { PodiumError, type Surface } from '../../contract/index.js';
import { requestedFormat } from './requested-format.js';
import { SchemaValidator } from './schema-validator.js';

/**
 * Problems as `path message` lines; empty when the answer is valid. Never throws. `surface` says where
 * the format is read from (default OpenAI chat); `onlyIfRequested` skips requests that ask for no format
 * instead of holding them to a JSON object.
 */
export type StructuredAnswerCheck = (input: {
  surface?: Surface | undefined;
  body: Readonly<Record<string, unknown>>;
  answer: string;
  onlyIfRequested?: boolean | undefined;
}) => string[];

/** Builds the check over one compiled-schema cache (share the enforcer's to compile each schema once). */
export function createStructuredAnswerCheck(validator: SchemaValidator = new SchemaValidator()): StructuredAnswerCheck {
  return ({ surface, body, answer, onlyIfRequested }) => {
    try {
      const requested = requestedFormat({ surface: surface ?? 'openai-chat', body });
      if (requested === undefined && onlyIfRequested === true) return [];
      const check = validator.prepare(requested ?? { type: 'json_object' });
      const verdict = check(answer);
      return verdict.ok ? [] : verdict.problems.map((problem) => `${problem.path} ${problem.message}`);
    } catch (error) {
      // A schema Ajv refuses cannot be satisfied: the answer is not accepted on it.
      return [error instanceof PodiumError ? error.message : String(error)];
    }
  };
}
