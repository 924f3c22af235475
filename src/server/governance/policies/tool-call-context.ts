/**
 * A tool call in Cedar's terms. `tool.call`'s context says who asks (`endUser`, `agent`, `tags`), what personal
 * data the arguments carry (`dataClasses`), which tool (`upstream`, `tool`), what its pinned definition claims
 * (`readOnlyHint`, `destructiveHint`: facts a policy may use, never guarantees) and its top-level arguments
 * (`context.arguments`), typed from the tool's JSON Schema as decision context fields are (decision-context.ts).
 * Cedar validates one context type per action, so `arguments` is the union of every catalog tool's fields; a
 * name two tools type differently is left out (policies cannot name it), and the schema is rebuilt when the
 * catalog changes.
 */
import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';
import { cedarFieldType, toCedar, type CedarFieldType } from './decision-context.js';

/** What the context needs of a tool: its names, schema and annotations (as pinned). */
export interface ToolFacts {
  upstream: string;
  name: string;
  inputSchema: Readonly<Record<string, unknown>>;
  annotations?: { readOnlyHint?: boolean | undefined; destructiveHint?: boolean | undefined } | undefined;
}

/** Argument names policies can see: plain identifiers, so the schema text never needs escaping beyond quotes. */
const fieldName = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
/** Bounds the schema a huge catalog would otherwise grow without limit. */
const maxFields = 2000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** One tool's top-level arguments Cedar can hold, by name. */
export function toolArgumentTypes(inputSchema: Readonly<Record<string, unknown>>): Record<string, CedarFieldType> {
  const properties = inputSchema.properties;
  const types: Record<string, CedarFieldType> = {};
  if (!isRecord(properties)) return types;
  for (const [name, schema] of Object.entries(properties)) {
    if (!fieldName.test(name) || !isRecord(schema)) continue;
    const type = cedarFieldType(schema);
    if (type !== undefined) types[name] = type;
  }
  return types;
}

/**
 * The union of every tool's argument fields: what `context.arguments` is validated as. A field two tools type
 * differently is left out and reported once (`onConflict`), so loading never fails on a catalog change.
 */
export function toolArgumentFields(
  tools: readonly ToolFacts[],
  onConflict: (message: string) => void = () => undefined,
): Record<string, CedarFieldType> {
  const fields = new Map<string, CedarFieldType>();
  const conflicting = new Set<string>();
  for (const tool of tools) {
    for (const [name, type] of Object.entries(toolArgumentTypes(tool.inputSchema))) {
      if (conflicting.has(name)) continue;
      const known = fields.get(name);
      if (known === undefined) {
        if (fields.size < maxFields) fields.set(name, type);
      } else if (known !== type) {
        fields.delete(name);
        conflicting.add(name);
        onConflict(
          `tool policies: argument "${name}" is ${known} in one tool but ${type} in ${tool.upstream}/${tool.name}; policies cannot name context.arguments.${name}`,
        );
      }
    }
  }
  return Object.fromEntries([...fields].sort(([left], [right]) => left.localeCompare(right)));
}

export interface ToolCallContextInput {
  tool: ToolFacts;
  arguments: Readonly<Record<string, unknown>>;
  /** The argument fields the loaded policy set was validated against. */
  fields: Readonly<Record<string, CedarFieldType>>;
  dataClasses: readonly string[];
  endUser: string | undefined;
  agent: string | undefined;
  tags: readonly string[];
}

/**
 * `tool.call`'s context. Problems name arguments policies could compare wrongly (a number with more than 4
 * decimal places, an integer past 2^53): the call is refused (400) rather than judged without them, as a
 * forbid on the field would otherwise be skipped.
 */
export function toolCallContext(input: ToolCallContextInput): {
  context: Record<string, CedarValueJson>;
  problems: string[];
} {
  const { tool } = input;
  const argumentsContext: Record<string, CedarValueJson> = {};
  const problems: string[] = [];
  for (const [name, type] of Object.entries(toolArgumentTypes(tool.inputSchema))) {
    const value = input.arguments[name];
    if (value === undefined || input.fields[name] !== type) continue;
    const converted = toCedar(type, value);
    if (converted.problem !== undefined) problems.push(`${name}: ${converted.problem}`);
    else if (converted.value !== undefined) argumentsContext[name] = converted.value;
  }
  const context: Record<string, CedarValueJson> = {
    dataClasses: [...input.dataClasses],
    tags: [...input.tags],
    upstream: tool.upstream,
    tool: tool.name,
    arguments: argumentsContext,
  };
  if (input.endUser !== undefined) context.endUser = input.endUser;
  if (input.agent !== undefined) context.agent = input.agent;
  const annotations = tool.annotations;
  if (annotations?.readOnlyHint !== undefined) context.readOnlyHint = annotations.readOnlyHint;
  if (annotations?.destructiveHint !== undefined) context.destructiveHint = annotations.destructiveHint;
  return { context, problems };
}
