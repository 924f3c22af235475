/**
 * Stage: the arguments against the tool's input schema (the JSON Schema validator structured outputs use,
 * compiled once per schema), then their digest and the personal data they carry — what policies, approvals,
 * the ledger and the audit trail all need, computed once.
 */
import { PodiumError } from '../../../contract/index.js';
import type { AdmissionStage } from '../../gateway/index.js';
import { findPii } from '../../governance/pii/index.js';
import type { SchemaValidator } from '../../structured/index.js';
import { canonicalDigest } from './arguments-digest.js';
import type { ToolCall } from './tool-call.js';

/** Arguments larger than this (JSON) are refused before validation: a model does not need more to call a tool. */
const maxArgumentsBytes = 1024 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `/items/0/sku` → `arguments.items.0.sku`: the field as the caller wrote it. */
const fieldOf = (pointer: string): string =>
  pointer === '(root)'
    ? 'arguments'
    : `arguments${pointer
        .split('/')
        .slice(1)
        .map((token) => `.${token.replace(/~1/g, '/').replace(/~0/g, '~')}`)
        .join('')}`;

/** Every string in a JSON value, depth-first, up to `limit` of them. */
export function stringsIn(value: unknown, limit = 10_000): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (found.length >= limit) return;
    if (typeof node === 'string') found.push(node);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (isRecord(node)) Object.values(node).forEach(visit);
  };
  visit(value);
  return found;
}

/**
 * MCP's default schema dialect is 2020-12, and servers built with the official SDK and zod 4 say so in
 * `$schema`; the validator (Ajv, draft-07) refuses a `$schema` it has not loaded, which made every such tool
 * uncallable. The dialect marker is dropped so the schema's keywords are checked (the draft-07 subset zod emits).
 */
function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  if (schema.$schema !== 'https://json-schema.org/draft/2020-12/schema') return schema;
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

export function validateToolArguments(validator: SchemaValidator): AdmissionStage<ToolCall> {
  return (call) => {
    const tool = call.tool;
    if (!tool) return;
    const raw = call.rawArguments ?? {};
    if (!isRecord(raw))
      throw new PodiumError('invalid_tool_arguments', 'arguments: must be a JSON object', { param: 'arguments' });
    const text = JSON.stringify(raw);
    if (text.length > maxArgumentsBytes)
      throw new PodiumError('invalid_tool_arguments', `arguments: larger than ${maxArgumentsBytes} bytes`, {
        param: 'arguments',
      });
    let check;
    try {
      check = validator.prepare({
        type: 'json_schema',
        name: tool.canonicalName,
        schema: withoutDialect(tool.definition.inputSchema),
        field: `tool ${tool.canonicalName} inputSchema`,
      });
    } catch (error) {
      // The pinned schema itself is broken: the tool cannot be called safely, and that is not the caller's fault.
      throw new PodiumError(
        'upstream_protocol_error',
        `Tool \`${tool.exposedName}\` declares an input schema that cannot be used.`,
        { cause: error },
      );
    }
    const answer = check(text);
    if (!answer.ok) {
      const [first] = answer.problems;
      const field = fieldOf(first?.path ?? '(root)');
      throw new PodiumError('invalid_tool_arguments', `${field}: ${first?.message ?? 'is invalid'}`, { param: field });
    }
    call.arguments = raw;
    call.argumentsDigest = canonicalDigest(raw);
    const classes = new Set<string>();
    for (const value of stringsIn(raw)) for (const span of findPii(value)) classes.add(span.dataClass);
    call.dataClasses = [...classes].sort();
  };
}
