/** Tool calls in Cedar's terms: the merged argument schema, the context, @approval and the set's revision. */
import { describe, expect, it } from 'vitest';
import { loadPolicies, PolicyLoadError } from './load-policies.js';
import { PolicyEngine } from './policy-engine.js';
import { toolArgumentFields, toolCallContext } from './tool-call-context.js';

const refund = {
  upstream: 'crm',
  name: 'refund',
  inputSchema: {
    type: 'object',
    properties: {
      orderId: { type: 'string' },
      amount: { type: 'number' },
      count: { type: 'integer' },
      notify: { type: 'boolean' },
      labels: { type: 'array', items: { type: 'string' } },
      address: { type: 'object' },
    },
  },
};
const search = {
  upstream: 'docs',
  name: 'search',
  inputSchema: { type: 'object', properties: { count: { type: 'string' }, query: { type: 'string' } } },
};

describe('tool call context', () => {
  it('merges every tool’s typed arguments, leaving out (and reporting) a name two tools type differently', () => {
    const conflicts: string[] = [];
    expect(toolArgumentFields([refund, search], (message) => conflicts.push(message))).toEqual({
      amount: 'decimal',
      labels: 'Set<String>',
      notify: 'Bool',
      orderId: 'String',
      query: 'String',
    });
    expect(conflicts).toEqual([
      expect.stringContaining('argument "count" is Long in one tool but String in docs/search'),
    ]);
  });

  it('gives policies the tool, its hints and the arguments they can type; refuses a number Cedar cannot hold', () => {
    const fields = toolArgumentFields([refund]);
    const { context, problems } = toolCallContext({
      tool: { ...refund, annotations: { destructiveHint: true } },
      arguments: { orderId: 'o1', amount: 12.5, labels: ['a'], address: { city: 'x' } },
      fields,
      dataClasses: ['email'],
      endUser: 'ada',
      agent: undefined,
      tags: ['env=prod'],
    });
    expect(problems).toEqual([]);
    expect(context).toEqual({
      dataClasses: ['email'],
      tags: ['env=prod'],
      upstream: 'crm',
      tool: 'refund',
      endUser: 'ada',
      destructiveHint: true,
      arguments: { orderId: 'o1', amount: { __extn: { fn: 'decimal', arg: '12.5' } }, labels: ['a'] },
    });
    const bad = toolCallContext({
      ...{ tool: refund, fields, dataClasses: [], endUser: undefined, agent: undefined, tags: [] },
      arguments: { amount: 1.23456 },
    });
    expect(bad.problems).toEqual([expect.stringMatching(/^amount: /)]);
  });

  it('validates tool.call policies against the merged arguments: a misspelt argument is a load error', () => {
    const toolArguments = toolArgumentFields([refund]);
    const good = `@id("big") @approval("alice, bob , alice") permit(principal, action == Podium::Action::"tool.call", resource)
      when { context.arguments has amount && context.arguments.amount.greaterThan(decimal("100.0")) };`;
    const loaded = loadPolicies({ texts: { 'tools.cedar': good }, baseDir: '.', toolArguments });
    const engine = new PolicyEngine({ policies: loaded });
    expect(engine.approvers('big')).toEqual(['alice', 'bob']);
    expect(engine.revision).toMatch(/^[0-9a-f]{64}$/);
    const misspelt = good.replaceAll('amount', 'amout');
    expect(() => loadPolicies({ texts: { 'tools.cedar': misspelt }, baseDir: '.', toolArguments })).toThrow(
      PolicyLoadError,
    );
    const changed = loadPolicies({
      texts: { 'tools.cedar': good.replace('100.0', '200.0') },
      baseDir: '.',
      toolArguments,
    });
    expect(changed.revision).not.toBe(loaded.revision);
  });
});
