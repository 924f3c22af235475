/**
 * The context a decision requires: each named field present (unless optional) and valid against its
 * JSON Schema. Schemas are compiled once per definition; problems name the field (`context.amount`).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { DecisionDefinition } from '../../../contract/index.js';

export type ContextChecker = (context: Readonly<Record<string, unknown>>) => string[];

const ajv = new Ajv({ allErrors: true, strict: false });

/** @throws Error naming the field when one of the definition's schemas is not a valid JSON Schema. */
export function compileContextChecker(definition: DecisionDefinition): ContextChecker {
  const fields = Object.entries(definition.context).map(([name, field]) => {
    let validate: ValidateFunction;
    try {
      validate = ajv.compile(field.schema);
    } catch (error) {
      throw new Error(`decision ${definition.id}: context.${name}.schema: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return { name, required: field.required, validate };
  });
  return (context) => {
    const problems: string[] = [];
    for (const field of fields) {
      const value = context[field.name];
      if (value === undefined) {
        if (field.required) problems.push(`context.${field.name}: required`);
        continue;
      }
      if (!field.validate(value)) {
        for (const error of field.validate.errors ?? [])
          problems.push(
            `context.${field.name}${error.instancePath.replaceAll('/', '.')}: ${error.message ?? 'invalid'}`,
          );
      }
    }
    return problems;
  };
}
