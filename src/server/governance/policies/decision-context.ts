/**
 * A proposal's context, typed for Cedar. Each context field a decision declares becomes an optional
 * attribute of `decision.make`'s context, typed from its JSON Schema: `string` → String, `boolean` →
 * Bool, `integer` → Long, `number` → decimal, and arrays of those → Sets. Cedar has one context type per
 * action, so a field name means one type across all decisions; the schema is built from the decisions
 * podium.yaml defines when the policies are loaded (so `context.amout` is a load error, not a silent
 * false). Objects, nulls and untyped fields stay out (policies can still read `context.proposal`).
 */
import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';
import type { DecisionDefinition } from '../../../contract/index.js';
import { cedarDecimal, undecimalMessage } from './cedar-decimal.js';

const scalars = { string: 'String', boolean: 'Bool', integer: 'Long', number: 'decimal' } as const;
type Scalar = (typeof scalars)[keyof typeof scalars];
export type CedarFieldType = Scalar | `Set<${Scalar}>`;

/** Names Cedar's `decision.make` context already uses. */
const reserved = new Set(['proposal']);

/** The Cedar type of a context field's JSON Schema, or undefined when it has none Cedar can hold. */
export function cedarFieldType(schema: Readonly<Record<string, unknown>>): CedarFieldType | undefined {
  const scalar = (type: unknown): Scalar | undefined =>
    typeof type === 'string' && type in scalars ? scalars[type as keyof typeof scalars] : undefined;
  if (schema.type === 'array') {
    const items = schema.items;
    const item =
      typeof items === 'object' && items !== null && !Array.isArray(items)
        ? scalar((items as Record<string, unknown>).type)
        : undefined;
    return item && `Set<${item}>`;
  }
  return scalar(schema.type);
}

/**
 * Field name → Cedar type over every definition, with a problem for a name two decisions type
 * differently or a reserved name (both name the decisions and fields).
 */
export function decisionContextFields(definitions: readonly DecisionDefinition[]): {
  fields: Record<string, CedarFieldType>;
  problems: string[];
} {
  const fields: Record<string, CedarFieldType> = {};
  const firstSeen = new Map<string, string>();
  const problems: string[] = [];
  for (const definition of definitions) {
    for (const [name, field] of Object.entries(definition.context)) {
      const type = cedarFieldType(field.schema);
      if (type === undefined) continue;
      const where = `decisions (${definition.id}).context.${name}`;
      if (reserved.has(name)) {
        problems.push(
          `${where}: "${name}" is reserved in Cedar's decision.make context (the proposal's JSON text): rename the field`,
        );
        continue;
      }
      const known = fields[name];
      if (known !== undefined && known !== type) {
        problems.push(
          `${where}: policies see one type per context field, and "${name}" is ${known} in decision ${firstSeen.get(name) ?? '?'} but ${type} here`,
        );
        continue;
      }
      fields[name] = type;
      if (!firstSeen.has(name)) firstSeen.set(name, definition.id);
    }
  }
  return { fields, problems };
}

/**
 * The Cedar context of a proposal: `proposal` (its JSON text) and every field of the definition whose type
 * agrees with the loaded schema's (a field only an API-defined decision has is passed too: no policy can
 * name it). Problems name values Cedar cannot hold exactly (a number with more than 4 decimal places, an
 * integer past 2^53) and fields typed otherwise than the policies know them: the proposal is refused (400)
 * rather than judged without them.
 */
export function decisionMakeContext(input: {
  fields: Readonly<Record<string, CedarFieldType>>;
  definition: DecisionDefinition;
  proposal: unknown;
  context: Readonly<Record<string, unknown>>;
}): { context: Record<string, CedarValueJson>; problems: string[] } {
  const context: Record<string, CedarValueJson> = { proposal: JSON.stringify(input.proposal ?? null).slice(0, 10_000) };
  const problems: string[] = [];
  for (const [name, field] of Object.entries(input.definition.context)) {
    const value = input.context[name];
    const type = cedarFieldType(field.schema);
    const declared = input.fields[name];
    if (value === undefined || type === undefined || reserved.has(name)) continue;
    // Fail closed: a field policies may name but cannot see would silently skip every forbid on it.
    if (declared !== undefined && declared !== type) {
      problems.push(
        `context.${name}: this decision types it ${type}, but policies know it as ${declared}; fix the decision's schema`,
      );
      continue;
    }
    const converted = toCedar(type, value);
    if (converted.problem !== undefined) problems.push(`context.${name}: ${converted.problem}`);
    else if (converted.value !== undefined) context[name] = converted.value;
    else
      problems.push(
        `context.${name}: ${JSON.stringify(value)?.slice(0, 60) ?? 'the value'} cannot be given to policies as ${type}`,
      );
  }
  return { context, problems };
}

/** One JSON value as the Cedar type says; nothing for a value of another type (JSON Schema let it through). */
export function toCedar(type: CedarFieldType, value: unknown): { value?: CedarValueJson; problem?: string } {
  if (type.startsWith('Set<')) {
    if (!Array.isArray(value)) return {};
    const items = value.map((item) => toCedar(type.slice(4, -1) as Scalar, item));
    const problem = items.find((item) => item.problem !== undefined)?.problem;
    if (problem !== undefined) return { problem };
    if (items.some((item) => item.value === undefined)) return {};
    return { value: items.map((item) => item.value as CedarValueJson) };
  }
  switch (type) {
    case 'String':
      return typeof value === 'string' ? { value } : {};
    case 'Bool':
      return typeof value === 'boolean' ? { value } : {};
    case 'Long':
      if (typeof value !== 'number') return {};
      return Number.isSafeInteger(value)
        ? { value }
        : { problem: `${value} is outside the integers policies can compare exactly (±2^53)` };
    default: {
      if (typeof value !== 'number') return {};
      const decimal = cedarDecimal(value);
      return decimal === undefined ? { problem: undecimalMessage(value) } : { value: decimal };
    }
  }
}
