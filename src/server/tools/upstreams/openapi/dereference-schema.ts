/**
 * A parameter's, body's or response's schema with every local `$ref` inlined, so the tool's JSON
 * Schema stands alone (callers, validators and model providers get no `$ref` to chase).
 *
 * Bounded three ways: a ref being expanded inside itself (a recursive `Customer.referrer: Customer`)
 * is replaced by a permissive schema that says so, instead of expanding forever; nesting deeper
 * than `maxDepth` fails; and the number of nodes produced is capped, because refs can fan out
 * exponentially (A holds B twice, B holds C twice…) from a small document.
 *
 * OpenAPI 3.0 schemas are brought to JSON Schema on the way: `nullable: true` becomes a `null` type
 * and boolean `exclusiveMinimum` / `exclusiveMaximum` become numbers.
 */
import { childAt, openApiDocumentError } from './openapi-document-error.js';
import { lookupLocalRef, refOf, type RefContext } from './resolve-local-ref.js';

/** Levels of JSON (not of schemas: `properties.x.items` is three). */
const maxDepth = 256;
/** Nodes one document may expand to, over all its schemas. */
export const maxSchemaNodes = 200_000;

export interface DereferenceBudget {
  nodes: number;
}

export interface DereferenceOptions extends RefContext {
  /** `true` for an OpenAPI 3.0 document: its schema dialect is converted. */
  readonly openApi30: boolean;
  /** Shared by every schema of one document. */
  readonly budget: DereferenceBudget;
}

type Json = unknown;

interface Walk {
  readonly options: DereferenceOptions;
  /** Refs being expanded on the way down to the current node. */
  readonly expanding: readonly string[];
  readonly depth: number;
}

/**
 * A copy of `schema` (found at `at`) with local refs inlined.
 * @throws PodiumError `config_invalid` naming the location for an external or dangling ref, or a schema too deep or too large.
 */
export function dereferenceSchema(options: DereferenceOptions, schema: unknown, at: string): Record<string, unknown> {
  const result = walk({ options, expanding: [], depth: 0 }, schema, at);
  if (typeof result === 'boolean') return result ? {} : { not: {} };
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw openApiDocumentError(options.place, at, 'a schema must be an object');
  }
  return result as Record<string, unknown>;
}

function walk(state: Walk, node: Json, at: string): Json {
  const { options } = state;
  options.budget.nodes += 1;
  if (options.budget.nodes > maxSchemaNodes) {
    throw openApiDocumentError(options.place, at, `schemas expand to more than ${maxSchemaNodes} nodes`);
  }
  if (state.depth > maxDepth) throw openApiDocumentError(options.place, at, `schema nested deeper than ${maxDepth}`);
  if (Array.isArray(node)) return node.map((item, index) => walk(deeper(state), item, childAt(at, index)));
  if (typeof node !== 'object' || node === null) return node;

  const ref = refOf(node);
  if (ref !== undefined) return expandRef(state, node as Record<string, unknown>, { ref, at });

  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (isData(key)) {
      // `example(s)`, `enum`, `const` and `default` are data, not schemas: a `$ref` key inside them is not a reference.
      copy[key] = value;
    } else if (schemaMaps.has(key) && isRecord(value)) {
      // Property names are names, not keywords: a property called `enum` is still a schema.
      const inner = deeper(state);
      copy[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, walk(inner, schema, childAt(childAt(at, key), name))]),
      );
    } else {
      copy[key] = walk(deeper(state), value, childAt(at, key));
    }
  }
  return options.openApi30 ? fromOpenApi30(copy) : copy;
}

function expandRef(state: Walk, node: Record<string, unknown>, found: { ref: string; at: string }): Json {
  const { ref, at } = found;
  const { $ref: _ref, ...siblings } = node;
  if (state.expanding.includes(ref)) {
    return { description: `recursive reference to ${ref.slice(0, 200)}, not expanded`, ...siblings };
  }
  const target = lookupLocalRef(state.options, ref, at);
  const expanded = walk({ ...deeper(state), expanding: [...state.expanding, ref] }, target.value, target.at);
  if (Object.keys(siblings).length === 0) return expanded;
  // 3.1 allows keywords beside `$ref` (a description, a narrower constraint): both must hold.
  const rest = walk(deeper(state), siblings, at) as Record<string, unknown>;
  return { allOf: [expanded], ...rest };
}

const deeper = (state: Walk): Walk => ({ ...state, depth: state.depth + 1 });

const schemaMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isData = (key: string): boolean =>
  key === 'example' || key === 'examples' || key === 'enum' || key === 'const' || key === 'default';

function fromOpenApi30(schema: Record<string, unknown>): Record<string, unknown> {
  const out = { ...schema };
  if (out.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  }
  delete out.nullable;
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else {
      delete out[flag];
    }
  }
  return out;
}
