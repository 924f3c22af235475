import { describe, expect, it } from 'vitest';
import { toolsConfigSchema } from '../../../contract/index.js';
import { createMemoryToolPins } from '../pins/index.js';
import type { ToolCaller } from '../tool-upstream.js';
import { createToolCatalog } from './create-tool-catalog.js';
import { createFakeToolUpstream, toolDefinition } from './fake-tool-upstream.test-suite.js';
import { compileToolSets } from './tool-sets.js';

const caller = (overrides: Partial<ToolCaller> = {}): ToolCaller => ({
  orgId: 'org_1',
  keyId: 'key_1',
  teamName: 'other',
  user: undefined,
  agent: undefined,
  ...overrides,
});

const sets = {
  reader: {
    tools: [
      'files__*',
      { tool: 'files__read_file', as: 'read', description: 'Reads one file of the support workspace.' },
    ],
    teams: ['support'],
  },
  crm: { tools: ['crm__get_customer'], agents: ['triage-bot'] },
  admin: { tools: ['crm__*'], keys: ['key_admin'] },
};

function catalog() {
  const files = createFakeToolUpstream('files', [
    toolDefinition('files', 'read_file', 'Reads a file.'),
    toolDefinition('files', 'write_file', 'Writes a file.'),
  ]);
  const crm = createFakeToolUpstream('crm', [
    toolDefinition('crm', 'get_customer', 'Gets a customer.'),
    toolDefinition('crm', 'delete_customer', 'Deletes a customer.'),
  ]);
  return createToolCatalog({
    upstreams: [files, crm],
    pins: createMemoryToolPins(),
    config: toolsConfigSchema.parse({ pinning: 'first-seen', sets }),
  });
}

const names = (tools: readonly { exposedName: string }[]): string[] => tools.map((tool) => tool.exposedName);

describe('tool sets', () => {
  it('show a caller without a set every approved tool, sorted by name', async () => {
    expect(names(await catalog().list(caller()))).toEqual([
      'crm__delete_customer',
      'crm__get_customer',
      'files__read_file',
      'files__write_file',
    ]);
  });

  it('narrow a team to its set: patterns, a rename that replaces the canonical name, a new description', async () => {
    const tools = catalog();
    const support = caller({ teamName: 'support' });
    const seen = await tools.list(support);
    expect(names(seen)).toEqual(['files__write_file', 'read']);
    expect(seen[1]).toMatchObject({
      canonicalName: 'files__read_file',
      description: 'Reads one file of the support workspace.',
    });
    expect(seen[1]?.definition.description).toBe('Reads a file.');
    expect(await tools.resolve(support, 'read')).toMatchObject({ canonicalName: 'files__read_file' });
    expect(await tools.resolve(support, 'files__read_file')).toBeUndefined();
    expect(await tools.resolve(support, 'crm__get_customer')).toBeUndefined();
  });

  it('attach by agent and by key, and give the union of every attached set', async () => {
    const tools = catalog();
    expect(names(await tools.list(caller({ agent: 'triage-bot' })))).toEqual(['crm__get_customer']);
    expect(names(await tools.list(caller({ keyId: 'key_admin' })))).toEqual([
      'crm__delete_customer',
      'crm__get_customer',
    ]);
    expect(names(await tools.list(caller({ teamName: 'support', agent: 'triage-bot' })))).toEqual([
      'crm__get_customer',
      'files__write_file',
      'read',
    ]);
  });

  it('refuse at creation one `as` for two tools, naming both', () => {
    const clash = {
      a: { tools: [{ tool: 'files__read_file', as: 'read' }] },
      b: { tools: [{ tool: 'crm__get_customer', as: 'read' }] },
    };
    expect(() => compileToolSets(toolsConfigSchema.parse({ sets: clash }).sets)).toThrow(
      /"read" names both files__read_file \(tools\.sets\.a\.tools\.0\) and crm__get_customer/,
    );
  });

  it('refuse a renamed pattern, an `as` with "__" and a name that can match nothing', () => {
    const compile = (tools: unknown[]) => () =>
      compileToolSets(toolsConfigSchema.parse({ sets: { s: { tools } } }).sets);
    expect(compile([{ tool: 'files__*', as: 'x' }])).toThrow(/tools\.sets\.s\.tools\.0: a pattern/);
    expect(compile([{ tool: 'files__read_file', as: 'crm__x' }])).toThrow(/tools\.sets\.s\.tools\.0\.as/);
    expect(compile(['read_file'])).toThrow(/neither `upstream__tool` nor a pattern/);
  });
});
