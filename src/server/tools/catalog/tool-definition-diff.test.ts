import { describe, expect, it } from 'vitest';
import { toolDefinitionDigest } from '../pins/index.js';
import type { ToolDefinition } from '../tool-definition.js';
import { diffToolDefinitions } from './tool-definition-diff.js';

const pinned: ToolDefinition = {
  upstream: 'crm',
  name: 'get_customer',
  description: 'Gets a customer.',
  inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  annotations: { readOnlyHint: true },
};
const pin = (definition: ToolDefinition) => ({ digest: toolDefinitionDigest(definition), definition });

describe('the diff of a pending definition', () => {
  it('lists the schema paths and annotations that changed, added or removed', () => {
    const pending: ToolDefinition = {
      ...pinned,
      inputSchema: {
        type: 'object',
        properties: { id: { type: 'integer' }, note: { type: 'string' } },
        required: ['id'],
      },
      annotations: {},
    };
    const diff = diffToolDefinitions({ pinned: pin(pinned), pending: pin(pending) });
    expect(diff.changes).toEqual([
      { path: 'annotations.readOnlyHint', change: 'removed', before: true },
      { path: 'inputSchema.properties.id.type', change: 'changed', before: 'string', after: 'integer' },
      { path: 'inputSchema.properties.note', change: 'added', after: { type: 'string' } },
    ]);
    expect(diff.descriptionDiff).toBeNull();
    expect(diff.truncated).toBe(false);
  });

  it('lists every field of a new tool as added', () => {
    const diff = diffToolDefinitions({ pinned: undefined, pending: pin(pinned) });
    expect(diff.pinnedDigest).toBeNull();
    expect(diff.changes.map((change) => change.path)).toEqual([
      'upstream',
      'name',
      'description',
      'inputSchema',
      'annotations',
    ]);
    expect(diff.descriptionDiff).toBe('{+Gets a customer.+}');
  });

  it('bounds the list for a schema rewritten from scratch', () => {
    const wide = (prefix: string): Record<string, unknown> =>
      Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`${prefix}${index}`, { type: 'string' }]));
    const before = { ...pinned, inputSchema: { type: 'object', properties: wide('a') } };
    const after = { ...pinned, inputSchema: { type: 'object', properties: wide('b') } };
    const diff = diffToolDefinitions({ pinned: pin(before), pending: pin(after) });
    expect(diff.changes).toHaveLength(200);
    expect(diff.truncated).toBe(true);
  });
});
