import { describe, expect, it } from 'vitest';
import { sqlUpstreamSchema } from '../../../../contract/index.js';
import { compileSqlTools } from './compile-sql-tools.js';

const config = sqlUpstreamSchema.parse({
  type: 'sql',
  databaseUrl: 'postgres://unused',
  maxRows: 50,
  exclude: ['hidden'],
  statements: {
    search: {
      description: 'Find orders.',
      sql: 'SELECT * FROM orders WHERE org = $1 AND status = $2 AND ($3::int IS NULL OR id = $3)',
      params: [
        { name: 'org', from: 'caller.org' },
        { name: 'status', description: 'Order status.' },
        { name: 'id', type: 'integer', optional: true },
      ],
      maxRows: 5,
    },
    archive: { sql: 'UPDATE orders SET archived = true', write: true },
    hidden: { sql: 'SELECT 1' },
  },
});

describe('compileSqlTools', () => {
  it('sorts the tools, leaves out excluded ones and takes the upstream row bound by default', () => {
    const tools = compileSqlTools('orders', config);
    expect(tools.map((tool) => [tool.definition.name, tool.maxRows])).toEqual([
      ['archive', 50],
      ['search', 5],
    ]);
  });

  it('describes model parameters only, typed, required unless optional', () => {
    const search = compileSqlTools('orders', config).find((tool) => tool.definition.name === 'search');
    expect(search?.definition).toMatchObject({
      upstream: 'orders',
      description: 'Find orders.',
      inputSchema: {
        type: 'object',
        properties: {
          status: { type: 'string', description: 'Order status.' },
          id: { type: ['integer', 'null'] },
        },
        required: ['status'],
        additionalProperties: false,
      },
      annotations: { readOnlyHint: true },
    });
    expect(Object.keys(search?.definition.inputSchema.properties ?? {})).not.toContain('org');
  });

  it('checks excluded statements too: a broken one still stops the upstream', () => {
    const broken = {
      ...config,
      statements: { ...config.statements, hidden: { ...config.statements.hidden!, sql: 'SELECT $1' } },
    };
    expect(() => compileSqlTools('orders', broken)).toThrow('statements.hidden');
  });
});
