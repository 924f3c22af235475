import { describe, expect, it } from 'vitest';
import { toolsConfigSchema } from './tools-config.js';

describe('toolsConfigSchema', () => {
  it('reserves the upstream name podium for Podium’s own tools', () => {
    const parsed = toolsConfigSchema.safeParse({ upstreams: { podium: { type: 'mcp', url: 'http://x.test/mcp' } } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['upstreams', 'podium']);
    expect(
      toolsConfigSchema.safeParse({ upstreams: { files: { type: 'mcp', url: 'http://x.test/mcp' } } }).success,
    ).toBe(true);
  });
});
