/** A decision's context schemas are compiled when podium.yaml is loaded: a bad one is a config error naming its path. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';

const refund = (schema: string) => `
    - id: refund
      description: Refund
      owner: payments
      context: { amount: { schema: ${schema} }, orderId: { schema: { type: string } } }
      risk: [{ outcome: auto }]
`;

async function load(files: Record<string, string>) {
  const cwd = await mkdtemp(join(tmpdir(), 'podium-decisions-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(cwd, name), text);
  return loadConfig({ env: {}, cwd });
}

describe('decision context schemas at load', () => {
  it('names the field of a schema that does not compile, in podium.yaml and in included files', async () => {
    await expect(load({ 'podium.yaml': `decisions:\n  definitions:${refund('{ type: nmber }')}` })).rejects.toThrow(
      /decisions\.definitions\[0\]\.context\.amount\.schema: not a valid JSON Schema: schema is invalid: data\/type must be equal to one of the allowed values/,
    );
    await expect(
      load({
        'podium.yaml': 'decisions:\n  include: [refund.yaml]\n',
        'refund.yaml': refund('{ type: string, pattern: "(" }').replace('    - ', '').replaceAll('\n      ', '\n'),
      }),
    ).rejects.toThrow(
      'decisions.include[0] (refund.yaml).context.amount.schema: not a valid JSON Schema: Invalid regular expression: /(/u: Unterminated group',
    );
  });

  it('loads valid schemas', async () => {
    const config = await load({ 'podium.yaml': `decisions:\n  definitions:${refund('{ type: number, minimum: 0 }')}` });
    expect(config.decisions.definitions[0]?.context.amount?.schema).toEqual({ type: 'number', minimum: 0 });
  });
});
