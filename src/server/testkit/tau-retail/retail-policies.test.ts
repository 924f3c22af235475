/**
 * The retail policies, loaded as the server loads them and evaluated over every ground-truth action of the
 * 520 tasks (all allowed) and over calls that break a rule (denied, naming the policy), with the context the
 * tool gateway builds (`toolCallContext`).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadPolicies,
  PolicyEngine,
  toolArgumentFields,
  toolCallContext,
  type LoadedPolicies,
  type ToolFacts,
} from '../../governance/policies/index.js';
import { retailDataDirectory, retailDataMissing } from './retail-data-directory.js';
import { loadRetailTasks } from './retail-tasks.js';
import type { RetailTask } from './retail-tasks.js';
import { retailTools } from './retail-tools.js';

const directory = retailDataDirectory();
if (directory === undefined) console.warn(retailDataMissing);

const policyDirectory = dirname(fileURLToPath(import.meta.url));

/** The retail tools as the gateway states them to policies: upstream `retail`, schemas and hints as listed. */
const facts: ToolFacts[] = retailTools.map((tool) => ({
  upstream: 'retail',
  name: tool.name,
  inputSchema: { ...tool.parameters },
  annotations: { readOnlyHint: tool.readOnly, destructiveHint: !tool.readOnly },
}));
const fields = toolArgumentFields(facts);

/** Loaded as the server loads them: Podium's schema, with `context.arguments` typed from the retail tools. */
function loadRetailPolicies(): LoadedPolicies {
  return loadPolicies({ files: ['retail-policies.cedar'], baseDir: policyDirectory, toolArguments: fields });
}

describe('the retail Cedar policies', () => {
  let engine: PolicyEngine;
  beforeAll(() => {
    engine = new PolicyEngine({ policies: loadRetailPolicies() });
  });

  function retailContext(tool: string, args: Record<string, unknown>, endUser: string | undefined) {
    const fact = facts.find((candidate) => candidate.name === tool);
    if (fact === undefined) throw new Error(`no retail tool ${tool}`);
    const { context, problems } = toolCallContext({
      tool: fact,
      arguments: args,
      fields,
      dataClasses: [],
      endUser,
      agent: undefined,
      tags: [],
    });
    expect(problems).toEqual([]);
    return context;
  }

  function decide(tool: string, args: Record<string, unknown>, endUser?: string) {
    return engine.check({
      principal: { type: 'Agent', id: 'retail-agent' },
      action: 'tool.call',
      resource: { type: 'Tool', id: `retail/${tool}` },
      context: retailContext(tool, args, endUser),
    });
  }

  it('load as the server loads them: strict validation against Podium’s schema, arguments typed from the tools', () => {
    expect(Object.keys(loadRetailPolicies().policies)).toEqual([
      'retail-permit',
      'retail-cancel-reason',
      'retail-items-listed',
      'retail-new-items-listed',
      'retail-order-id-format',
      'retail-payment-method-format',
      'retail-one-user',
    ]);
  });

  describe.skipIf(directory === undefined)('over the benchmark’s ground truth', () => {
    let tasks: RetailTask[];
    beforeAll(() => {
      const { dev, train } = loadRetailTasks(directory ?? '');
      tasks = [...dev, ...train];
    });

    it('allow every ground-truth action of the 520 tasks, made for the task’s own user', () => {
      let checked = 0;
      for (const [index, task] of tasks.entries())
        for (const action of task.actions) {
          const answer = decide(action.name, action.kwargs, task.userId);
          expect({ index, action: action.name, ...answer }).toEqual({
            index,
            action: action.name,
            decision: 'allow',
            policies: ['retail-permit'],
            errors: [],
          });
          checked += 1;
        }
      expect(checked).toBe(793);
    });
  });

  it('deny calls that break a rule the arguments decide, naming the policy', () => {
    const order = '#W6779827';
    const items = {
      order_id: order,
      item_ids: ['7896397433'],
      new_item_ids: ['1'],
      payment_method_id: 'gift_card_7219486',
    };
    const address = { address1: '1 Main St', address2: '', city: 'Austin', state: 'TX', country: 'USA', zip: '78701' };
    const cases: [string, Record<string, unknown>, string, string?][] = [
      ['cancel_pending_order', { order_id: order, reason: 'too expensive' }, 'retail-cancel-reason'],
      ['cancel_pending_order', { order_id: order }, 'retail-cancel-reason'],
      ['exchange_delivered_order_items', { ...items, item_ids: [] }, 'retail-items-listed'],
      ['modify_pending_order_items', { ...items, item_ids: [] }, 'retail-items-listed'],
      ['modify_pending_order_items', { ...items, new_item_ids: [] }, 'retail-new-items-listed'],
      ['return_delivered_order_items', { order_id: order, payment_method_id: 'paypal_1' }, 'retail-items-listed'],
      ['get_order_details', { order_id: 'W6779827' }, 'retail-order-id-format'],
      [
        'modify_pending_order_payment',
        { order_id: order, payment_method_id: 'bitcoin_1' },
        'retail-payment-method-format',
      ],
      ['modify_user_address', { user_id: 'someone_else_1', ...address }, 'retail-one-user', 'ethan_lopez_6291'],
      ['get_user_details', { user_id: 'someone_else_1' }, 'retail-one-user', 'ethan_lopez_6291'],
    ];
    for (const [tool, args, policy, endUser] of cases)
      expect({ tool, policy, answer: decide(tool, args, endUser) }).toEqual({
        tool,
        policy,
        answer: { decision: 'deny', policies: [policy], errors: [] },
      });
    // The same calls within the rules are allowed.
    expect(decide('cancel_pending_order', { order_id: order, reason: 'ordered by mistake' }).decision).toBe('allow');
    expect(decide('get_user_details', { user_id: 'ethan_lopez_6291' }, 'ethan_lopez_6291').decision).toBe('allow');
    expect(decide('get_user_details', { user_id: 'ethan_lopez_6291' }).decision).toBe('allow');
    expect(decide('calculate', { expression: '1 + 1' }).decision).toBe('allow');
  });
});
