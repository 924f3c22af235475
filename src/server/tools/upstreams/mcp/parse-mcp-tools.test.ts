import { describe, expect, it } from 'vitest';
import { parseMcpTools } from './parse-mcp-tools.js';

describe('parseMcpTools', () => {
  it('skips malformed tools one by one, drops excluded and duplicate names, sorts, and keeps only definition fields', () => {
    const logs: string[] = [];
    const tools = parseMcpTools(
      [
        { name: 'zeta', inputSchema: { type: 'object' }, icons: [{ src: 'x' }], _meta: { a: 1 } },
        { name: 'alpha', description: 'first', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
        { name: 'n'.repeat(200), inputSchema: { type: 'object' } },
        { name: 'no-schema' },
        'not an object',
        { name: 'hidden', inputSchema: { type: 'object' } },
        { name: 'alpha', description: 'second', inputSchema: { type: 'object' } },
      ],
      { upstream: 'files', exclude: ['hidden'], log: (line) => logs.push(line) },
    );
    expect(tools).toEqual([
      {
        upstream: 'files',
        name: 'alpha',
        description: 'first',
        inputSchema: { type: 'object' },
        annotations: { readOnlyHint: true },
      },
      { upstream: 'files', name: 'zeta', inputSchema: { type: 'object' } },
    ]);
    expect(logs.filter((line) => line.includes('malformed'))).toHaveLength(3);
    expect(logs.some((line) => line.includes('duplicate tool "alpha"'))).toBe(true);
  });
});
