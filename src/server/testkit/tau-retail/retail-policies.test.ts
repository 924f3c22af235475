/**
 * The retail policies, evaluated by Podium's PolicyEngine over every ground-truth action of the 520
 * tasks (all allowed) and over calls that break a rule (denied, naming the policy). podium-schema.ts's
 * ToolContext does not yet carry upstream, tool, arguments and hints: the policies are validated here
 * against a local schema with the ToolContext the gateway will send (see localSchema).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PolicyEngine, podiumCedarSchema } from '../../governance/policies/index.js';
import type { LoadedPolicies } from '../../governance/policies/index.js';
import { retailDataDirectory, retailDataMissing } from './retail-data-directory.js';
import { loadRetailTasks } from './retail-tasks.js';
import type { RetailTask } from './retail-tasks.js';
import { retailToolContext } from './retail-tool-context.js';
import { retailTools } from './retail-tools.js';

const directory = retailDataDirectory();
if (directory === undefined) console.warn(retailDataMissing);

const policyFile = join(dirname(fileURLToPath(import.meta.url)), 'retail-policies.cedar');

/** Every top-level argument of the retail tools, typed as retailToolContext types it. */
const argumentAttributes = [
  ...new Map(
    retailTools.flatMap((tool) =>
      Object.entries(tool.parameters.properties).map(([name, schema]) => [
        name,
        schema.type === 'array' ? 'Set<String>' : schema.type === 'boolean' ? 'Bool' : 'String',
      ]),
    ),
  ),
]
  .map(([name, type]) => `${name}?: ${type}`)
  .join(', ');

/** podium-schema.ts with the ToolContext the tool gateway will build. */
const localSchema = podiumCedarSchema.replace(
  /type ToolContext = \{[^}]*\};/,
  `type ToolArguments = { ${argumentAttributes} };
  type ToolContext = {
    upstream: String,
    tool: String,
    arguments: ToolArguments,
    readOnlyHint?: Bool,
    destructiveHint?: Bool,
    dataClasses: Set<String>,
    endUser?: String,
    agent?: String,
    tags: Set<String>,
  };`,
);

function loadRetailPolicies(): LoadedPolicies {
  const text = readFileSync(policyFile, 'utf8');
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === 'failure') throw new Error(parts.errors.map((error) => error.message).join('; '));
  const policies = Object.fromEntries(
    parts.policies.map((policy, index) => [/@id\("([^"]+)"\)/.exec(policy)?.[1] ?? `retail#${index + 1}`, policy]),
  );
  const validation = cedar.validate({
    schema: localSchema,
    policies: { staticPolicies: policies },
    validationSettings: { mode: 'strict' },
  });
  if (validation.type === 'failure') throw new Error(validation.errors.map((error) => error.message).join('; '));
  const problems = [...validation.validationErrors, ...validation.validationWarnings].map(
    (problem) => `${problem.policyId}: ${problem.error.message}`,
  );
  if (problems.length > 0) throw new Error(problems.join('; '));
  return { policies, origins: {}, decisionFields: {} };
}

describe('the retail Cedar policies', () => {
  let engine: PolicyEngine;
  beforeAll(() => {
    engine = new PolicyEngine({ policies: loadRetailPolicies() });
  });

  function decide(tool: string, args: Record<string, unknown>, endUser?: string) {
    return engine.check({
      principal: { type: 'Agent', id: 'retail-agent' },
      action: 'tool.call',
      resource: { type: 'Tool', id: `retail/${tool}` },
      context: retailToolContext(tool, args, endUser === undefined ? {} : { endUser }),
    });
  }

  it('validate in strict mode against the schema with the tool gateway’s ToolContext', () => {
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
